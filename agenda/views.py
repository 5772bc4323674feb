from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from core.mixins import CacheableQueryMixin

from . import ical
from .forms import AgendaFilterForm
from .services import agenda_coming, agenda_event


def ics_response(text, filename):
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def site():
    base_url = settings.SITE_URL.rstrip("/")
    return {"host": urlsplit(base_url).hostname, "base_url": base_url}


class FilteredAgendaMixin:
    def filtered(self):
        events = agenda_coming()
        self.form = AgendaFilterForm(self.request.GET or None, events=events)
        return self.form.filter(events)

    def query_form(self):
        return self.form


class AgendaView(CacheableQueryMixin, FilteredAgendaMixin, TemplateView):
    """Coming events of every app, filterable by kind, with their iCalendar feed."""

    template_name = "agenda/event_list.html"

    def get_context_data(self, **kwargs):
        events = self.filtered()
        return super().get_context_data(events=events, filter=self, **kwargs)


class AgendaFeedView(FilteredAgendaMixin, View):
    """The list's events (same ``type`` filter) as an iCalendar feed to subscribe to."""

    def get(self, request):
        events = self.filtered()
        text = ical.calendar(events, name=_("Agenda de l'Essonne à l'international"), **site())
        return ics_response(text, "agenda.ics")


class AgendaEventFileView(View):
    """« Ajouter à mon agenda »: one event as an iCalendar file."""

    def get(self, request, key):
        event = agenda_event(key=key)
        if event is None:
            raise Http404
        text = ical.calendar([event], name=event.title, **site())
        return ics_response(text, f"{key}.ics")
