from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from core.forms import RateLimitedFormMixin
from core.mixins import CacheableQueryMixin, CountViewMixin, PreviewableMixin

from .choices import OBTAINED_STATUSES
from .filters import EUProjectFilter
from .forms import SupportRequestForm
from .models import EUProject
from .services import (
    ConfirmationExpired,
    support_request_confirm,
    support_request_create,
    support_request_for_confirm_token,
)


def project_queryset():
    return (
        EUProject.objects.published().select_related("zone").prefetch_related("themes", "partners")
    )


class EuropeHomeView(CacheableQueryMixin, FilterView):
    """What the mission Europe does, the EU funds obtained, and the projects, filterable."""

    filterset_class = EUProjectFilter
    template_name = "europe/euproject_list.html"
    context_object_name = "projects"
    paginate_by = 12

    def get_queryset(self):
        return project_queryset()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            overall=EUProject.objects.published().presented().totals(),
            totals=self.object_list.totals(),
            obtained_statuses=[status.label for status in OBTAINED_STATUSES],
            **kwargs,
        )


class EUProjectDetailView(PreviewableMixin, CountViewMixin, DetailView):
    template_name = "europe/euproject_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return project_queryset()


# Never cached, by the page cache or the browser: each visitor needs their own CSRF token.
@method_decorator(never_cache, name="dispatch")
class SupportRequestView(RateLimitedFormMixin, FormView):
    """The support request form: validated whole, stored by the service, then redirected."""

    form_class = SupportRequestForm
    template_name = "europe/supportrequest_form.html"
    success_url = reverse_lazy("europe:support-request-done")
    rate_limit_group = "europe-support-request"

    def form_valid(self, form):
        try:
            support_request_create(
                **form.service_arguments(), language=get_language() or settings.LANGUAGE_CODE
            )
        except ValidationError as error:
            # The service's own rules (daily limit per address): shown like the form's errors.
            form.add_error(None, error)
            return self.form_invalid(form)
        return super().form_valid(form)


class SupportRequestDoneView(TemplateView):
    """The page after the form: check your mailbox."""

    template_name = "europe/supportrequest_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirmation_hours=settings.CONFIRMATION_LINK_HOURS, **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class SupportRequestConfirmView(TemplateView):
    """The link of the first email: shows the request, what the visitor typed included (to
    whoever holds the link: the owner of the address), and confirms it with a POST, which
    passes it on to the mission Europe. Once it is confirmed, the link shows only that it is.

    Asking first keeps mail scanners that follow links from confirming anything. The token in
    the address is never sent to another site as a referrer.
    """

    template_name = "europe/supportrequest_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        self.support_request = support_request_for_confirm_token(kwargs["token"])
        response = super().dispatch(request, *args, **kwargs)
        # Not « no-referrer »: browsers would then send « Origin: null » and fail the CSRF check.
        response["Referrer-Policy"] = "same-origin"
        return response

    def page(self, state, status=200):
        response = self.render_to_response(
            self.get_context_data(state=state, support_request=self.support_request)
        )
        response.status_code = status
        return response

    def get(self, request, *args, **kwargs):
        support_request = self.support_request
        if support_request is None:
            return self.page("invalid", status=404)
        if support_request.confirmed_at is not None:
            return self.page("already")
        if support_request.confirm_before <= timezone.now():
            return self.page("expired", status=410)
        return self.page("ask")

    def post(self, request, *args, **kwargs):
        if self.support_request is None:
            return self.page("invalid", status=404)
        if self.support_request.confirmed_at is not None:
            return self.page("already")
        try:
            self.support_request = support_request_confirm(support_request=self.support_request)
        except ConfirmationExpired:
            return self.page("expired", status=410)
        return self.page("confirmed")
