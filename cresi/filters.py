import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from essonne_intl.filters import LocalizedModelChoiceFilter

from .choices import RecordKind, ResourceType
from .models import CatalogueRecord, Resource, Theme, TrainingSession

MAX_QUERY_LENGTH = 200


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


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


def search_filter():
    return django_filters.CharFilter(
        label=_("Mots-clés"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


def year_filter(label):
    return YearFilter(
        label=label,
        method="filter_year",
        min_value=1800,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class SearchMixin:
    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.search(value) if value else queryset

    def filter_theme(self, queryset, name, value):
        return queryset.with_theme(value)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)


class ResourceFilter(SearchMixin, django_filters.FilterSet):
    """Filters of the resource library; parameter names are part of the stable URLs."""

    type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="resource_type",
        choices=ResourceType.choices,
        empty_label=_("Tous les types"),
    )
    theme = theme_filter()
    q = search_filter()

    class Meta:
        model = Resource
        fields = ["type", "theme", "q"]


class CatalogueRecordFilter(SearchMixin, django_filters.FilterSet):
    """Filters of the documentary base."""

    type = django_filters.ChoiceFilter(
        label=_("Nature"),
        field_name="kind",
        choices=RecordKind.choices,
        empty_label=_("Toutes les natures"),
    )
    theme = theme_filter()
    annee = year_filter(_("Année de parution"))
    q = search_filter()

    class Meta:
        model = CatalogueRecord
        fields = ["type", "theme", "annee", "q"]


class TrainingSessionFilter(SearchMixin, django_filters.FilterSet):
    """The training calendar, by year and words (the site search's « Tous les résultats »)."""

    annee = year_filter(_("Année"))
    q = search_filter()

    class Meta:
        model = TrainingSession
        fields = ["annee", "q"]
