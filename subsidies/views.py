import csv
import json

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views import View
from django_filters.views import FilterView

from core.mixins import CacheableQueryMixin

from .filters import SubsidyFilter
from .models import ZERO_EUROS, Subsidy
from .scdl import COLUMNS, EXPORT_FIELDS, EXPORT_ORDER, scdl_json_record, scdl_values
from .selectors import subsidy_selection_totals

EXPORT_CHUNK_SIZE = 500  # rows per fetch: the first ones leave sooner


class SubsidyListView(CacheableQueryMixin, FilterView):
    """The published decisions, filtered, with the count and total of the whole selection
    (``subsidy_selection_totals``).

    Its queries do not grow with the rows: the zone choices, one aggregate (whose count also
    serves the paginator) and the page of rows with their beneficiary and zone.
    """

    filterset_class = SubsidyFilter
    template_name = "subsidies/subsidy_list.html"
    context_object_name = "subsidies"
    paginate_by = 25

    def get_queryset(self):
        return Subsidy.objects.published().select_related("beneficiary", "zone")

    def get_context_data(self, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            self.totals = {"count": 0, "amount": ZERO_EUROS}  # the list shows no decision
        else:
            self.totals = subsidy_selection_totals(
                decisions=self.object_list, **self.filterset.selection()
            )
        return super().get_context_data(totals=self.totals, **kwargs)

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        paginator.count = self.totals["count"]
        return paginator


class Echo:
    """A file-like object whose ``write`` hands the line back, for streaming a csv.writer."""

    def write(self, value):
        return value


class SubsidyExportView(View):
    """The filtered published decisions in the SCDL « subventions » format, streamed.

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
        decisions = filterset.qs
        if not filterset.form.cleaned_data.get("tri"):
            decisions = decisions.order_by(*EXPORT_ORDER)
        rows = streamed(decisions.values_list(*EXPORT_FIELDS))
        publisher = {
            "publisher_name": settings.PUBLISHER_NAME,
            "publisher_siret": settings.PUBLISHER_SIRET,
        }
        values = (scdl_values(row, **publisher) for row in rows)
        response = StreamingHttpResponse(self.stream(values), content_type=self.content_type)
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


def streamed(queryset):
    """The rows of ``queryset``, read from the database a chunk at a time as they are sent.

    In a transaction of their own: outside one (autocommit), PostgreSQL keeps a server-side
    cursor past its transaction only by computing its whole result first, so the first row of
    the full export would wait for all 100 000 (issue 18). Within one, the rows come straight
    from the index the export's order follows (``subsidy_export_idx``).
    """
    with transaction.atomic():
        yield from queryset.iterator(chunk_size=EXPORT_CHUNK_SIZE)


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
