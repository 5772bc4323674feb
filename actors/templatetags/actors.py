"""Links from the other apps' pages to the profile of the actor behind a record.

The address leads to the actor's profile, or to the record's own profile when no actor stands
behind it yet: no query is made while the page is drawn.
"""

from django import template
from django.urls import reverse

register = template.Library()

PROFILE_URLS = {
    "subsidies.Beneficiary": "actors:beneficiary-profile",
    "cooperation.Partner": "actors:partner-profile",
    "europe.ProjectPartner": "actors:project-partner-profile",
}


@register.filter
def profile_url(record):
    """``{{ subsidy.beneficiary|profile_url }}``, ``{{ partner|profile_url }}``."""
    return reverse(PROFILE_URLS[record._meta.label], kwargs={"pk": record.pk})
