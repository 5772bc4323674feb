"""What an actor's profile shows, computed from the records of every app, read-only.

A profile is that of an actor of the directory, or, for a subsidy beneficiary, a cooperation
partner or an EU project partner that no actor stands behind yet, the same page built from that
record alone. Each part is one query, whatever the number of records.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import get_language

from cooperation.models import Action, Zone
from core.i18n import translated_value
from europe.models import EUProject
from subsidies.models import Subsidy

from .models import Actor


@dataclass
class Profile:
    name: str
    kind: str = ""
    place: str = ""
    actor: Actor | None = None
    presentation: str = ""
    presentation_lang: str = "fr"
    website: str = ""
    contact: dict = field(default_factory=dict)
    zones: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    subsidies: object = None  # a queryset of published decisions, or None
    actions: object = None
    eu_projects: object = None
    trainings: int | None = None
    source: str = ""  # what an unlisted profile is built from

    @property
    def subsidy_rows(self):
        return list(self.subsidies.select_related("zone", "action").order_by("-convention_date"))

    @property
    def totals(self):
        return self.subsidies.totals() if self.subsidies is not None else None

    @property
    def totals_by_year(self):
        return list(self.subsidies.by_year()) if self.subsidies is not None else []

    @property
    def calls_won(self):
        """The calls for projects (or other aid schemes) its published decisions were granted
        under: a granted application becomes a decision whose « dispositif d'aide » names the
        call."""
        if self.subsidies is None:
            return []
        schemes = self.subsidies.exclude(aid_scheme="").order_by("aid_scheme")
        return list(schemes.values_list("aid_scheme", flat=True).distinct())


def _in_english():
    return (get_language() or "").startswith("en")


def _actions(subsidies, partner_condition=None):
    condition = Q(pk__in=subsidies.exclude(action=None).values("action"))
    if partner_condition is not None:
        condition |= partner_condition
    return Action.objects.published().filter(condition).select_related("zone").distinct()


def actor_profile(actor):
    subsidies = Subsidy.objects.published().filter(beneficiary__in=actor.beneficiaries())
    return Profile(
        name=actor.name,
        kind=actor.get_kind_display(),
        place=actor.place,
        actor=actor,
        presentation=translated_value(actor, "presentation"),
        presentation_lang="en" if actor.presentation_en and _in_english() else "fr",
        website=actor.website,
        contact=actor.contact_details(),
        zones=[zone for zone in actor.zones.all() if zone.is_published],
        domains=[item.get_domain_display() for item in actor.domains.all()],
        goals=[item.get_goal_display() for item in actor.goals.all()],
        subsidies=subsidies,
        actions=_actions(subsidies, Q(partners__actor_link__actor=actor)),
        eu_projects=EUProject.objects.published()
        .filter(partners__actor_link__actor=actor)
        .distinct(),
        trainings=actor.trainings.count(),
    )


def beneficiary_profile(beneficiary):
    """The profile of a beneficiary no actor of the directory stands behind: its subsidies."""
    subsidies = Subsidy.objects.published().filter(beneficiary=beneficiary)
    zones = Zone.objects.published().filter(pk__in=subsidies.values("zone")).order_by("name")
    return Profile(
        name=beneficiary.name,
        kind=beneficiary.get_kind_display(),
        zones=list(zones),
        subsidies=subsidies,
        actions=_actions(subsidies),
        source="beneficiary",
    )


def partner_profile(partner):
    """The profile of a cooperation partner no actor stands behind: its zone and actions."""
    return Profile(
        name=partner.name,
        kind=partner.get_kind_display(),
        place=str(partner.zone) if partner.zone.is_published else "",
        presentation=partner.description,
        website=partner.website,
        zones=[partner.zone] if partner.zone.is_published else [],
        actions=Action.objects.published().filter(partners=partner).select_related("zone"),
        source="partner",
    )


def project_partner_profile(project_partner):
    """The profile of an EU project partner no actor stands behind: its projects (the partners
    of the same name and country in other projects are the same structure)."""
    return Profile(
        name=project_partner.name,
        place=str(project_partner.country.name),
        eu_projects=EUProject.objects.published()
        .filter(
            partners__name=project_partner.name,
            partners__country=project_partner.country,
        )
        .distinct(),
        source="project_partner",
    )
