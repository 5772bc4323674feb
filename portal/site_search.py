"""What ``/recherche/`` looks through: one section per kind of published record."""

from dataclasses import dataclass

from django.db.models import Count, Window
from django.urls import reverse

from core.fulltext import highlight
from core.i18n import translated_value, value_language
from core.registry import portal_apps

RESULTS_PER_SECTION = 8


@dataclass(frozen=True)
class SearchHit:
    url: str
    title: str
    summary: str
    # The language of the title and of the summary: French content on the English site is
    # marked ``lang="fr"``.
    title_language: str = "fr"
    summary_language: str = "fr"


@dataclass(frozen=True)
class SearchResults:
    """One section's best hits: plain values, so that results can be kept in the cache."""

    key: str
    label: str
    hits: list
    has_more: bool
    more_url: str | None
    count: int = 0  # every match of the section, beyond the hits shown


def all_sections():
    """Every app's search sections, in ``INSTALLED_APPS`` order."""
    return [section for config in portal_apps() for section in config.search_sections()]


def site_search(query, sections=None):
    """The best matches of ``query`` in each section, best first; empty sections left out."""
    results = []
    for section in sections or all_sections():
        # How many match in all, counted by the same query (a window over every match).
        matches = list(
            section.queryset()
            .search(query)
            .ranked()
            .annotate(match_count=Window(Count("pk")))[: RESULTS_PER_SECTION + 1]
        )
        if not matches:
            continue
        hits = [
            SearchHit(
                url=record.get_absolute_url(),
                title=highlight(translated_value(record, section.title_field), query),
                summary=highlight(str(translated_value(record, section.summary_field)), query),
                title_language=value_language(record, section.title_field),
                summary_language=value_language(record, section.summary_field),
            )
            for record in matches[:RESULTS_PER_SECTION]
        ]
        has_more = len(matches) > RESULTS_PER_SECTION
        results.append(
            SearchResults(
                key=section.key,
                label=str(section.label),
                hits=hits,
                has_more=has_more,
                more_url=reverse(section.list_url_name) if section.list_url_name else None,
                count=matches[0].match_count,
            )
        )
    return results


def result_count(results):
    """How many records match, over every section."""
    return sum(group.count for group in results)
