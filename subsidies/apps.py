from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import registry


class SubsidiesConfig(registry.PortalAppConfig):
    name = "subsidies"
    verbose_name = _("Subventions")
    url_prefix = "subventions/"
    cacheable_query_parameters = frozenset(
        {"annee", "zone", "domaine", "odd", "secteur", "q", "tri", "page"}
    )
    sitemap_pages = ("subsidies:subsidy-list",)

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(install_totals_triggers, sender=self)

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import Subsidy

        return [
            SearchSection(
                "subventions",
                _("Subventions"),
                lambda: Subsidy.objects.published().select_related("beneficiary"),
                "object",
                "search_summary",
                "subsidies:subsidy-list",
            )
        ]

    def record_checks(self):
        from .models import contribution_covers_linked_decisions

        return {"cooperation.Action": [contribution_covers_linked_decisions]}

    def load_demo(self):
        from . import demo

        return demo.load()


def install_totals_triggers(sender, using, verbosity=1, **kwargs):
    """After every ``migrate``: the totals' triggers in their current version (SQLite drops
    them whenever a migration rebuilds the subsidies table)."""
    from . import totals

    if totals.TOTALS not in connections[using].introspection.table_names():
        return  # migrated back before the totals existed
    if totals.install(using) and verbosity:
        print("Subsidy totals: triggers put back and totals made anew.")
