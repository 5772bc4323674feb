from django.contrib.sitemaps import Sitemap

from .models import Actor


class ActorSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Actor.objects.published().order_by("pk")

    def lastmod(self, actor):
        return actor.updated_at
