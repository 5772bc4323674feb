from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Action, EmergencyAid, Partner, Zone


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    fields = ["name", "kind", "website"]
    show_change_link = True


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country_code", "since_year", "is_published", "updated_at"]
    list_editable = ["is_published"]
    list_filter = ["is_published", "kind"]
    search_fields = ["name", "summary", "country_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "is_published"]}),
        (_("Présentation"), {"fields": ["summary", "body", "since_year"]}),
        (_("Version anglaise"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
        (_("Carte"), {"fields": ["country_code", "latitude", "longitude"]}),
    ]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "zone", "kind"]
    list_filter = ["kind", "zone"]
    list_select_related = ["zone"]
    search_fields = ["name", "zone__name"]
    autocomplete_fields = ["zone"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "zone",
        "domain",
        "start_year",
        "end_year",
        "status",
        "contribution",
        "is_published",
    ]
    list_filter = ["is_published", "domain", "status", "zone"]
    list_select_related = ["zone"]
    search_fields = ["title", "summary", "zone__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["zone", "partners"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "zone", "domain", "status", "is_published"]}),
        (
            _("Période et financement"),
            {"fields": ["start_year", "end_year", "budget", "contribution"]},
        ),
        (_("Contenu"), {"fields": ["summary", "body", "partners"]}),
        (_("Version anglaise"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
    ]


@admin.register(EmergencyAid)
class EmergencyAidAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "year", "amount", "zone", "is_published"]
    list_filter = ["is_published", "year"]
    list_select_related = ["zone"]
    search_fields = ["title", "place", "summary"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["zone"]
