"""A result, its indicators and their measured values are entered on one page: the result's.

Django's admin nests no inline in another; django-nested-admin (maintained, made for the
admin) does, so that staff do not go through one screen per indicator.
"""

import nested_admin
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_files import StoredFileAdminMixin

from .models import ActionDocument, Indicator, IndicatorValue, Result


class IndicatorValueInline(nested_admin.NestedTabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["period_start", "period_end", "value", "comment"]


class IndicatorInline(nested_admin.NestedStackedInline):
    model = Indicator
    extra = 0
    fields = [
        ("title", "title_en"),
        ("measure", "unit", "unit_en", "ascending"),
        ("baseline_value", "baseline_year"),
        ("target_value", "target_year"),
        "position",
    ]
    inlines = [IndicatorValueInline]


@admin.register(Result)
class ResultAdmin(nested_admin.NestedModelAdmin):
    list_display = ["title", "action", "eu_project", "position", "is_published"]
    list_filter = ["is_published", "action__zone"]
    list_select_related = ["action", "eu_project"]
    search_fields = ["title", "action__title", "eu_project__name"]
    autocomplete_fields = ["action", "eu_project"]
    fieldsets = [
        (None, {"fields": ["action", "eu_project", "title", "is_published", "position"]}),
        (_("Présentation"), {"fields": ["description", "title_en"]}),
    ]
    inlines = [IndicatorInline]


@admin.register(ActionDocument)
class ActionDocumentAdmin(StoredFileAdminMixin, admin.ModelAdmin):
    list_display = ["title", "action", "kind", "document_date", "is_published"]
    list_filter = ["is_published", "kind"]
    list_select_related = ["action"]
    search_fields = ["title", "action__title"]
    # Not an autocomplete: Éditeurs may not browse the CRESI library in the admin (its group
    # may), but choose a resource from the list.
    autocomplete_fields = ["action"]
    fields = [
        "action",
        "kind",
        "title",
        "title_en",
        "document_date",
        "file",
        "resource",
        "is_published",
    ]
