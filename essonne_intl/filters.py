"""Filter pieces shared by the public list pages."""

import django_filters
from django_filters.fields import ModelChoiceField

from .i18n import translated_value


class LocalizedModelChoiceField(ModelChoiceField):
    """Options named by the record's English name under /en/ (``name_en``), else the French one."""

    def label_from_instance(self, obj):
        return translated_value(obj, "name")


class LocalizedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ``ModelChoiceFilter`` over zones or themes whose options follow the page's language."""

    field_class = LocalizedModelChoiceField
