import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.admin_files import StoredFileAdminMixin
from core.humanize import file_size

from .models import CatalogueRecord, Registration, Resource, Theme, TrainingSession

CSV_HEADER = [
    _("Session"),
    _("Premier jour"),
    _("Nom et prénom"),
    _("Adresse électronique"),
    _("Structure"),
    _("Téléphone"),
    _("Inscrit le"),
]
# A cell starting with one of these would run as a formula when the CSV is opened in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def registrations_csv(registrations, filename):
    """The registrations as a CSV attachment (UTF-8 with a BOM, so spreadsheets read accents)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(title) for title in CSV_HEADER])
    for registration in registrations.select_related("session").order_by(
        "session__start_date", "session__title", "name"
    ):
        writer.writerow(
            csv_cell(value)
            for value in (
                registration.session.title,
                registration.session.start_date.isoformat(),
                registration.name,
                registration.email,
                registration.organisation,
                registration.phone,
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            )
        )
    return response


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Resource)
class ResourceAdmin(StoredFileAdminMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "resource_type",
        "format_label",
        "publication_date",
        "download_count",
        "is_published",
    ]
    list_editable = ["is_published"]
    list_filter = ["is_published", "resource_type", "language", "themes"]
    search_fields = ["title", "summary", "partner_zone"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    date_hierarchy = "publication_date"
    readonly_fields = ["download_count", "stored_file"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "resource_type", "is_published"]}),
        (
            _("Description"),
            {"fields": ["summary", "themes", "partner_zone", "language", "publication_date"]},
        ),
        (
            _("Fichier ou lien"),
            {"fields": ["file", "stored_file", "external_url", "cover", "download_count"]},
        ),
        (_("Version anglaise"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
    ]

    @admin.display(description=_("format"))
    def format_label(self, resource):
        kind = resource.file_kind
        return kind.label if kind else _("lien externe")

    @admin.display(description=_("fichier enregistré"))
    def stored_file(self, resource):
        if not resource.file:
            return "–"
        size = resource.file_size
        label = resource.file_kind.label if resource.file_kind else "?"
        if size is None:
            return _("%(format)s, fichier introuvable sur le disque") % {"format": label}
        return f"{label}, {file_size(size)} ({resource.download_filename})"


@admin.register(CatalogueRecord)
class CatalogueRecordAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "authors", "year", "shelf_mark", "is_published"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "kind", "consultation", "themes"]
    search_fields = ["title", "authors", "publisher", "shelf_mark", "abstract", "places"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "shelf_mark", "is_published"]}),
        (_("Description"), {"fields": ["authors", "publisher", "year", "abstract"]}),
        (_("Indexation"), {"fields": ["themes", "places"]}),
        (_("Consultation"), {"fields": ["consultation", "consultation_notes", "url"]}),
    ]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "start_date",
        "duration_days",
        "place",
        "capacity",
        "registrations_count",
        "pending_count",
        "registration_deadline",
        "is_published",
    ]
    list_filter = ["is_published", "start_date"]
    search_fields = ["title", "place", "audience"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "start_date"
    actions = ["export_registrations"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "is_published"]}),
        (
            _("Dates et lieu"),
            {
                "fields": [
                    "start_date",
                    "end_date",
                    "duration_days",
                    "place",
                    "registration_deadline",
                ]
            },
        ),
        (_("Public et places"), {"fields": ["audience", "capacity"]}),
        (_("Programme"), {"fields": ["body"]}),
        (_("Version anglaise"), {"fields": ["title_en"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_places_left()

    @admin.display(description=_("inscrits"), ordering="registration_count")
    def registrations_count(self, session):
        return session.registration_count

    @admin.display(description=_("en attente de confirmation"), ordering="pending_count")
    def pending_count(self, session):
        return session.pending_count

    def has_view_registration_permission(self, request):
        return request.user.has_perm("cresi.view_registration")

    @admin.action(description=_("Exporter les inscrits (CSV)"), permissions=["view_registration"])
    def export_registrations(self, request, queryset):
        registrations = Registration.objects.confirmed().filter(session__in=queryset)
        if queryset.count() == 1:
            filename = f"inscrits-{queryset.get().slug}.csv"
        else:
            filename = "inscrits-formations-cresi.csv"
        return registrations_csv(registrations, filename)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Personal data: visible only with the registration permissions (the « CRESI » group).

    People register through the public form, which checks places and duplicates; staff do not
    add registrations here. A registration shows once its address is confirmed: before, it is
    a request anyone may have made with anyone's address.
    """

    list_display = ["name", "email", "organisation", "session", "confirmed_at"]
    list_filter = [("session", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["session"]
    search_fields = ["name", "email", "organisation"]
    readonly_fields = ["session", "consent_at", "created_at", "confirmed_at"]
    fields = [
        "session",
        "name",
        "email",
        "organisation",
        "phone",
        "consent_at",
        "created_at",
        "confirmed_at",
    ]
    actions = ["export_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).confirmed()

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Exporter la sélection (CSV)"), permissions=["view"])
    def export_selected(self, request, queryset):
        return registrations_csv(queryset, "inscrits-cresi.csv")
