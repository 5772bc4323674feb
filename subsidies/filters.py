import django_filters
from django.utils.translation import gettext_lazy as _

from cooperation.choices import Domain
from cooperation.filters import DacPurposeFilter, SdgGoalFilter, published_zones
from core.filters import KeywordsFilter, LocalizedModelChoiceFilter, YearFilter

from .models import GRANTED, Subsidy

# The order of the list when ``tri`` is not given: ``Subsidy.Meta.ordering``, latest first.
DEFAULT_SORT = "-date"


class SortFilter(django_filters.OrderingFilter):
    """Sorts by a whitelisted choice, then by id so that pages never overlap or skip a row.

    ``expressions`` maps a name of ``fields`` that is no model field to the expression it sorts
    by, so that the filter sorts any queryset, annotated or not.
    """

    def __init__(self, *args, expressions=None, **kwargs):
        self.expressions = expressions or {}
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        expression = self.expressions.get(value.removeprefix("-"))
        if expression is None:
            return value
        return expression.desc() if value.startswith("-") else expression.asc()

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        return qs.order_by(*(self.get_ordering_value(param) for param in value), "-id")


class SubsidyFilter(django_filters.FilterSet):
    """Filters of the public subsidy list and its exports; parameter names are part of the URLs."""

    annee = YearFilter(method="filter_year")  # the year of the convention
    zone = LocalizedModelChoiceFilter(
        label=_("Zone"),
        queryset=published_zones,
        to_field_name="slug",
        empty_label=_("Toutes les zones"),
        method="filter_zone",
    )
    domaine = django_filters.ChoiceFilter(
        label=_("Domaine"),
        choices=Domain.choices,
        empty_label=_("Tous les domaines"),
        method="filter_domain",
    )
    odd = SdgGoalFilter()
    secteur = DacPurposeFilter()
    q = KeywordsFilter()
    tri = SortFilter(
        label=_("Trier par"),
        # « montant » sorts by what each beneficiary receives, the amount the list shows.
        fields=(("convention_date", "date"), ("granted_amount", "montant")),
        expressions={"granted_amount": GRANTED},
        choices=[
            ("-date", _("Date, de la plus récente")),
            ("date", _("Date, de la plus ancienne")),
            ("-montant", _("Montant, du plus grand")),
            ("montant", _("Montant, du plus petit")),
        ],
        empty_label=None,
    )

    class Meta:
        model = Subsidy
        fields = ["annee", "zone", "domaine", "odd", "secteur", "q", "tri"]

    def selection(self):
        """The valid filters as :func:`subsidies.selectors.subsidy_selection_totals` takes them
        (``{}`` when none is given)."""
        if not self.is_bound:
            return {}
        criteria = self.form.cleaned_data
        return {
            "year": criteria.get("annee"),
            "zone": criteria.get("zone"),
            "domain": criteria.get("domaine") or "",
            "words": criteria.get("q") or "",
            "sdg_goal": criteria.get("odd"),
            "dac_purpose": criteria.get("secteur"),
        }

    def filter_year(self, queryset, name, value):
        return queryset.for_year(value)

    def filter_zone(self, queryset, name, value):
        return queryset.for_zone(value)

    def filter_domain(self, queryset, name, value):
        return queryset.in_domain(value)
