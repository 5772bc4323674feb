import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import KeywordsFilter, LocalizedModelChoiceFilter

from .choices import Programme, ProjectStatus
from .models import EUProject, Theme


def all_themes(request):
    return Theme.objects.all()


class EUProjectFilter(django_filters.FilterSet):
    """Filters of the public EU project list; parameter names are part of the stable URLs."""

    programme = django_filters.ChoiceFilter(
        label=_("Programme"),
        choices=Programme.choices,
        empty_label=_("Tous les programmes"),
    )
    statut = django_filters.ChoiceFilter(
        label=_("État"),
        field_name="status",
        choices=ProjectStatus.choices,
        empty_label=_("Tous les états"),
    )
    theme = LocalizedModelChoiceFilter(
        label=_("Thème"),
        queryset=all_themes,
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("Tous les thèmes"),
    )
    q = KeywordsFilter()

    class Meta:
        model = EUProject
        fields = ["programme", "statut", "theme", "q"]

    def filter_theme(self, queryset, name, value):
        return queryset.with_theme(value)
