"""The « Appels à projets » staff run the calls and instruct the applications here: statuses
with who and when (the « Instruire » page), scores per criterion, the committee view of each
call with its CSV export. Applications come from the public form: nobody adds one here, and
what the applicant typed is read-only."""

import csv

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_files import StoredFileAdminMixin

from . import services
from .choices import TRANSITIONS, ApplicationStatus
from .models import (
    Application,
    Attachment,
    AttachmentKind,
    BudgetItem,
    Call,
    Criterion,
    Score,
    StatusChange,
)
from .selectors import committee_summary

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class AttachmentKindInline(admin.TabularInline):
    model = AttachmentKind
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "envelope", "committee_link", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "purpose"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["zones"]
    autocomplete_fields = ["rules", "budget_template"]
    inlines = [AttachmentKindInline, CriterionInline]
    exclude = ["search_vector"]

    def get_urls(self):
        return [
            path(
                "<int:pk>/comite/",
                self.admin_site.admin_view(self.committee_view),
                name="calls_call_committee",
            ),
            path(
                "<int:pk>/comite.csv",
                self.admin_site.admin_view(self.committee_csv),
                name="calls_call_committee_csv",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("comité"))
    def committee_link(self, call):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:calls_call_committee", args=[call.pk]),
            _("Vue du comité"),
        )

    def _call(self, request, pk):
        if not request.user.has_perm("calls.view_application"):
            raise PermissionDenied
        return get_object_or_404(Call, pk=pk)

    def committee_view(self, request, pk):
        call = self._call(request, pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Comité : %s") % call,
            "call": call,
            **committee_summary(call),
        }
        return TemplateResponse(request, "admin/calls/committee.html", context)

    def committee_csv(self, request, pk):
        call = self._call(request, pk)
        summary = committee_summary(call)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="comite-{call.slug}.csv"'
        response["Cache-Control"] = "no-store"
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                str(title)
                for title in (
                    _("Numéro"),
                    _("Structure"),
                    _("Projet"),
                    _("Zone"),
                    _("Domaine"),
                    _("Statut"),
                    _("Note"),
                    _("Montant demandé"),
                    _("Montant proposé"),
                    _("Montant accordé"),
                )
            ]
        )
        for application in summary["applications"]:
            writer.writerow(
                csv_cell(value)
                for value in (
                    application.reference,
                    application.organisation,
                    application.title,
                    application.zone.name if application.zone else "",
                    application.get_domain_display(),
                    application.get_status_display(),
                    application.score_total(),
                    application.amount_requested,
                    application.proposed_amount,
                    application.granted_amount,
                )
            )
        return response


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BudgetItemInline(ReadOnlyInline):
    model = BudgetItem
    fields = ["side", "label", "amount"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["kind", "download", "uploaded_at"]
    readonly_fields = fields

    @admin.display(description=_("fichier"))
    def download(self, attachment):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:calls_attachment_stored_file", args=[attachment.pk, "file"]),
            _("Télécharger"),
        )


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["from_status", "to_status", "changed_by", "changed_at", "note", "envelope_override"]
    readonly_fields = fields


class ScoreInline(admin.TabularInline):
    model = Score
    extra = 0
    fields = ["criterion", "score", "comment"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "criterion":
            application_id = request.resolver_match.kwargs.get("object_id")
            application = Application.objects.filter(pk=application_id).first()
            kwargs["queryset"] = Criterion.objects.filter(
                call_id=application.call_id if application else None
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


APPLICANT_READONLY = [
    "call",
    "status",
    "reference",
    "submitted_at",
    "email",
    "organisation",
    "siret",
    "rna",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_phone",
    "title",
    "zone",
    "partner",
    "domain",
    "summary",
    "objectives",
    "expected_results",
    "indicators",
    "start_date",
    "end_date",
    "amount_requested",
    "not_admissible_reason",
    "committee_date",
    "proposed_amount",
    "granted_amount",
    "refusal_reason",
    "envelope_override_reason",
    "subsidy",
    "score",
    "instruct_link",
]


class InstructForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Nouveau statut"))
    note = forms.CharField(
        label=_("Motif ou précision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le motif d'une non-recevabilité ou d'un refus est envoyé au candidat."),
    )
    committee_date = forms.DateField(
        label=_("Date du comité"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.DecimalField(
        label=_("Montant proposé ou accordé (€)"), required=False, max_digits=12, decimal_places=2
    )
    override_reason = forms.CharField(
        label=_("Motif du dépassement de l'enveloppe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seulement pour accorder au-delà de l'enveloppe ; il est consigné."),
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status.value, status.label)
            for status in ApplicationStatus
            if status in TRANSITIONS[ApplicationStatus(application.status)]
        ]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "status", "amount_requested", "granted_amount"]
    list_filter = ["call", "status"]
    list_select_related = ["call"]
    search_fields = ["reference", "organisation", "title"]
    readonly_fields = APPLICANT_READONLY
    fields = APPLICANT_READONLY
    inlines = [BudgetItemInline, AttachmentInline, ScoreInline, StatusChangeInline]
    actions = ["create_actions"]

    @admin.action(
        description=_("Faire des projets accordés des actions de coopération (brouillons)"),
        permissions=["change"],
    )
    def create_actions(self, request, queryset):
        for application in queryset:
            try:
                action = services.application_create_action(application=application)
            except services.ApplicationError as error:
                self.message_user(request, f"{application} : {error}", messages.WARNING)
            except ValidationError as error:
                self.message_user(
                    request, f"{application} : {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    _("Action de coopération « %(action)s » créée, à publier par les éditeurs.")
                    % {"action": action},
                    messages.SUCCESS,
                )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("note pondérée"))
    def score(self, application):
        return application.score_total()

    @admin.display(description=_("instruction"))
    def instruct_link(self, application):
        if not TRANSITIONS[ApplicationStatus(application.status)]:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:calls_application_instruct", args=[application.pk]),
            _("Changer le statut"),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/instruire/",
                self.admin_site.admin_view(self.instruct_view),
                name="calls_application_instruct",
            ),
            *super().get_urls(),
        ]

    def instruct_view(self, request, pk):
        application = get_object_or_404(Application, pk=pk)
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        form = InstructForm(request.POST or None, application=application)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if data["to_status"] == ApplicationStatus.GRANTED:
                    services.application_grant(
                        application=application,
                        amount=data["amount"] or application.proposed_amount,
                        by=request.user,
                        override_reason=data["override_reason"],
                    )
                else:
                    services.application_change_status(
                        application=application,
                        to_status=data["to_status"],
                        by=request.user,
                        note=data["note"],
                        committee_date=data["committee_date"],
                        proposed_amount=data["amount"],
                    )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    field = {"proposed_amount": "amount"}.get(field, field)
                    form.add_error(field if field in form.fields else None, errors)
            except services.EnvelopeExceeded as error:
                form.add_error("override_reason", str(error))
            except services.ApplicationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Statut enregistré."))
                return redirect("admin:calls_application_change", application.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Instruire : %s") % application,
            "application": application,
            "form": form,
        }
        return TemplateResponse(request, "admin/calls/instruct.html", context)


@admin.register(Attachment)
class AttachmentAdmin(StoredFileAdminMixin, admin.ModelAdmin):
    """Reached from an application's page: each file is downloaded through the admin."""

    list_display = ["__str__", "application", "uploaded_at"]
    readonly_fields = ["application", "kind", "file", "uploaded_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_model_perms(self, request):
        return {}  # not in the admin's index: attachments are read from their application
