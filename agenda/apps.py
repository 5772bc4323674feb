from django.utils.translation import gettext_lazy as _

from core import registry


class AgendaConfig(registry.PortalAppConfig):
    name = "agenda"
    verbose_name = _("Agenda")
    url_prefix = "agenda/"
    cacheable_query_parameters = frozenset({"type"})
    sitemap_pages = ("agenda:list",)

    def agenda_events(self, *, today):
        from core.agenda import AgendaEvent
        from core.i18n import translated_value

        from .models import Event

        return [
            AgendaEvent(
                key=f"evenement-{event.slug}",
                kind="evenement",
                kind_label=_("Événement"),
                title=translated_value(event, "title"),
                start=event.start_at,
                end=event.end_at,
                location=event.location,
                summary=translated_value(event, "summary"),
                url=event.link,
                updated_at=event.updated_at,
            )
            for event in Event.objects.published().upcoming(today)
        ]

    def load_demo(self):
        from . import demo

        return demo.load()
