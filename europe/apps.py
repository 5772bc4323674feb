from django.utils.translation import gettext_lazy as _

from core import registry


class EuropeConfig(registry.PortalAppConfig):
    name = "europe"
    verbose_name = _("Mission Europe")
    url_prefix = "europe/"
    cacheable_query_parameters = frozenset({"programme", "statut", "theme", "q", "page"})
    private_models = frozenset({"SupportRequest"})
    sitemap_pages = ("europe:home", "europe:support-request")
    email_tasks_permission = "europe.view_supportrequest"

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import EUProject

        return [
            SearchSection(
                "projets-europeens",
                _("Projets européens"),
                EUProject.objects.published,
                "name",
                "summary",
                "europe:home",
            )
        ]

    def sitemaps(self):
        from .sitemaps import EUProjectSitemap

        return {"europe-projects": EUProjectSitemap}

    def personal_data_purges(self):
        from .services import support_requests_purge_closed, support_requests_purge_unconfirmed

        return [
            (
                _("demandes d'accompagnement clôturées de la mission Europe"),
                support_requests_purge_closed,
            ),
            (
                _("demandes d'accompagnement dont l'adresse n'a pas été confirmée à temps"),
                support_requests_purge_unconfirmed,
            ),
        ]

    def load_demo(self):
        from . import demo

        return demo.load()
