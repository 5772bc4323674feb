from django.contrib.sitemaps import Sitemap

from .models import NewsItem


class NewsItemSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return NewsItem.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
