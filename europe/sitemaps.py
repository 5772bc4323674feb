from django.contrib.sitemaps import Sitemap

from .models import EUProject


class EUProjectSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return EUProject.objects.published().order_by("pk")

    def lastmod(self, project):
        return project.updated_at
