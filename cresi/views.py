from django.conf import settings
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from core.cache import cached_until_content_changes
from core.forms import RateLimitedFormMixin
from core.mixins import CacheableQueryMixin, PreviewableMixin

from . import services
from .filters import CatalogueRecordFilter, ResourceFilter, TrainingSessionFilter
from .forms import RegistrationForm
from .models import CatalogueRecord, Resource, Theme, TrainingSession

# A downloaded or displayed file can never run in the portal's origin.
UPLOAD_CSP = "default-src 'none'; sandbox"


def themes_prefetch():
    return Prefetch("themes", queryset=Theme.objects.order_by("name"))


class CresiHomeView(TemplateView):
    """The centre's front page: what it offers, with counts computed from the records."""

    template_name = "cresi/home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        resources = Resource.objects.published()
        sessions = TrainingSession.objects.published()
        figure_year = sessions.last_full_year(today)
        return super().get_context_data(
            resource_count=resources.count(),
            record_count=CatalogueRecord.objects.published().count(),
            upcoming_count=sessions.upcoming(today).count(),
            figure_year=figure_year,
            figure_days=sessions.in_year(figure_year).total_days() if figure_year else None,
            latest_resources=resources.prefetch_related(themes_prefetch())[:4],
            next_sessions=sessions.upcoming(today).with_places_left().calendar_order(today)[:3],
            **kwargs,
        )


class ResourceListView(CacheableQueryMixin, FilterView):
    filterset_class = ResourceFilter
    template_name = "cresi/resource_list.html"
    context_object_name = "resources"
    paginate_by = 20

    def get_queryset(self):
        return Resource.objects.published().prefetch_related(themes_prefetch())


class ResourceDetailView(PreviewableMixin, DetailView):
    template_name = "cresi/resource_detail.html"
    context_object_name = "resource"

    def get_queryset(self):
        return Resource.objects.published().prefetch_related(themes_prefetch())


def _attachment(storage, name, *, filename, content_type, as_attachment=True):
    try:
        stream = storage.open(name, "rb")
    except OSError as error:  # the record outlived its file
        raise Http404 from error
    response = FileResponse(
        stream, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = UPLOAD_CSP
    return response


class ResourceDownloadView(View):
    """Serves a published resource's file under its own name, or sends to its external link."""

    def get(self, request, slug):
        # A download is never served from the page cache (a file, counted): what it needs is
        # kept until the next content change instead, so a download costs no query.
        download = cached_until_content_changes(
            "resource-download", Resource.objects.published().download, slug
        )
        if download is None:
            raise Http404
        if download["external_url"]:
            response = HttpResponseRedirect(download["external_url"])
        else:
            response = _attachment(
                Resource._meta.get_field("file").storage,
                download["file"],
                filename=download["filename"],
                content_type=download["content_type"],
            )
        if request.method == "GET":
            services.resource_record_download(resource=Resource(pk=download["pk"]))
        return response


class ResourceCoverView(View):
    """A published resource's cover image, shown inline on its pages."""

    def get(self, request, slug):
        resource = get_object_or_404(Resource.objects.published().exclude(cover=""), slug=slug)
        kind = resource.cover_kind
        if kind is None:
            raise Http404
        response = _attachment(
            resource.cover.storage,
            resource.cover.name,
            filename=f"{resource.slug}.{kind.extension}",
            content_type=kind.content_type,
            as_attachment=False,
        )
        response["Cache-Control"] = "public, max-age=86400"
        return response


class CatalogueRecordListView(CacheableQueryMixin, FilterView):
    filterset_class = CatalogueRecordFilter
    template_name = "cresi/cataloguerecord_list.html"
    context_object_name = "records"
    paginate_by = 20

    def get_queryset(self):
        return CatalogueRecord.objects.published().prefetch_related(themes_prefetch())


class CatalogueRecordDetailView(PreviewableMixin, DetailView):
    template_name = "cresi/cataloguerecord_detail.html"
    context_object_name = "record"

    def get_queryset(self):
        return CatalogueRecord.objects.published().prefetch_related(themes_prefetch())


class TrainingSessionListView(CacheableQueryMixin, FilterView):
    """The coming sessions first, then the past ones, each with its places left."""

    filterset_class = TrainingSessionFilter
    template_name = "cresi/trainingsession_list.html"
    context_object_name = "sessions"
    paginate_by = 20

    def get_queryset(self):
        return TrainingSession.objects.published().with_places_left().calendar_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        year = filterset.form.cleaned_data.get("annee") if filterset.is_valid() else None
        if year:
            context["year"] = year
            context["year_days"] = TrainingSession.objects.published().in_year(year).total_days()
        sessions = list(context["sessions"])
        context["upcoming_sessions"] = [session for session in sessions if session.is_upcoming]
        context["past_sessions"] = [session for session in sessions if not session.is_upcoming]
        return context


class TrainingSessionDetailView(PreviewableMixin, DetailView):
    template_name = "cresi/trainingsession_detail.html"
    context_object_name = "session"

    def get_queryset(self):
        return TrainingSession.objects.published().with_places_left()


@method_decorator(never_cache, name="dispatch")
class RegistrationView(RateLimitedFormMixin, FormView):
    """Registers for a session; a clear page instead of the form once full or closed."""

    form_class = RegistrationForm
    template_name = "cresi/registration_form.html"
    rate_limit_group = "cresi-registration"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            TrainingSession.objects.published().with_places_left(), slug=kwargs["slug"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.unavailable_page() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.unavailable_page() or super().post(request, *args, **kwargs)

    def unavailable_page(self, error=None):
        """The « inscriptions closes » or « complet » page, or ``None`` if the form is open."""
        session = self.session
        if isinstance(error, services.RegistrationClosed) or not session.registration_is_open():
            template = "cresi/registration_closed.html"
        elif isinstance(error, services.SessionFull) or session.places_left <= 0:
            template = "cresi/registration_full.html"
        else:
            return None
        return self.response_class(
            request=self.request,
            template=[template],
            context={"session": session},
            using=self.template_engine,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def form_valid(self, form):
        try:
            services.registration_create(
                session=self.session,
                language=get_language(),
                **form.service_arguments(),
            )
        except services.AlreadyRegistered as error:
            form.add_error("email", str(error))
            return self.form_invalid(form)
        except (services.RegistrationClosed, services.SessionFull) as error:
            return self.unavailable_page(error)
        return redirect("cresi:registration-done", slug=self.session.slug)


class RegistrationDoneView(DetailView):
    """The page after the form: check your mailbox. It names the session, never the person."""

    template_name = "cresi/registration_done.html"
    context_object_name = "session"

    def get_queryset(self):
        return TrainingSession.objects.published()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirmation_hours=settings.CONFIRMATION_LINK_HOURS, **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class RegistrationConfirmView(TemplateView):
    """The link of the first email: shows the request, what the visitor typed included (to
    whoever holds the link: the owner of the address), and confirms it with a POST. Once it is
    confirmed, the link shows only that it is.

    Asking first keeps mail scanners that follow links from confirming anything. The token in
    the address is never sent to another site as a referrer.
    """

    template_name = "cresi/registration_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = services.registration_for_confirm_token(kwargs["token"])
        response = super().dispatch(request, *args, **kwargs)
        # Not « no-referrer »: browsers would then send « Origin: null » and fail the CSRF check.
        response["Referrer-Policy"] = "same-origin"
        return response

    def page(self, state, status=200):
        registration = self.registration
        response = self.render_to_response(
            self.get_context_data(
                state=state,
                registration=registration,
                session=registration.session if registration else None,
            )
        )
        response.status_code = status
        return response

    def get(self, request, *args, **kwargs):
        registration = self.registration
        if registration is None:
            return self.page("invalid", status=404)
        if registration.confirmed_at is not None:
            return self.page("already")  # what was typed is shown no more
        if registration.confirm_before <= timezone.now():
            return self.page("expired", status=410)
        return self.page("ask")

    def post(self, request, *args, **kwargs):
        if self.registration is None:
            return self.page("invalid", status=404)
        try:
            self.registration = services.registration_confirm(
                registration=self.registration, language=get_language()
            )
        except services.ConfirmationExpired:
            return self.page("expired", status=410)
        except services.SessionFull:
            return self.page("full")
        except services.RegistrationClosed:
            return self.page("closed")
        return self.page("confirmed")


@method_decorator(never_cache, name="dispatch")
class RegistrationCancelView(TemplateView):
    """The link of the confirmation email: asks to confirm (a POST), then frees the place.

    Asking first keeps mail scanners that follow links from cancelling anything. The token in
    the address is never sent to another site as a referrer.
    """

    template_name = "cresi/registration_cancel.html"

    def dispatch(self, request, *args, **kwargs):
        self.registration = services.registration_for_token(kwargs["token"])
        response = super().dispatch(request, *args, **kwargs)
        # Not « no-referrer »: browsers would then send « Origin: null » and fail the CSRF check.
        response["Referrer-Policy"] = "same-origin"
        return response

    def get_context_data(self, **kwargs):
        registration = self.registration
        return super().get_context_data(
            session=registration.session if registration else None,
            too_late=bool(registration) and registration.session.start_date <= timezone.localdate(),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.registration is None:
            response.status_code = 404
        return response

    def post(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        if self.registration is None or context["too_late"]:
            return self.get(request, *args, **kwargs)
        services.registration_cancel(registration=self.registration)
        return self.render_to_response({**context, "cancelled": True})
