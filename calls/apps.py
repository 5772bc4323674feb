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

    def agenda_events(self, *, today):
        """The closing time of each published call not closed before ``today``."""
        import datetime

        from django.utils import timezone

        from core.agenda import AgendaEvent
        from core.i18n import translated_value

        from .models import Call

        start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        return [
            AgendaEvent(
                key=f"appel-a-projets-{call.slug}",
                kind="appel",
                kind_label=_("Clôture d'un appel à projets"),
                title=translated_value(call, "title"),
                start=call.closes_at,
                url=call.get_absolute_url(),
                updated_at=call.updated_at,
            )
            for call in Call.objects.published().filter(closes_at__gte=start_of_today)
        ]

    def staff_dashboard(self, request):
        """For those who instruct: the applications submitted and not yet examined, per call."""
        from django.db.models import Count, Q
        from django.utils.translation import ngettext

        from core.registry import StaffItem, StaffPanel
        from core.staff_dashboard import changelist_url, may_view

        from .choices import ApplicationStatus
        from .models import Application, Call

        if not may_view(request, Application):
            return []
        calls = (
            Call.objects.annotate(
                waiting=Count(
                    "applications", filter=Q(applications__status=ApplicationStatus.SUBMITTED)
                )
            )
            .filter(waiting__gt=0)
            .order_by("closes_at")
        )
        items = [
            StaffItem(
                label=call.title,
                value=ngettext(
                    "%(count)s dossier déposé à examiner",
                    "%(count)s dossiers déposés à examiner",
                    call.waiting,
                )
                % {"count": call.waiting},
                url=changelist_url(Application, call__id__exact=call.pk, status__exact="submitted"),
                urgent=True,
            )
            for call in calls
        ]
        return [
            StaffPanel(
                title=_("Candidatures en attente"),
                items=items,
                empty=_("Aucune candidature déposée n’attend d’être examinée."),
                order=10,
            )
        ]

    def load_demo(self):
        from . import demo

        return demo.load()
