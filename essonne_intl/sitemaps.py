"""``sitemap.xml``: every published page, in French and English."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.sitemaps import ActionSitemap, ZoneSitemap
from cresi.sitemaps import CatalogueRecordSitemap, ResourceSitemap, TrainingSessionSitemap
from europe.sitemaps import EUProjectSitemap


class StaticPageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "home",
            "cooperation:zone-list",
            "cooperation:action-list",
            "cooperation:emergency-list",
            "cresi:home",
            "cresi:resource-list",
            "cresi:record-list",
            "cresi:session-list",
            "europe:home",
            "europe:support-request",
            "subsidies:subsidy-list",
            "key-figures",
            "search",
            "legal-notice",
            "privacy",
            "accessibility",
            "site-map",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": StaticPageSitemap,
    "zones": ZoneSitemap,
    "actions": ActionSitemap,
    "cresi-resources": ResourceSitemap,
    "cresi-documentation": CatalogueRecordSitemap,
    "cresi-trainings": TrainingSessionSitemap,
    "europe-projects": EUProjectSitemap,
}
