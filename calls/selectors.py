"""What the committee view of a call reads."""

from django.db.models import Count, Sum

from cooperation.choices import Domain

from .choices import ApplicationStatus
from .models import Application

COMMITTEE_STATUSES = [status for status in ApplicationStatus if status != ApplicationStatus.DRAFT]


def committee_summary(call):
    """The call's submitted applications (scores and budget loaded), how many per status, the
    totals requested, proposed and granted against the envelope, and the same per zone and per
    domain."""
    applications = list(
        Application.objects.for_call(call)
        .submitted()
        .select_related("zone", "call")
        .prefetch_related("scores", "call__criteria")
        .order_by("status", "reference")
    )
    submitted = Application.objects.for_call(call).submitted()
    counts = submitted.order_by().values("status").annotate(count=Count("pk"))
    by_status = {row["status"]: row["count"] for row in counts}
    return {
        "applications": applications,
        "by_status": [
            (status.label, by_status.get(status.value, 0)) for status in COMMITTEE_STATUSES
        ],
        "totals": submitted.committee_totals(),
        "by_zone": list(
            submitted.order_by().values("zone__name").annotate(**_sums()).order_by("zone__name")
        ),
        "by_domain": [
            {**row, "label": Domain(row["domain"]).label if row["domain"] else ""}
            for row in submitted.order_by().values("domain").annotate(**_sums()).order_by("domain")
        ],
    }


def _sums():
    return {
        "count": Count("pk"),
        "requested": Sum("amount_requested"),
        "proposed": Sum("proposed_amount"),
        "granted": Sum("granted_amount"),
    }
