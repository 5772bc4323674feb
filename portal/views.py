import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView, TemplateView

from cooperation.models import Action, Zone
from core.cache import cached_until_content_changes
from core.mixins import CacheableQueryMixin
from europe.models import EUProject

from .charts import key_figure_charts
from .figures import figure_years, home_figures, key_figures, subsidies_by_year
from .forms import KeyFiguresYearForm, SearchForm
from .models import LegalPage
from .site_search import result_count, site_search


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zones=Zone.objects.published().with_action_counts(),
            figures=cached_until_content_changes("home", home_figures),
            **kwargs,
        )


class KeyFiguresView(CacheableQueryMixin, TemplateView):
    """Budget voted and subsidies granted in a year (``annee``, the latest by default)."""

    template_name = "portal/key_figures.html"

    def query_form(self):
        return self.form

    def get_context_data(self, **kwargs):
        by_year = cached_until_content_changes("subsidies-by-year", subsidies_by_year)
        years = figure_years(by_year)
        form = self.form = KeyFiguresYearForm(
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
            form=form,
            figures=figures,
            charts=key_figure_charts(figures) if figures else {},
            **kwargs,
        )


class LegalPageView(DetailView):
    """One of the legal pages, as staff last edited it in the admin."""

    key = None
    template_name = "portal/legal_page.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        return LegalPage.objects.filter(key=self.key).first() or LegalPage.default(self.key)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            publication_director=settings.PUBLICATION_DIRECTOR, **kwargs
        )


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
            "search-counted", lambda *_key: site_search(query), get_language(), digest
        )

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        results = self.results(query) if query else []
        return super().get_context_data(
            form=form,
            query=query,
            results=results,
            result_count=result_count(results),
            **kwargs,
        )


def favicon(request):
    """Browsers ask for /favicon.ico on every page, the admin's included."""
    return redirect(static("img/favicon.svg"))
