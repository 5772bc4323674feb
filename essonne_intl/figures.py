"""Key figures shown on the home page, each computed from the published records."""

from dataclasses import dataclass
from decimal import Decimal

from cooperation.models import Action, Zone


@dataclass(frozen=True)
class HomeFigures:
    zone_count: int
    action_count: int
    total_contribution: Decimal


def home_figures():
    action_totals = Action.objects.published().totals()
    return HomeFigures(
        zone_count=Zone.objects.published().count(),
        action_count=action_totals["count"],
        total_contribution=action_totals["contribution"],
    )
