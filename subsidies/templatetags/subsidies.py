"""Template helpers of the subsidies app, usable from other apps' templates.

``{% zone_subsidies zone %}`` lets the zone page (``cooperation``) show that zone's subsidies
without ``cooperation`` importing ``subsidies``: the dependency stays subsidies → cooperation.
"""

from django import template
from django.utils.translation import gettext as _

from subsidies.models import SubsidyTotal

register = template.Library()


@register.inclusion_tag("includes/zone_subsidies.html")
def zone_subsidies(zone):
    """The count and total of a zone's published decisions, with a link to their list."""
    return {"zone": zone, "totals": SubsidyTotal.objects.published().for_zone(zone).totals()}


@register.filter
def percent(value):
    """``100`` → ``100 %`` (a non-breaking space before the sign, the French way;
    ``100%`` in English)."""
    if value is None or value == "":
        return ""
    return _("%(value)s %%") % {"value": value}


@register.filter
def share_percent(share):
    """A beneficiary's share of a subsidy as a percentage: ``0.40`` → ``40 %``."""
    if share is None or share == "":
        return ""
    return percent(int(share * 100))
