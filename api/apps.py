from django.utils.translation import gettext_lazy as _

from core import registry


class ApiConfig(registry.PortalAppConfig):
    """The read-only JSON API for reusers (``/api/``) and its OpenAPI description."""

    name = "api"
    verbose_name = _("API de réutilisation")
    url_prefix = "api/"
    # The filters of the lists, which the API shares (each list's FilterSet), and its pages.
    cacheable_query_parameters = frozenset(
        {"zone", "domaine", "annee", "q", "tri", "programme", "statut", "theme", "odd", "secteur"}
        | {"page"}
    )
    sitemap_pages = ("api:docs",)
