from django.contrib.sitemaps import Sitemap

from .models import Postcard


class PostcardSitemap(Sitemap):
    i18n = True

    def items(self):
        return Postcard.objects.published().order_by("pk")
