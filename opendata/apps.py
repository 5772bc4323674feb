from django.utils.translation import gettext_lazy as _

from core import registry


class OpendataConfig(registry.PortalAppConfig):
    """The open-data page (every dataset of the portal, with its format, schema and licence),
    the datasets it adds (actions, EU projects, training calendar) and the IATI file."""

    name = "opendata"
    verbose_name = _("Données ouvertes")
    url_prefix = "donnees/"
    # The filters of the lists whose data the files carry (cooperation, europe, cresi).
    cacheable_query_parameters = frozenset(
        {"zone", "domaine", "annee", "q", "programme", "statut", "theme", "odd", "secteur"}
    )
    sitemap_pages = ("opendata:index",)
