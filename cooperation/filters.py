import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import KeywordsFilter, LocalizedModelChoiceFilter, YearFilter

from .choices import Domain
from .models import Action, DacPurpose, SdgGoal, Zone


def published_zones(request):
    return Zone.objects.published()


class SdgGoalFilter(django_filters.ModelChoiceFilter):
    """``odd``: a Sustainable Development Goal by its number (``?odd=6``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Objectif de développement durable"))
        kwargs.setdefault("empty_label", _("Tous les objectifs"))
        kwargs.setdefault("queryset", SdgGoal.objects.active())
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset if value is None else queryset.for_sdg_goal(value)


class DacPurposeField(forms.ModelChoiceField):
    """A 5-digit DAC purpose code typed in; one no list holds is a form error."""

    default_error_messages = {
        "invalid_choice": _(
            "« %(value)s » n'est pas un code objet du CAD : 5 chiffres de la liste de l'OCDE "
            "(14030 pour l'eau potable et l'assainissement de base)."
        ),
    }


class DacPurposeFilter(django_filters.ModelChoiceFilter):
    """``secteur``: an OECD DAC CRS purpose code (``?secteur=14030``)."""

    field_class = DacPurposeField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code objet CAD (5 chiffres)"))
        kwargs.setdefault("queryset", DacPurpose.objects.all())
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": "[0-9]{5}", "maxlength": 5, "size": 6}
            ),
        )
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset if value is None else queryset.for_dac_purpose(value)


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
    odd = SdgGoalFilter()
    secteur = DacPurposeFilter()
    q = KeywordsFilter()

    class Meta:
        model = Action
        fields = ["zone", "domaine", "annee", "odd", "secteur", "q"]
