import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import KeywordsFilter, LocalizedModelChoiceFilter, YearFilter

from .choices import Domain
from .models import Action, Zone


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
    annee = YearFilter()
    q = KeywordsFilter()

    class Meta:
        model = Action
        fields = ["zone", "domaine", "annee", "q"]
