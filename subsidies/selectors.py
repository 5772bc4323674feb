"""Reads of the subsidies app that choose where to read from."""

import hashlib

from core.cache import cached_until_content_changes

from .models import SubsidyTotal


def subsidy_selection_totals(
    *, decisions, year=None, zone=None, domain="", words="", sdg_goal=None, dac_purpose=None
):
    """Count and total granted of the published decisions chosen by ``year``, ``zone``,
    ``domain``, ``words``, ``sdg_goal`` and ``dac_purpose`` (the public list's filters; one not
    given chooses nothing out).

    Without words, goal or purpose they are read from the kept totals (``SubsidyTotal``): a few
    rows whatever the number of decisions. The others need the decisions themselves:
    ``decisions`` is that selection, as the list reads it, and its totals are kept until the
    next content change, per selection.
    """
    if words or sdg_goal is not None or dac_purpose is not None:
        selection = repr(
            (
                year,
                getattr(zone, "slug", None),
                domain or "",
                words,
                getattr(sdg_goal, "pk", None),
                getattr(dac_purpose, "pk", None),
            )
        )
        return cached_until_content_changes(
            "subsidy-totals",
            lambda _selection: decisions.totals(),
            hashlib.sha256(selection.encode()).hexdigest(),
        )
    totals = SubsidyTotal.objects.published().for_criteria(year=year, zone=zone, domain=domain)
    return totals.totals()
