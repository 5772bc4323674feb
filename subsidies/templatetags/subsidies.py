"""Template helpers of the subsidies app, usable from other apps' templates.

``{% zone_subsidies zone %}`` and ``{% action_subsidies action %}`` let the zone and action pages
(``cooperation``) show their subsidies without ``cooperation`` importing ``subsidies``: the
dependency stays subsidies → cooperation.
"""

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from subsidies.filters import DEFAULT_SORT
from subsidies.models import Subsidy, SubsidyTotal

register = template.Library()

# What following a sort link does, told to screen readers, by the ``tri`` value it asks for.
SORT_HINTS = {
    "-date": gettext_lazy("trier de la plus récente à la plus ancienne"),
    "date": gettext_lazy("trier de la plus ancienne à la plus récente"),
    "-montant": gettext_lazy("trier du plus grand au plus petit"),
    "montant": gettext_lazy("trier du plus petit au plus grand"),
}


@register.inclusion_tag("includes/zone_subsidies.html")
def zone_subsidies(zone):
    """The count and total of a zone's published decisions, with a link to their list."""
    return {"zone": zone, "totals": SubsidyTotal.objects.published().for_zone(zone).totals()}


@register.inclusion_tag("includes/action_subsidies.html")
def action_subsidies(action):
    """The published decisions linked to an action, and what they grant of its « contribution
    du Département » (never more: ``Subsidy.clean`` and the action's own check see to it)."""
    decisions = Subsidy.objects.published().filter(action=action).select_related("beneficiary")
    return {"action": action, "decisions": decisions, "totals": decisions.totals()}


@register.inclusion_tag("includes/sort_header.html", takes_context=True)
def sort_header(context, label, sort, css_class=""):
    """The header of a subsidy list column sorted by ``sort`` (a ``tri`` choice without its
    sign): its link sorts largest or latest first, then, once so sorted, the other way round,
    back on page one; ``aria-sort`` tells how the list is sorted now."""
    current = context.request.GET.get("tri") or DEFAULT_SORT
    descending = f"-{sort}"
    next_sort = sort if current == descending else descending
    if current == descending:
        aria_sort = "descending"
    elif current == sort:
        aria_sort = "ascending"
    else:
        aria_sort = ""
    return {
        "label": label,
        "css_class": css_class,
        "aria_sort": aria_sort,
        "next_sort": None if next_sort == DEFAULT_SORT else next_sort,  # no ``tri`` for the default
        "hint": SORT_HINTS[next_sort],
    }


@register.filter
def percent(value):
    """``100`` → ``100 %`` (a non-breaking space before the sign, the French way;
    ``100%`` in English)."""
    if value is None or value == "":
        return ""
    return _("%(value)s %%") % {"value": value}


@register.filter
def share_percent(share):
    """A beneficiary's share of a subsidy as a percentage: ``0.40`` → ``40 %``,
    ``0.3333`` → ``33,33 %`` (decimals as the language writes them)."""
    if share is None or share == "":
        return ""
    return percent(formats.number_format((Decimal(share) * 100).normalize()))
