from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cooperation.filters import ActionFilter
from cooperation.models import Action
from cresi.filters import TrainingSessionFilter
from cresi.models import TrainingSession
from europe.filters import EUProjectFilter
from europe.models import EUProject

from . import iati
from .datasets import LICENCE, catalogue
from .exports import action_csv, eu_project_csv
from .ical import calendar


class OpenDataView(TemplateView):
    """Every dataset of the portal, with its format, schema, licence, last update and size."""

    template_name = "opendata/index.html"

    def get_context_data(self, **kwargs):
        datasets = [(dataset, dataset.facts()) for dataset in catalogue()]
        return super().get_context_data(
            datasets=datasets,
            licence=LICENCE,
            iati_reporting_org=iati.reporting_org_ref(),
            **kwargs,
        )


def invalid_filter(filterset):
    """What a file answers to a bad filter: nothing exported, each error named (as the SCDL
    export does)."""
    lines = [_("Filtre invalide, rien n'est exporté :")]
    for name, errors in filterset.errors.items():
        lines.extend(f"{name} : {error}" for error in errors)
    return HttpResponseBadRequest("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class FilteredFileView(View):
    """A file of the records a list page shows, with the same filters (same parameters)."""

    filterset_class = None
    content_type = None
    filename = None

    def get_queryset(self):
        raise NotImplementedError

    def get(self, request):
        filterset = self.filterset_class(
            request.GET or None, queryset=self.get_queryset(), request=request
        )
        if filterset.is_bound and not filterset.is_valid():
            return invalid_filter(filterset)
        response = self.respond(filterset.qs)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


class ActionCsvView(FilteredFileView):
    """The published cooperation actions, filtered like ``/cooperation/actions/``, streamed."""

    filterset_class = ActionFilter
    filename = "actions-cooperation-essonne.csv"

    def get_queryset(self):
        return Action.objects.published()

    def respond(self, actions):
        return StreamingHttpResponse(action_csv(actions), content_type="text/csv; charset=utf-8")


class EUProjectCsvView(FilteredFileView):
    """The published EU projects and their partners, filtered like ``/europe/``, streamed."""

    filterset_class = EUProjectFilter
    filename = "projets-europeens-essonne.csv"

    def get_queryset(self):
        return EUProject.objects.published()

    def respond(self, projects):
        return StreamingHttpResponse(
            eu_project_csv(projects), content_type="text/csv; charset=utf-8"
        )


class TrainingCalendarView(FilteredFileView):
    """The CRESI's published training sessions as iCalendar, filtered like its calendar page."""

    filterset_class = TrainingSessionFilter
    filename = "formations-cresi-essonne.ics"

    def get_queryset(self):
        return TrainingSession.objects.published()

    def respond(self, sessions):
        body = "".join(
            calendar(sessions.order_by("start_date", "slug"), name=_("Formations du CRESI"))
        )
        return HttpResponse(body, content_type="text/calendar; charset=utf-8")


class IatiActivitiesView(View):
    """The IATI 2.03 activities file (``opendata/iati.py``)."""

    def get(self, request):
        response = HttpResponse(
            iati.activities_document(), content_type="application/xml; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="activites-iati-essonne.xml"'
        return response
