from django.utils.translation import gettext_lazy as _

from core import registry


class PortalConfig(registry.PortalAppConfig):
    """The pages that gather every app: home, key figures, search, legal pages, site map."""

    name = "portal"
    verbose_name = _("Portail international")
    feminine_models = frozenset({"LegalPage"})
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

    def staff_dashboard(self, request):
        from cooperation.models import Zone
        from core.registry import StaffItem, StaffPanel
        from core.staff_dashboard import changelist_url, may_view

        from .figures import content_per_zone

        if not may_view(request, Zone):
            return []
        items = [
            StaffItem(
                label=row["zone"].name,
                value=_(
                    "actions : %(actions)s · subventions : %(subsidies)s · "
                    "projets européens : %(projects)s"
                )
                % row,
                url=changelist_url(Zone) + f"{row['zone'].pk}/change/",
            )
            for row in content_per_zone()
        ]
        return [StaffPanel(title=_("Contenus par zone"), items=items, order=60)]
