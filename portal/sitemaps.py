"""``sitemap.xml``: every published page, in French and English, gathered from every app."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from core.registry import portal_apps


class StaticPageSitemap(Sitemap):
    """The pages that take no argument (lists, forms, legal pages) each app names."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [name for config in portal_apps() for name in config.sitemap_pages]

    def location(self, name):
        return reverse(name)


def sitemaps():
    """``{section: Sitemap}`` for the sitemap views: the static pages, then each app's own."""
    sections = {"pages": StaticPageSitemap}
    for config in portal_apps():
        sections.update(config.sitemaps())
    return sections
