"""``sitemap.xml``: every published page, in French and English."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.sitemaps import ActionSitemap, ZoneSitemap


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
}
