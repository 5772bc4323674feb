import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from cooperation.choices import Domain
from cooperation.models import Zone
from core.filters import KeywordsFilter
from core.i18n import translated_value

from .choices import ActorKind, Goal
from .models import Actor

# Each counted filter: (parameter, the column its options count by).
FACETS = {
    "type": "kind",
    "commune": "commune",
    "zone": "zones__slug",
    "domaine": "domains__domain",
    "odd": "goals__goal",
}


class ActorFilter(django_filters.FilterSet):
    """Filters of the directory; each option says how many actors it would show, given the
    other filters (« Mali (14) »). Parameter names are part of the stable URLs."""

    type = django_filters.ChoiceFilter(
        label=_("Type"),
        field_name="kind",
        choices=ActorKind.choices,
        empty_label=_("Tous les types"),
    )
    commune = django_filters.ChoiceFilter(
        label=_("Commune"), field_name="commune", choices=[], empty_label=_("Toutes les communes")
    )
    zone = django_filters.ChoiceFilter(
        label=_("Zone partenaire"),
        field_name="zones__slug",
        choices=[],
        empty_label=_("Toutes les zones"),
    )
    domaine = django_filters.ChoiceFilter(
        label=_("Domaine"),
        field_name="domains__domain",
        choices=Domain.choices,
        empty_label=_("Tous les domaines"),
    )
    odd = django_filters.ChoiceFilter(
        label=_("Objectif de développement durable"),
        field_name="goals__goal",
        choices=[(str(value), label) for value, label in Goal.choices],
        empty_label=_("Tous les objectifs"),
    )
    q = KeywordsFilter()

    class Meta:
        model = Actor
        fields = ["type", "commune", "zone", "domaine", "odd", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        communes = (
            self.queryset.model.objects.published()
            .exclude(commune="")
            .order_by("commune")
            .values_list("commune", flat=True)
            .distinct()
        )
        self.filters["commune"].extra["choices"] = [(name, name) for name in communes]
        zones = Zone.objects.published().order_by("name")
        self.filters["zone"].extra["choices"] = [
            (zone.slug, translated_value(zone, "name")) for zone in zones
        ]

    def filtered_except(self, facet):
        """The actors the other filters select."""
        queryset = self.queryset
        selected = self.form.cleaned_data if self.is_bound else {}
        for name, value in selected.items():
            if name != facet and value not in (None, ""):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def count_options(self):
        """Writes each option's count into its label; call once the form is valid."""
        for facet, column in FACETS.items():
            selected = self.queryset.model.objects.filter(
                pk__in=self.filtered_except(facet).values("pk")
            )
            counts = {
                str(value): count
                for value, count in selected.order_by()
                .values_list(column)
                .annotate(count=Count("pk", distinct=True))
                .values_list(column, "count")
            }
            field = self.form.fields[facet]
            field.choices = [
                (value, f"{label} ({counts.get(str(value), 0)})")
                for value, label in field.choices
                if value != ""
            ]
