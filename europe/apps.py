from django.utils.translation import gettext_lazy as _

from core import registry


class EuropeConfig(registry.PortalAppConfig):
    name = "europe"
    verbose_name = _("Mission Europe")
    feminine_models = frozenset({"SupportRequest"})
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

    def staff_dashboard(self, request):
        from core.registry import StaffItem, StaffPanel
        from core.staff_dashboard import changelist_url, drafts_panel, may_view

        from .choices import RequestStatus
        from .models import EUProject, SupportRequest

        panels = drafts_panel(request, EUProject)
        if may_view(request, SupportRequest):
            waiting = SupportRequest.objects.waiting_counts()
            items = [
                StaffItem(
                    label=str(status.label),
                    value=str(waiting[status]),
                    url=changelist_url(SupportRequest, status__exact=status.value),
                    urgent=status == RequestStatus.NEW,
                )
                for status in (RequestStatus.NEW, RequestStatus.IN_PROGRESS)
                if waiting[status]
            ]
            panels.append(
                StaffPanel(
                    title=_("Demandes d’accompagnement en attente"),
                    items=items,
                    empty=_("Aucune demande d’accompagnement n’attend."),
                    order=10,
                )
            )
        return panels
