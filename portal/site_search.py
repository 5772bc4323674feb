"""What ``/recherche/`` looks through: one section per kind of published record."""

from dataclasses import dataclass

from django.urls import reverse

from core.fulltext import highlight
from core.i18n import translated_value
from core.registry import portal_apps

RESULTS_PER_SECTION = 8


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


def all_sections():
    """Every app's search sections, in ``INSTALLED_APPS`` order."""
    return [section for config in portal_apps() for section in config.search_sections()]


def site_search(query, sections=None):
    """The best matches of ``query`` in each section, best first; empty sections left out."""
    results = []
    for section in sections or all_sections():
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
