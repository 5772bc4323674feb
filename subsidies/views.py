import csv
import hashlib
import json

from django.conf import settings
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from core.cache import cached_until_content_changes

from .filters import SubsidyFilter
from .models import ZERO_EUROS, Subsidy, SubsidyTotal
from .scdl import COLUMNS, EXPORT_FIELDS, scdl_json_record, scdl_values

EXPORT_CHUNK_SIZE = 2000
# The filters the kept totals can answer (``SubsidyTotal`` has the same selection methods).
TOTALS_CRITERIA = ("annee", "zone", "domaine")


class SubsidyListView(FilterView):
    """The published decisions, filtered, with the count and total of the whole selection.

    Its queries do not grow with the rows: the zone choices, one aggregate (whose count also
    serves the paginator) and the page of rows with their beneficiary and zone.
    """

    filterset_class = SubsidyFilter
    template_name = "subsidies/subsidy_list.html"
    context_object_name = "subsidies"
    paginate_by = 25

    def get_queryset(self):
        return (
            Subsidy.objects.published().with_granted_amount().select_related("beneficiary", "zone")
        )

    def get_context_data(self, **kwargs):
        self.totals = self.selection_totals()
        return super().get_context_data(totals=self.totals, **kwargs)

    def selection_totals(self):
        """Count and total of the whole selection (also the paginator's count).

        Read from the kept totals (``SubsidyTotal``) when it is chosen by year, zone and domain
        only; words searched need the decisions themselves: those totals are kept until the
        next content change, per selection (page and sort order do not change them).
        """
        filterset = self.filterset
        if not filterset.is_bound:
            return SubsidyTotal.objects.published().totals()
        if not filterset.is_valid():
            return {"count": 0, "amount": ZERO_EUROS}
        criteria = filterset.form.cleaned_data
        if criteria.get("q"):
            # Keyed by the values understood, so that parameters made up add no entry.
            selection = repr(
                sorted(
                    (name, str(getattr(value, "slug", value)))
                    for name, value in criteria.items()
                    if name != "tri" and value not in (None, "")
                )
            )
            return cached_until_content_changes(
                "subsidy-totals",
                lambda _selection: self.object_list.totals(),
                hashlib.sha256(selection.encode()).hexdigest(),
            )
        totals = SubsidyTotal.objects.published()
        for name in TOTALS_CRITERIA:
            totals = filterset.filters[name].filter(totals, criteria.get(name))
        return totals.totals()

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.totals["count"]
        return paginator


class Echo:
    """A file-like object whose ``write`` hands the line back, for streaming a csv.writer."""

    def write(self, value):
        return value


class SubsidyExportView(View):
    """The filtered published decisions in the SCDL « subventions » format, streamed.

    Rows are read from the database in chunks and written out as they come, so that an export
    of 100 000 decisions never holds them all in memory.
    """

    def get(self, request):
        filterset = SubsidyFilter(request.GET, queryset=Subsidy.objects.published())
        if not filterset.is_valid():
            lines = [_("Filtre invalide, rien n'est exporté :")]
            for name, errors in filterset.errors.items():
                lines.extend(f"{name} : {error}" for error in errors)
            return HttpResponseBadRequest(
                "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
            )
        rows = filterset.qs.values_list(*EXPORT_FIELDS).iterator(chunk_size=EXPORT_CHUNK_SIZE)
        publisher = {
            "publisher_name": settings.PUBLISHER_NAME,
            "publisher_siret": settings.PUBLISHER_SIRET,
        }
        values = (scdl_values(row, **publisher) for row in rows)
        response = StreamingHttpResponse(self.stream(values), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def batched(pieces, size=500):
    """Joins the pieces of text into chunks of ``size`` rows: fewer, larger writes to the client."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) >= size:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


class SubsidyCsvExportView(SubsidyExportView):
    """UTF-8, comma-separated, a header line: what the SCDL schema asks."""

    content_type = "text/csv; charset=utf-8"
    filename = "subventions-essonne.csv"

    def stream(self, values):
        writer = csv.writer(Echo())
        yield writer.writerow(COLUMNS)
        yield from batched(writer.writerow(row) for row in values)


class SubsidyJsonExportView(SubsidyExportView):
    """A JSON array of one object per decision, keyed by the SCDL column names."""

    content_type = "application/json"
    filename = "subventions-essonne.json"

    def stream(self, values):
        yield "["
        rows = (
            ("\n" if index == 0 else ",\n") + json.dumps(scdl_json_record(row), ensure_ascii=False)
            for index, row in enumerate(values)
        )
        yield from batched(rows)
        yield "\n]\n"
