import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from essonne_intl.filters import LocalizedModelChoiceFilter

from .choices import Domain
from .models import Action, Zone

MAX_QUERY_LENGTH = 200


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def published_zones(request):
    return Zone.objects.published()


class ActionFilter(django_filters.FilterSet):
    """Filters of the public action list; parameter names are part of the stable URLs."""

    zone = LocalizedModelChoiceFilter(
        label=_("Zone"),
        queryset=published_zones,
        to_field_name="slug",
        empty_label=_("Toutes les zones"),
    )
    domaine = django_filters.ChoiceFilter(
        label=_("Domaine"),
        field_name="domain",
        choices=Domain.choices,
        empty_label=_("Tous les domaines"),
    )
    annee = YearFilter(
        label=_("Année"),
        method="filter_year",
        min_value=1950,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    q = django_filters.CharFilter(
        label=_("Mots-clés"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Action
        fields = ["zone", "domaine", "annee", "q"]

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_search(self, queryset, name, value):
        return queryset.search(value.strip())
