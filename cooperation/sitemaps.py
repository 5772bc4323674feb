from django.contrib.sitemaps import Sitemap

from .models import Action, Zone


class ZoneSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Zone.objects.published().order_by("pk")

    def lastmod(self, zone):
        return zone.updated_at


class ActionSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Action.objects.published().order_by("pk")

    def lastmod(self, action):
        return action.updated_at
