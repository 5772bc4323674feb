from django.utils.translation import gettext_lazy as _

from core import registry


class CresiConfig(registry.PortalAppConfig):
    name = "cresi"
    verbose_name = _("CRESI : centre de ressources")
    feminine_models = frozenset({"Resource", "CatalogueRecord", "TrainingSession", "Registration"})
    url_prefix = "cresi/"
    cacheable_query_parameters = frozenset({"type", "theme", "annee", "q", "page"})
    sitemap_pages = ("cresi:home", "cresi:resource-list", "cresi:record-list", "cresi:session-list")
    email_tasks_permission = "cresi.view_registration"

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import CatalogueRecord, Resource, TrainingSession

        return [
            SearchSection(
                "ressources",
                _("Ressources du CRESI"),
                Resource.objects.published,
                "title",
                "summary",
                "cresi:resource-list",
            ),
            SearchSection(
                "documentation",
                _("Base documentaire"),
                CatalogueRecord.objects.published,
                "title",
                "abstract",
                "cresi:record-list",
            ),
            SearchSection(
                "formations",
                _("Formations"),
                TrainingSession.objects.published,
                "title",
                "place",
                "cresi:session-list",
            ),
        ]

    def sitemaps(self):
        from .sitemaps import CatalogueRecordSitemap, ResourceSitemap, TrainingSessionSitemap

        return {
            "cresi-resources": ResourceSitemap,
            "cresi-documentation": CatalogueRecordSitemap,
            "cresi-trainings": TrainingSessionSitemap,
        }

    def personal_data_purges(self):
        from .services import registrations_purge_expired, registrations_purge_unconfirmed

        return [
            (_("inscriptions aux formations du CRESI"), registrations_purge_expired),
            (
                _("inscriptions aux formations dont l'adresse n'a pas été confirmée à temps"),
                registrations_purge_unconfirmed,
            ),
        ]

    def agenda_events(self, *, today):
        from core.agenda import AgendaEvent
        from core.i18n import translated_value

        from .models import TrainingSession

        return [
            AgendaEvent(
                key=f"cresi-formation-{session.slug}",
                kind="formation",
                kind_label=_("Formation du CRESI"),
                title=translated_value(session, "title"),
                start=session.start_date,
                end=session.end_date,
                location=session.place,
                url=session.get_absolute_url(),
                updated_at=session.updated_at,
            )
            for session in TrainingSession.objects.published().filter(end_date__gte=today)
        ]

    def load_demo(self):
        from . import demo

        return demo.load()

    def staff_dashboard(self, request):
        from django.utils.translation import ngettext

        from core.humanize import long_date
        from core.registry import StaffItem, StaffPanel
        from core.staff_dashboard import change_url, drafts_panel, may_view

        from .models import CatalogueRecord, Resource, TrainingSession

        panels = drafts_panel(request, Resource, CatalogueRecord, TrainingSession)
        if may_view(request, TrainingSession):
            items = [
                StaffItem(
                    label=f"{session.title} ({long_date(session.start_date)})",
                    value=ngettext(
                        "%(count)s place restante sur %(capacity)s",
                        "%(count)s places restantes sur %(capacity)s",
                        session.places_left,
                    )
                    % {"count": session.places_left, "capacity": session.capacity},
                    url=change_url(session),
                )
                for session in TrainingSession.objects.coming_with_places_left()
            ]
            panels.append(
                StaffPanel(
                    title=_("Formations à venir qui ont encore des places"),
                    items=items,
                    empty=_("Aucune formation à venir n’a de place libre."),
                    order=20,
                )
            )
        return panels
