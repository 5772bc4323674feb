import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import KeywordsFilter, LocalizedModelChoiceFilter, YearFilter

from .choices import RecordKind, ResourceType
from .models import CatalogueRecord, Resource, Theme, TrainingSession


def all_themes(request):
    return Theme.objects.all()


def theme_filter():
    return LocalizedModelChoiceFilter(
        label=_("Thème"),
        queryset=all_themes,
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("Tous les thèmes"),
    )


class ThemeMixin:
    def filter_theme(self, queryset, name, value):
        return queryset.with_theme(value)


class ResourceFilter(ThemeMixin, django_filters.FilterSet):
    """Filters of the resource library; parameter names are part of the stable URLs."""

    type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="resource_type",
        choices=ResourceType.choices,
        empty_label=_("Tous les types"),
    )
    theme = theme_filter()
    q = KeywordsFilter()

    class Meta:
        model = Resource
        fields = ["type", "theme", "q"]


class CatalogueRecordFilter(ThemeMixin, django_filters.FilterSet):
    """Filters of the documentary base."""

    type = django_filters.ChoiceFilter(
        label=_("Nature"),
        field_name="kind",
        choices=RecordKind.choices,
        empty_label=_("Toutes les natures"),
    )
    theme = theme_filter()
    annee = YearFilter(label=_("Année de parution"), min_value=1800)
    q = KeywordsFilter()

    class Meta:
        model = CatalogueRecord
        fields = ["type", "theme", "annee", "q"]


class TrainingSessionFilter(django_filters.FilterSet):
    """The training calendar, by year and words (the site search's « Tous les résultats »)."""

    annee = YearFilter()
    q = KeywordsFilter()

    class Meta:
        model = TrainingSession
        fields = ["annee", "q"]
