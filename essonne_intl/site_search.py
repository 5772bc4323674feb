"""What ``/recherche/`` looks through: one section per kind of published record."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cooperation.models import Action, EmergencyAid, Zone
from cresi.models import CatalogueRecord, Resource, TrainingSession
from europe.models import EUProject
from subsidies.models import Subsidy

from .i18n import translated_value
from .search import highlight

RESULTS_PER_SECTION = 8


@dataclass(frozen=True)
class SearchSection:
    key: str
    label: Promise
    queryset: Callable[[], QuerySet]
    title_field: str
    summary_field: str
    list_url_name: str | None = None  # a list page whose ``q`` filter shows every match


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str
    summary: str


@dataclass(frozen=True)
class SearchResults:
    """One section's best hits: plain values, so that results can be kept in the cache."""

    key: str
    label: str
    hits: list
    has_more: bool
    more_url: str | None


SECTIONS = [
    SearchSection("zones", _("Zones partenaires"), Zone.objects.published, "name", "summary"),
    SearchSection(
        "actions",
        _("Actions de coopération"),
        lambda: Action.objects.published().select_related("zone"),
        "title",
        "summary",
        "cooperation:action-list",
    ),
    SearchSection(
        "urgences", _("Aide d'urgence"), EmergencyAid.objects.published, "title", "summary"
    ),
    SearchSection(
        "subventions",
        _("Subventions"),
        lambda: Subsidy.objects.published().with_granted_amount().select_related("beneficiary"),
        "object",
        "search_summary",
        "subsidies:subsidy-list",
    ),
    SearchSection(
        "ressources",
        _("Ressources du CRESI"),
        Resource.objects.published,
        "title",
        "summary",
        "cresi:resource-list",
    ),
    SearchSection(
        "documentation",
        _("Base documentaire"),
        CatalogueRecord.objects.published,
        "title",
        "abstract",
        "cresi:record-list",
    ),
    SearchSection(
        "formations",
        _("Formations"),
        TrainingSession.objects.published,
        "title",
        "place",
        "cresi:session-list",
    ),
    SearchSection(
        "projets-europeens",
        _("Projets européens"),
        EUProject.objects.published,
        "name",
        "summary",
        "europe:home",
    ),
]


def site_search(query, sections=None):
    """The best matches of ``query`` in each section, best first; empty sections left out."""
    results = []
    for section in sections or SECTIONS:
        matches = list(section.queryset().search(query).ranked()[: RESULTS_PER_SECTION + 1])
        if not matches:
            continue
        hits = [
            SearchHit(
                url=record.get_absolute_url(),
                title=highlight(translated_value(record, section.title_field), query),
                summary=highlight(str(translated_value(record, section.summary_field)), query),
            )
            for record in matches[:RESULTS_PER_SECTION]
        ]
        results.append(
            SearchResults(
                key=section.key,
                label=str(section.label),
                hits=hits,
                has_more=len(matches) > RESULTS_PER_SECTION,
                more_url=reverse(section.list_url_name) if section.list_url_name else None,
            )
        )
    return results
