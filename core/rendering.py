"""Cheap versions of what a page does for every record it lists, so that a page of 50 cards
costs little more than a page of one (issue 18).

- :func:`choice_label`: the label of a choice, as ``get_<field>_display()`` gives it, without
  Django's cost of rebuilding a hashable copy of every choice at each call;
- :func:`fast_reverse`: the URL of a view taking one slug-like argument, from the URL reversed
  once (per language, script prefix and URLconf) with a placeholder in its place.

Neither keeps anything that changes with the content: labels are the code's, URLs the URLconf's.
"""

import re

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.encoding import force_str
from django.utils.translation import get_language

_labels = {}  # (field, language) -> {value: label}
_patterns = {}  # (view name, argument, language, script prefix, URLconf) -> (before, after)

# What a placeholder may stand for: characters that ``reverse()`` leaves as they are (it quotes
# the others), and that match the ``slug`` converter.
URL_SAFE = re.compile(r"[-a-zA-Z0-9_]+")
PLACEHOLDER = "0PLACEHOLDER0"


def choice_label(field, value):
    """``get_<field>_display()``: the label of ``value`` in the active language."""
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = _labels[key] = {
            choice: force_str(label, strings_only=True) for choice, label in field.flatchoices
        }
    try:
        return labels.get(value, value)
    except TypeError:  # an unhashable value: no choice has it
        return value


class ChoiceLabelsMixin:
    """Gives a model's ``get_<field>_display()`` the cost of a dictionary lookup."""

    def _get_FIELD_display(self, field):
        return choice_label(field, getattr(self, field.attname))


def forget(**kwargs):
    """A changed setting (tests) may change URLs and labels: they are worked out again."""
    _labels.clear()
    _patterns.clear()


setting_changed.connect(forget, dispatch_uid="core.rendering.forget")


def fast_reverse(viewname, argument, value):
    """``reverse(viewname, kwargs={argument: value})`` for a view whose argument is a slug,
    with the URL reversed once."""
    value = str(value)
    if not URL_SAFE.fullmatch(value):
        return reverse(viewname, kwargs={argument: value})
    key = (viewname, argument, get_language(), get_script_prefix(), get_urlconf())
    pattern = _patterns.get(key)
    if pattern is None:
        url = reverse(viewname, kwargs={argument: PLACEHOLDER})
        before, placeholder, after = url.partition(PLACEHOLDER)
        pattern = _patterns[key] = (before, after) if placeholder else None
    if pattern is None:
        return reverse(viewname, kwargs={argument: value})
    return f"{pattern[0]}{value}{pattern[1]}"
