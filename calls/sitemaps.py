from django.contrib.sitemaps import Sitemap

from .models import Call


class CallSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Call.objects.published().order_by("pk")

    def lastmod(self, call):
        return call.updated_at
