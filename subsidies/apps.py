from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import registry


class SubsidiesConfig(registry.PortalAppConfig):
    name = "subsidies"
    verbose_name = _("Subventions")
    feminine_models = frozenset({"BudgetLine", "Subsidy"})
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

    def staff_dashboard(self, request):
        from django.utils.formats import date_format
        from django.utils.timezone import localtime
        from django.utils.translation import ngettext

        from core.registry import StaffItem, StaffPanel
        from core.staff_dashboard import drafts_panel, may_view

        from .models import BudgetLine, Subsidy

        panels = drafts_panel(request, Subsidy, BudgetLine)
        if may_view(request, Subsidy):
            items = [
                StaffItem(
                    label=f"{date_format(localtime(row['history_date']), 'SHORT_DATETIME_FORMAT')}"
                    f" · {row['history_change_reason']}",
                    value=ngettext("%(count)s décision", "%(count)s décisions", row["rows"])
                    % {"count": row["rows"]},
                )
                for row in Subsidy.latest_imports()
            ]
            panels.append(
                StaffPanel(
                    title=_("Derniers imports de subventions"),
                    items=items,
                    empty=_("Aucun import de subventions pour l’instant."),
                    order=40,
                )
            )
        return panels


def install_totals_triggers(sender, using, verbosity=1, **kwargs):
    """After every ``migrate``: the totals' triggers in their current version (SQLite drops
    them whenever a migration rebuilds the subsidies table)."""
    from . import totals

    if totals.TOTALS not in connections[using].introspection.table_names():
        return  # migrated back before the totals existed
    if totals.install(using) and verbosity:
        print("Subsidy totals: triggers put back and totals made anew.")
