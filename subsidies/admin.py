import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.templatetags.formatting import euros

from .apd import oda_csv_rows, oda_declaration
from .forms import (
    OdaDeclarationForm,
    SubsidyAdminForm,
    SubsidyImportConfirmForm,
    SubsidyImportForm,
)
from .models import Beneficiary, BudgetLine, Subsidy
from .services import StagedImportExpired, subsidy_import_confirm, subsidy_import_stage


@admin.register(BudgetLine)
class BudgetLineAdmin(SimpleHistoryAdmin):
    list_display = ["year", "line", "amount", "is_published", "updated_at"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "year", "line"]
    search_fields = ["note"]
    fields = ["year", "line", "amount", "note", "is_published"]
    history_list_display = ["amount", "is_published"]


@admin.register(Beneficiary)
class BeneficiaryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "siret", "rna"]
    list_filter = ["kind"]
    search_fields = ["name", "siret", "rna"]


@admin.register(Subsidy)
class SubsidyAdmin(SimpleHistoryAdmin):
    form = SubsidyAdminForm
    # Fits a 1 280 px screen: amounts written as on the site, the zone and the domain in one
    # column (templates/admin/…/change_list.html and static/css/admin.css let long texts wrap).
    list_display = [
        "convention_date",
        "reference",
        "beneficiary",
        "amount_display",
        "zone_and_domain",
        "is_published",
    ]
    list_filter = ["is_published", "domain", "zone", "nature", "payment_conditions"]
    list_select_related = ["beneficiary", "zone"]
    search_fields = ["reference", "object", "beneficiary__name", "siret", "beneficiary__siret"]
    readonly_fields = ["granted_amount"]
    date_hierarchy = "convention_date"
    autocomplete_fields = ["beneficiary", "zone", "action", "dac_purpose"]
    filter_horizontal = ["sdg_goals", "sdg_targets"]
    show_full_result_count = False
    history_list_display = ["amount", "is_published"]
    change_list_template = "admin/subsidies/subsidy/change_list.html"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "convention_date",
                    "beneficiary",
                    ("siret", "rna"),
                    "object",
                    "is_published",
                ]
            },
        ),
        (
            _("Montant et versement"),
            {
                "fields": [
                    "amount",
                    "share",
                    "granted_amount",
                    "nature",
                    "payment_conditions",
                    "payment_conditions_text",
                    ("payment_start", "payment_end"),
                ]
            },
        ),
        (
            _("Rattachement à la politique internationale"),
            {"fields": ["zone", "action", "domain"]},
        ),
        (
            _("Objectifs de développement durable et code CAD"),
            {"fields": ["sdg_goals", "sdg_targets", "dac_purpose"]},
        ),
        (
            _("Références nationales"),
            {"fields": ["eu_notification", "rae_id", "aid_scheme"], "classes": ["collapse"]},
        ),
    ]

    @admin.display(description=_("montant total"), ordering="amount")
    def amount_display(self, obj):
        return euros(obj.amount)

    @admin.display(description=_("zone et domaine"), ordering="zone__name")
    def zone_and_domain(self, obj):
        parts = [str(part) for part in (obj.zone, obj.get_domain_display()) if part]
        return format_html_join(mark_safe("<br>"), "{}", ((part,) for part in parts)) or "—"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="subsidies_subsidy_import",
            ),
            path(
                "apd/",
                self.admin_site.admin_view(self.oda_declaration_view),
                name="subsidies_subsidy_apd",
            ),
            *super().get_urls(),
        ]

    def oda_declaration_view(self, request):
        """The year's APD declaration figures: on screen, printable (``?imprimer=1``), or as a
        CSV file (``?format=csv``)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        latest = Subsidy.objects.published().latest_year() or timezone.localdate().year
        form = OdaDeclarationForm(request.GET or None, initial={"annee": latest})
        year = latest
        if form.is_bound:
            year = form.cleaned_data["annee"] if form.is_valid() else None
        declaration = oda_declaration(year) if year else None
        if declaration and request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="declaration-apd-{year}.csv"'
            writer = csv.writer(response)
            writer.writerows(oda_csv_rows(declaration))
            return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Déclaration d'aide publique au développement"),
            "form": form,
            "declaration": declaration,
        }
        template = "admin/subsidies/subsidy/apd.html"
        if request.GET.get("imprimer"):
            template = "admin/subsidies/subsidy/apd_print.html"
        return TemplateResponse(request, template, context)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": self.has_import_permission(request),
        }
        return super().changelist_view(request, extra_context=extra_context)

    def import_view(self, request):
        """Upload, preview every error or what would change, then confirm: all or nothing."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer des décisions (format SCDL)"),
        }
        if request.method == "POST" and "token" in request.POST:
            return self.import_confirm(request, context)
        if request.method == "POST":
            form = SubsidyImportForm(request.POST, request.FILES)
        else:
            form = SubsidyImportForm()
        if form.is_bound and form.is_valid():
            upload = form.cleaned_data["file"]
            staged = subsidy_import_stage(
                data=upload.read(),
                filename=upload.name,
                publish=form.cleaned_data["publish"],
                user=request.user,
            )
            context["report"] = staged.report
            if staged.token:
                context["confirm_form"] = SubsidyImportConfirmForm(initial={"token": staged.token})
        context["form"] = form
        return TemplateResponse(request, "admin/subsidies/subsidy/import.html", context)

    def import_confirm(self, request, context):
        confirm = SubsidyImportConfirmForm(request.POST)
        token = confirm.cleaned_data["token"] if confirm.is_valid() else ""
        try:
            report = subsidy_import_confirm(token=token, user=request.user)
        except StagedImportExpired:
            messages.error(
                request, _("Cet aperçu a expiré ou n'est plus valide : déposez le fichier.")
            )
            return redirect("admin:subsidies_subsidy_import")
        if not report.accepted:
            context.update(report=report, form=SubsidyImportForm())
            return TemplateResponse(request, "admin/subsidies/subsidy/import.html", context)
        messages.success(
            request,
            _(
                "Import de %(file)s terminé : %(created)s décision(s) nouvelle(s), "
                "%(updated)s mise(s) à jour, %(unchanged)s inchangée(s)."
            )
            % {
                "file": report.filename,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
        return redirect(reverse("admin:subsidies_subsidy_changelist"))
