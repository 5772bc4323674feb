from django.utils.translation import gettext_lazy as _

from core import registry


class PortalConfig(registry.PortalAppConfig):
    """The pages that gather every app: home, key figures, search, legal pages, site map."""

    name = "portal"
    verbose_name = _("Portail international")
    url_prefix = ""
    cacheable_query_parameters = frozenset({"q", "annee"})
    sitemap_pages = (
        "home",
        "key-figures",
        "search",
        "legal-notice",
        "privacy",
        "accessibility",
        "site-map",
    )

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
