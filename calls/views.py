from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView, TemplateView

from core.forms import RateLimitedFormMixin

from . import services
from .choices import BudgetSide
from .forms import (
    ApplicationForm,
    AttachmentsForm,
    StartForm,
    budget_formset,
    budget_rows,
)
from .models import Application, Call


class CallListView(ListView):
    """Open calls first (closing soonest first), then coming, then past ones."""

    template_name = "calls/call_list.html"
    context_object_name = "calls"

    def get_queryset(self):
        return Call.objects.published().listing_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        calls = list(context["calls"])
        context["open_calls"] = [call for call in calls if call.phase == 0]
        context["coming_calls"] = [call for call in calls if call.phase == 1]
        context["past_calls"] = [call for call in calls if call.phase == 2]
        context["now"] = now
        return context


class CallDetailView(DetailView):
    template_name = "calls/call_detail.html"
    context_object_name = "call"

    def get_queryset(self):
        return Call.objects.published().select_related("rules", "budget_template")

    def get_context_data(self, **kwargs):
        call = self.object
        funded = Application.objects.for_call(call).funded_projects()
        return super().get_context_data(
            zones=call.zones.published().order_by("name"),
            attachment_kinds=call.attachment_kinds.all(),
            funded=funded,
            funded_total=sum(application.subsidy.granted_amount for application in funded),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ApplyView(RateLimitedFormMixin, FormView):
    """The first step of applying: an address, confirmed by the link e-mailed to it."""

    form_class = StartForm
    template_name = "calls/apply_form.html"
    rate_limit_group = "calls-apply"

    def dispatch(self, request, *args, **kwargs):
        self.call = get_object_or_404(Call.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def closed_page(self):
        return self.response_class(
            request=self.request,
            template=["calls/call_closed.html"],
            context={"call": self.call},
            using=self.template_engine,
        )

    def get(self, request, *args, **kwargs):
        if not self.call.is_open():
            return self.closed_page()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.call.is_open():
            return self.closed_page()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(call=self.call, **kwargs)

    def form_valid(self, form):
        try:
            services.application_start(
                call=self.call, email=form.cleaned_data["email"], language=get_language()
            )
        except services.CallClosed:
            return self.closed_page()
        return redirect("calls:apply-done", slug=self.call.slug)


class ApplyDoneView(DetailView):
    """Check your mailbox: names the call, never the address."""

    template_name = "calls/apply_done.html"
    context_object_name = "call"

    def get_queryset(self):
        return Call.objects.published()


class TokenMixin:
    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # Not « no-referrer »: browsers would then send « Origin: null » and fail the CSRF check.
        response["Referrer-Policy"] = "same-origin"
        return response


@method_decorator(never_cache, name="dispatch")
class ApplicationConfirmView(TokenMixin, TemplateView):
    """The link of the first e-mail: asks, then confirms with a POST (mail scanners follow
    links) and opens the application."""

    template_name = "calls/application_confirm.html"

    def page(self, state, status=200):
        application = self.application
        response = self.render_to_response(
            self.get_context_data(state=state, call=application.call if application else None)
        )
        response.status_code = status
        return response

    def get(self, request, *args, **kwargs):
        self.application = services.application_for_confirm_token(kwargs["token"])
        if self.application is None:
            return self.page("invalid", status=404)
        if self.application.email_confirmed_at is not None:
            return self.page("already")
        if self.application.confirm_before <= timezone.now():
            return self.page("expired", status=410)
        return self.page("ask")

    def post(self, request, *args, **kwargs):
        self.application = services.application_for_confirm_token(kwargs["token"])
        if self.application is None:
            return self.page("invalid", status=404)
        try:
            services.application_confirm(application=self.application)
        except services.ConfirmationExpired:
            return self.page("expired", status=410)
        return self.page("confirmed")


class ApplicationPage(View):
    """The application's private link: the form while it is a draft and the call open, then
    what was submitted and where its instruction stands."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.application = services.application_for_access_token(kwargs["token"])
        if self.application is None or self.application.email_confirmed_at is None:
            raise Http404

    def forms(self, data=None, files=None):
        application = self.application
        call = application.call
        items = list(application.budget_items.all())
        sent = {attachment.kind_id for attachment in application.attachments.all()}
        return {
            "form": ApplicationForm(data, instance=application, call=call),
            "expenses": budget_formset(
                "depenses", [i for i in items if i.side == BudgetSide.EXPENSE], data
            ),
            "resources": budget_formset(
                "ressources", [i for i in items if i.side == BudgetSide.RESOURCE], data
            ),
            "attachments": AttachmentsForm(data, files, call=call, sent=sent),
        }

    def render(self, status=200, **context):
        from django.template.response import TemplateResponse

        application = self.application
        if application.is_locked:
            template = "calls/application_status.html"
        elif not application.call.is_open():
            template = "calls/application_closed.html"
        else:
            template = "calls/application_form.html"
        expenses, resources = application.budget_totals()
        context = {
            "application": application,
            "call": application.call,
            "expenses_total": expenses,
            "resources_total": resources,
            "history": application.status_changes.all(),
            "attachments_sent": application.attachments.select_related("kind"),
            **context,
        }
        return TemplateResponse(self.request, template, context, status=status)

    def get(self, request, *args, **kwargs):
        if self.application.is_locked or not self.application.call.is_open():
            return self.render()
        return self.render(**self.forms())

    def rate_limited(self, request):
        return self.render(status=429, rate_limited=True, **self.forms())

    def post(self, request, *args, **kwargs):
        application = self.application
        if application.is_locked:
            return self.render(status=409)
        forms = self.forms(request.POST, request.FILES)
        submit = "submit" in request.POST
        valid = all(
            [
                forms["form"].is_valid(),
                forms["expenses"].is_valid(),
                forms["resources"].is_valid(),
                forms["attachments"].is_valid(),
            ]
        )
        if not valid:
            return self.render(**forms)
        try:
            self.application = services.application_update(
                application=application,
                values=forms["form"].service_values(),
                expenses=budget_rows(forms["expenses"]),
                resources=budget_rows(forms["resources"]),
                files=forms["attachments"].uploads(),
                submit=submit,
            )
        except services.CallClosed:
            self.application.refresh_from_db()
            return self.render(status=403)
        except services.ApplicationLocked:
            self.application.refresh_from_db()
            return self.render(status=409)
        except ValidationError as error:
            return self.render(budget_errors=self.attach(forms, error.message_dict), **forms)
        except services.SubmissionRefused as refused:
            return self.render(budget_errors=self.attach(forms, refused.errors), **forms)
        if submit:
            return redirect("calls:application-edit", token=kwargs["token"])
        return self.render(saved=True, **self.forms())

    @staticmethod
    def attach(forms, errors):
        """Puts each error beside its field; returns those of the budget table."""
        for field, messages in errors.items():
            for message in messages:
                if field in forms["form"].fields:
                    forms["form"].add_error(field, message)
                elif field in forms["attachments"].fields:
                    forms["attachments"].add_error(field, message)
        return errors.get("budget", [])


@method_decorator(never_cache, name="dispatch")
class ApplicationEditView(TokenMixin, RateLimitedFormMixin, ApplicationPage):
    rate_limit_group = "calls-application"
