from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .forms import DevelopmentTagsFormMixin
from .models import (
    Action,
    CodeList,
    DacCategory,
    DacPurpose,
    EmergencyAid,
    Partner,
    SdgGoal,
    SdgTarget,
    Zone,
)


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0
    fields = ["name", "kind", "website"]
    show_change_link = True


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "country_code",
        "since_year",
        "is_oda_eligible",
        "is_published",
        "updated_at",
    ]
    list_editable = ["is_published"]
    list_filter = ["is_published", "kind", "is_oda_eligible"]
    search_fields = ["name", "summary", "country_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "is_published"]}),
        (_("Présentation"), {"fields": ["summary", "body", "since_year"]}),
        (_("Version anglaise"), {"fields": ["name_en", "summary_en"], "classes": ["collapse"]}),
        (_("Carte"), {"fields": ["country_code", "latitude", "longitude"]}),
        (_("Aide publique au développement"), {"fields": ["is_oda_eligible"]}),
    ]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "zone", "kind"]
    list_filter = ["kind", "zone"]
    list_select_related = ["zone"]
    search_fields = ["name", "zone__name"]
    autocomplete_fields = ["zone"]


TAGS_FIELDSET = (
    _("Objectifs de développement durable et code CAD"),
    {"fields": ["sdg_goals", "sdg_targets", "dac_purpose"]},
)


class DevelopmentTagsForm(DevelopmentTagsFormMixin, forms.ModelForm):
    pass


class DevelopmentTagsAdminMixin:
    """Goals and targets as checkboxes-in-a-box, the purpose code found by typing it."""

    form = DevelopmentTagsForm
    filter_horizontal = ["sdg_goals", "sdg_targets"]
    autocomplete_fields = ["dac_purpose"]


@admin.register(Action)
class ActionAdmin(DevelopmentTagsAdminMixin, admin.ModelAdmin):
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
    autocomplete_fields = ["zone", "partners", "dac_purpose"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "zone", "domain", "status", "is_published"]}),
        (
            _("Période et financement"),
            {"fields": ["start_year", "end_year", "budget", "contribution"]},
        ),
        (_("Contenu"), {"fields": ["summary", "body", "partners"]}),
        TAGS_FIELDSET,
        (_("Version anglaise"), {"fields": ["title_en", "summary_en"], "classes": ["collapse"]}),
    ]


@admin.register(EmergencyAid)
class EmergencyAidAdmin(DevelopmentTagsAdminMixin, admin.ModelAdmin):
    list_display = ["title", "place", "year", "amount", "zone", "is_published"]
    list_filter = ["is_published", "year"]
    list_select_related = ["zone"]
    search_fields = ["title", "place", "summary"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["zone", "dac_purpose"]


class CodeListAdminMixin:
    """The official code lists are loaded by ``refresh_codelists``, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CodeList)
class CodeListAdmin(CodeListAdminMixin, admin.ModelAdmin):
    list_display = ["name", "title", "version", "item_count", "refreshed_at", "source"]


@admin.register(SdgGoal)
class SdgGoalAdmin(CodeListAdminMixin, admin.ModelAdmin):
    list_display = ["number", "name", "is_active"]
    search_fields = ["=number", "name", "name_en"]


@admin.register(SdgTarget)
class SdgTargetAdmin(CodeListAdminMixin, admin.ModelAdmin):
    list_display = ["code", "goal", "is_active"]
    list_filter = ["goal"]
    search_fields = ["code", "name", "name_en"]


@admin.register(DacCategory)
class DacCategoryAdmin(CodeListAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    search_fields = ["code", "name", "name_en"]


@admin.register(DacPurpose)
class DacPurposeAdmin(CodeListAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "category", "is_active"]
    list_filter = ["is_active", "category"]
    list_select_related = ["category"]
    search_fields = ["code", "name", "name_en"]

    def get_search_results(self, request, queryset, search_term):
        """The autocomplete of a record's purpose offers only codes in force."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete"):
            queryset = queryset.filter(is_active=True)
        return queryset, may_have_duplicates
