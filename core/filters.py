"""Filter pieces shared by the public list pages."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField

from .fulltext import MAX_QUERY_LENGTH
from .i18n import translated_value


class LocalizedModelChoiceField(ModelChoiceField):
    """Options named by the record's English name under /en/ (``name_en``), else the French one."""

    def label_from_instance(self, obj):
        return translated_value(obj, "name")


class LocalizedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` over zones or themes whose options follow the page's language."""

    field_class = LocalizedModelChoiceField


class YearFilter(django_filters.NumberFilter):
    """``annee``: a whole year (``2010.5`` is a form error), filtered by ``in_year()``."""

    field_class = forms.IntegerField

    def __init__(self, *, min_value=1950, max_value=2100, **kwargs):
        kwargs.setdefault("label", _("Année"))
        kwargs.setdefault("widget", forms.NumberInput(attrs={"inputmode": "numeric"}))
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)

    def filter(self, queryset, value):
        return queryset if value is None else queryset.in_year(value)


class KeywordsFilter(django_filters.CharFilter):
    """``q``: the words of every list, through the shared search (``core.fulltext``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mots-clés"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        return queryset.search(value) if value and value.strip() else queryset
