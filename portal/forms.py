"""The forms of the pages that gather every app: search, key figures."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fulltext import MAX_QUERY_LENGTH, normalise_query, query_words


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self):
        query = normalise_query(self.cleaned_data["q"])
        return query if query_words(query) else ""


class KeyFiguresYearForm(forms.Form):
    """The year /chiffres-cles/ shows (``annee``), among the years that have figures."""

    annee = forms.TypedChoiceField(label=_("Année"), coerce=int, required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(year, year) for year in years]
