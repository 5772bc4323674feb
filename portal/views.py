import hashlib

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from cooperation.choices import Domain
from cooperation.models import Action, Zone
from core.cache import cached_until_content_changes
from europe.models import EUProject

from . import charts
from .figures import figure_years, home_figures, key_figures, subsidies_by_year
from .forms import KeyFiguresYearForm, SearchForm
from .models import LegalPage
from .site_search import site_search


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zones=Zone.objects.published().with_action_counts(),
            figures=cached_until_content_changes("home", home_figures),
            **kwargs,
        )


class KeyFiguresView(TemplateView):
    """Budget voted and subsidies granted in a year (``annee``, the latest by default)."""

    template_name = "portal/key_figures.html"

    def get_context_data(self, **kwargs):
        by_year = cached_until_content_changes("subsidies-by-year", subsidies_by_year)
        years = figure_years(by_year)
        form = KeyFiguresYearForm(
            self.request.GET or None, years=years, initial={"annee": years[0] if years else None}
        )
        year = years[0] if years else None
        if form.is_bound and form.is_valid() and form.cleaned_data["annee"]:
            year = form.cleaned_data["annee"]
        figures = (
            cached_until_content_changes(
                "key-figures", lambda year: key_figures(year, by_year), year
            )
            if year
            else None
        )
        return super().get_context_data(
            form=form, figures=figures, charts=key_figure_charts(figures), **kwargs
        )


def key_figure_charts(figures):
    if figures is None:
        return {}
    year = figures.year
    # Each row links to the list of its decisions, but for « no zone » and « no domain ».
    for row in figures.by_zone:
        row["label"] = zone_label(row)
        if row["zone__slug"]:
            row["list_url"] = subsidy_list_url(annee=year, zone=row["zone__slug"])
    for row in figures.by_domain:
        row["label"] = domain_label(row["domain"])
        if row["domain"]:
            row["list_url"] = subsidy_list_url(annee=year, domaine=row["domain"])
    return {
        "budget": charts.horizontal_bars(
            "chart-budget",
            _("Budget voté en %(year)s par ligne du programme") % {"year": year},
            [
                (
                    _("dont %(line)s") % {"line": row.label.lower()} if row.is_part else row.label,
                    row.amount,
                )
                for row in figures.budget
            ],
        ),
        "zones": charts.horizontal_bars(
            "chart-zones",
            _("Subventions accordées en %(year)s par zone") % {"year": year},
            [(row["label"], row["amount"]) for row in figures.by_zone],
        ),
        "domains": charts.horizontal_bars(
            "chart-domains",
            _("Subventions accordées en %(year)s par domaine") % {"year": year},
            [(row["label"], row["amount"]) for row in figures.by_domain],
        ),
        "trend": charts.columns(
            "chart-trend",
            _("Subventions accordées chaque année"),
            [(row["year"], row["amount"]) for row in figures.trend],
        ),
    }


def subsidy_list_url(**criteria):
    return f"{reverse('subsidies:subsidy-list')}?{urlencode(criteria)}"


def zone_label(row):
    if row["zone__slug"] is None:
        return _("Sans zone partenaire")
    if row["zone__name_en"] and (get_language() or "").startswith("en"):
        return row["zone__name_en"]
    return row["zone__name"]


def domain_label(value):
    return Domain(value).label if value else _("Domaine non précisé")


class LegalPageView(DetailView):
    """One of the legal pages, as staff last edited it in the admin."""

    key = None
    template_name = "portal/legal_page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        return LegalPage.objects.filter(key=self.key).first() or LegalPage.default(self.key)


class SiteMapView(TemplateView):
    """The human-readable site map (« plan du site »), listing every published page."""

    template_name = "portal/site_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zones=Zone.objects.published(),
            actions=Action.objects.published().only("title", "title_en", "slug"),
            eu_projects=EUProject.objects.published().only("name", "name_en", "slug"),
            **kwargs,
        )


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")


class SearchView(TemplateView):
    template_name = "portal/search.html"

    @staticmethod
    def results(query):
        """Kept until the next content change, per query and language (titles follow it)."""
        digest = hashlib.sha256(query.encode()).hexdigest()
        return cached_until_content_changes(
            "search", lambda *_key: site_search(query), get_language(), digest
        )

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        return super().get_context_data(
            form=form,
            query=query,
            results=self.results(query) if query else [],
            **kwargs,
        )


def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    return redirect(static("img/favicon.svg"))
