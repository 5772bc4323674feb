from django.contrib.sitemaps import Sitemap

from .models import CatalogueRecord, Resource, TrainingSession


class CresiSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, record):
        return record.updated_at


class ResourceSitemap(CresiSitemap):
    model = Resource


class CatalogueRecordSitemap(CresiSitemap):
    model = CatalogueRecord


class TrainingSessionSitemap(CresiSitemap):
    model = TrainingSession
