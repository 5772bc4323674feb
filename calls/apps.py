from django.utils.translation import gettext_lazy as _

from core import registry


class CallsConfig(registry.PortalAppConfig):
    name = "calls"
    verbose_name = _("Appels à projets")
    url_prefix = "appels-a-projets/"
    cacheable_query_parameters = frozenset()
    private_models = frozenset(
        {"Application", "BudgetItem", "Attachment", "StatusChange", "Score", "Criterion"}
    )
    sitemap_pages = ("calls:call-list",)
    email_tasks_permission = "calls.view_application"

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import Call

        return [
            SearchSection(
                "appels",
                _("Appels à projets"),
                Call.objects.published,
                "title",
                "purpose",
                None,
            )
        ]

    def sitemaps(self):
        from .sitemaps import CallSitemap

        return {"calls": CallSitemap}

    def personal_data_purges(self):
        from .services import applications_purge_expired, applications_purge_unconfirmed

        return [
            (_("dossiers de candidature aux appels à projets"), applications_purge_expired),
            (
                _("candidatures dont l'adresse n'a pas été confirmée à temps"),
                applications_purge_unconfirmed,
            ),
        ]

    def load_demo(self):
        from . import demo

        return demo.load()
