import re
from decimal import Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import stringfilter
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import get_language

from core import humanize
from core.i18n import translated_value
from core.markup import render_simple_markup

register = template.Library()

NBSP = "\xa0"
# White space that separates words: not the non-breaking space, which binds « : » to its word.
WORD_SEPARATOR = re.compile(r"[^\S\xa0]+")


@register.filter
def euros(value):
    """Formats an amount the French way: ``880 000 €``, ``1 234,50 €`` (non-breaking spaces).

    Under /en/, the English way: ``€880,000``, ``€1,234.50``.
    """
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    decimals = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    if (get_language() or "").startswith("en"):
        return f"€{number}"  # the English way: €880,000
    return f"{number}{NBSP}€"


@register.filter
def localized(obj, field_name):
    """The English version of ``field_name`` (``<field>_en``) under /en/, else the French one."""
    return translated_value(obj, field_name)


@register.filter(is_safe=True)
@stringfilter
def truncate_words(value, count):
    """``truncatewords`` that keeps non-breaking spaces (French typography) where they are.

    Django's filter splits on every white space, the non-breaking one too, and joins the words
    back with ordinary spaces: « Puits\xa0: associer » would lose its non-breaking space.
    """
    try:
        count = int(count)
    except ValueError:
        return value
    words = WORD_SEPARATOR.split(value.strip())
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]) + " …"


@register.filter
def simple_markup(text):
    return render_simple_markup(text)


@register.filter
def localized_text(obj, field_name):
    """Like ``localized``, for text in the page: a French fallback under /en/ is marked
    ``lang="fr"`` so that screen readers read it with a French voice (RGAA 8.7)."""
    value = translated_value(obj, field_name)
    language = get_language() or ""
    if value and not language.startswith("fr") and not getattr(obj, f"{field_name}_en", ""):
        return format_html('<span lang="fr">{}</span>', value)
    return value


@register.filter
def long_date(value):
    """« 22 janvier 2027 », « 1er février 2027 »; « 1 February 2027 » in English."""
    return humanize.long_date(value)


@register.filter
def long_datetime(value):
    """« 22 janvier 2027 à 14:30 » (Paris time); « 22 January 2027 at 14:30 » in English."""
    return humanize.long_datetime(value)


@register.filter
def file_size(value):
    """« 1,2 Ko »; « 1.2 KB » in English."""
    return humanize.file_size(value)


@register.filter
def french(value):
    """Text that exists only in French (a subsidy's object, a partner's name), marked
    ``lang="fr"`` on the English site so that screen readers read it with a French voice."""
    if value in (None, ""):
        return ""
    if (get_language() or "fr").startswith("fr"):
        return value
    return format_html('<span lang="fr">{}</span>', value)
