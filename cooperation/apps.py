from django.utils.translation import gettext_lazy as _

from core import registry


class CooperationConfig(registry.PortalAppConfig):
    name = "cooperation"
    verbose_name = _("Coopération internationale")
    feminine_models = frozenset({"Zone", "Action", "EmergencyAid"})
    url_prefix = "cooperation/"
    cacheable_query_parameters = frozenset(
        {"zone", "domaine", "annee", "odd", "secteur", "q", "page"}
    )
    sitemap_pages = (
        "cooperation:zone-list",
        "cooperation:action-list",
        "cooperation:emergency-list",
    )

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import Action, EmergencyAid, Zone

        return [
            SearchSection(
                "zones", _("Zones partenaires"), Zone.objects.published, "name", "summary"
            ),
            SearchSection(
                "actions",
                _("Actions de coopération"),
                lambda: Action.objects.published().select_related("zone"),
                "title",
                "summary",
                "cooperation:action-list",
            ),
            SearchSection(
                "urgences", _("Aide d'urgence"), EmergencyAid.objects.published, "title", "summary"
            ),
        ]

    def sitemaps(self):
        from .sitemaps import ActionSitemap, ZoneSitemap

        return {"zones": ZoneSitemap, "actions": ActionSitemap}

    def load_demo(self):
        from . import demo

        return demo.load()

    def staff_dashboard(self, request):
        from core.staff_dashboard import drafts_panel

        from .models import Action, EmergencyAid, Zone

        return drafts_panel(request, Zone, Action, EmergencyAid)
