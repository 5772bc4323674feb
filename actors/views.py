import csv

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from cooperation.models import Partner
from core.forms import RateLimitedFormMixin
from core.links import absolute_url
from core.mixins import CacheableQueryMixin
from europe.models import ProjectPartner
from subsidies.models import Beneficiary

from .filters import ActorFilter
from .forms import ActorRequestForm
from .models import Actor, ActorMerge
from .profiles import actor_profile, beneficiary_profile, partner_profile, project_partner_profile
from .services import (
    ConfirmationExpired,
    actor_request_confirm,
    actor_request_create,
    actor_request_for_confirm_token,
)


def directory_queryset():
    return Actor.objects.published().prefetch_related("zones")


class ActorListView(CacheableQueryMixin, FilterView):
    """The directory: the Essonne actors, paginated, then the partner structures abroad, both
    selected by the same filters, whose options are counted."""

    filterset_class = ActorFilter
    template_name = "actors/actor_list.html"
    context_object_name = "actors"
    paginate_by = 24

    def get_queryset(self):
        return directory_queryset()

    def get_context_data(self, **kwargs):
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        if valid:
            self.filterset.count_options()
        selected = self.object_list if valid else Actor.objects.none()
        return super().get_context_data(
            abroad=list(selected.abroad().order_by("name")),
            **kwargs,
        )

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(queryset.in_essonne(), page_size)


class ProfileView(TemplateView):
    template_name = "actors/actor_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=self.profile, **kwargs)


class ActorDetailView(ProfileView):
    """An actor's profile. The address of an actor merged into another leads to that one."""

    def get(self, request, *args, **kwargs):
        actor = Actor.objects.published().filter(slug=kwargs["slug"]).first()
        if actor is None:
            merge = ActorMerge.objects.filter(merged_slug=kwargs["slug"], kept__is_published=True)
            merge = merge.select_related("kept").first()
            if merge is None:
                raise Http404
            return redirect(merge.kept, permanent=True)
        self.profile = actor_profile(actor)
        return super().get(request, *args, **kwargs)


class RecordProfileView(ProfileView):
    """The profile behind a record of another app: its actor's if one stands behind it (a
    redirect), else one built from the record alone."""

    link = None

    def actor_behind(self, record):
        return Actor.objects.published().filter(**{self.link: record}).first()

    def get(self, request, *args, **kwargs):
        record = get_object_or_404(self.get_records(), pk=kwargs["pk"])
        actor = self.actor_behind(record)
        if actor is not None:
            return redirect(actor)
        self.profile = self.build(record)
        return super().get(request, *args, **kwargs)


class BeneficiaryProfileView(RecordProfileView):
    def get_records(self):
        return Beneficiary.objects.filter(subsidies__is_published=True).distinct()

    def actor_behind(self, record):
        return Actor.objects.published().behind_beneficiary(record)

    def build(self, record):
        return beneficiary_profile(record)


class PartnerProfileView(RecordProfileView):
    link = "partner_links__partner"

    def get_records(self):
        return Partner.objects.filter(zone__is_published=True).select_related("zone")

    def build(self, record):
        return partner_profile(record)


class ProjectPartnerProfileView(RecordProfileView):
    link = "project_partner_links__project_partner"

    def get_records(self):
        return ProjectPartner.objects.filter(project__is_published=True)

    def build(self, record):
        return project_partner_profile(record)


CSV_COLUMNS = [
    ("nom", "name"),
    ("type", "kind"),
    ("implantation", "location"),
    ("commune", "commune"),
    ("pays", "country"),
    ("siren", "siren"),
    ("rna", "rna"),
    ("site_web", "website"),
    ("zones", None),
    ("domaines", None),
    ("odd", None),
    ("adresse_fiche", None),
]


class ActorCsvExportView(View):
    """The published actors, with the directory's filters, as CSV: identifiers of structures
    only, never a contact detail."""

    def get(self, request):
        filterset = ActorFilter(
            request.GET,
            queryset=Actor.objects.published().prefetch_related("zones", "domains", "goals"),
        )
        if not filterset.is_valid():
            lines = [_("Filtre invalide, rien n'est exporté :")]
            for name, errors in filterset.errors.items():
                lines.extend(f"{name} : {error}" for error in errors)
            return HttpResponseBadRequest(
                "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="acteurs-essonne.csv"'
        writer = csv.writer(response)
        writer.writerow([column for column, _field in CSV_COLUMNS])
        for actor in filterset.qs.order_by("location", "name"):
            writer.writerow(
                [
                    actor.name,
                    actor.kind,
                    actor.location,
                    actor.commune,
                    actor.country.code if actor.country else "",
                    actor.siren,
                    actor.rna,
                    actor.website,
                    ";".join(zone.slug for zone in actor.zones.all() if zone.is_published),
                    ";".join(item.domain for item in actor.domains.all()),
                    ";".join(str(item.goal) for item in actor.goals.all()),
                    absolute_url(actor.get_absolute_url()),
                ]
            )
        return response


@method_decorator(never_cache, name="dispatch")
class ActorRequestView(RateLimitedFormMixin, FormView):
    """Ask to be listed, or to correct an entry: stored unconfirmed, then e-mail, then staff."""

    form_class = ActorRequestForm
    template_name = "actors/actorrequest_form.html"
    success_url = reverse_lazy("actors:request-done")
    rate_limit_group = "actors-request"

    def get_initial(self):
        initial = super().get_initial()
        slug = self.request.GET.get("acteur", "")
        if slug and Actor.objects.published().filter(slug=slug).exists():
            initial.update(actor=slug, request_kind="correction")
        return initial

    def form_valid(self, form):
        try:
            actor_request_create(
                **form.service_arguments(), language=get_language() or settings.LANGUAGE_CODE
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return super().form_valid(form)


class ActorRequestDoneView(TemplateView):
    template_name = "actors/actorrequest_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirmation_hours=settings.CONFIRMATION_LINK_HOURS, **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class ActorRequestConfirmView(TemplateView):
    """The e-mailed link: asks, then confirms with a POST (mail scanners follow links)."""

    template_name = "actors/actorrequest_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.actor_request = actor_request_for_confirm_token(kwargs["token"])
        response = super().dispatch(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    def page(self, state, status=200):
        response = self.render_to_response(
            self.get_context_data(state=state, actor_request=self.actor_request)
        )
        response.status_code = status
        return response

    def get(self, request, *args, **kwargs):
        if self.actor_request is None:
            return self.page("invalid", status=404)
        if self.actor_request.confirmed_at is not None:
            return self.page("already")
        if self.actor_request.confirm_before <= timezone.now():
            return self.page("expired", status=410)
        return self.page("ask")

    def post(self, request, *args, **kwargs):
        if self.actor_request is None:
            return self.page("invalid", status=404)
        if self.actor_request.confirmed_at is not None:
            return self.page("already")
        try:
            self.actor_request = actor_request_confirm(actor_request=self.actor_request)
        except ConfirmationExpired:
            return self.page("expired", status=410)
        return self.page("confirmed")
