from django.utils.translation import gettext_lazy as _

from core import registry


class NewsConfig(registry.PortalAppConfig):
    name = "news"
    verbose_name = _("Actualités")
    url_prefix = "actualites/"
    cacheable_query_parameters = frozenset({"page"})
    sitemap_pages = ("news:list",)

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import NewsItem

        return [
            SearchSection(
                "actualites",
                _("Actualités"),
                NewsItem.objects.published,
                "title",
                "summary",
            )
        ]

    def sitemaps(self):
        from .sitemaps import NewsItemSitemap

        return {"news": NewsItemSitemap}

    def load_demo(self):
        from . import demo

        return demo.load()
