import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from calls import services
from calls.choices import ApplicationStatus
from calls.models import Application, Score
from core.staff_groups import CALLS, FINANCE
from subsidies.models import Subsidy

from .factories import CallFactory, complete_application
from .test_services import proposed, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def instructor(client, staff_user_in):
    client.force_login(staff_user_in(CALLS))
    return client


def instruct_url(application):
    return reverse("admin:calls_application_instruct", args=[application.pk])


def test_the_group_instructs_through_the_admin(instructor):
    application = submitted()
    response = instructor.post(
        instruct_url(application), {"to_status": ApplicationStatus.ADMISSIBLE}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ADMISSIBLE
    change = application.status_changes.last()
    assert change.changed_by.username == f"staff-{CALLS}"


def test_a_refusal_without_reason_is_shown_beside_the_field_and_changes_nothing(instructor):
    application = submitted()
    response = instructor.post(
        instruct_url(application), {"to_status": ApplicationStatus.NOT_ADMISSIBLE}
    )
    assert response.status_code == 200
    assert "Indiquez le motif" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_granting_through_the_admin_creates_the_decision_once(instructor):
    application = proposed()
    url = instruct_url(application)
    data = {"to_status": ApplicationStatus.GRANTED, "amount": "9000"}
    assert instructor.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.subsidy.amount == Decimal("9000")
    again = instructor.post(url, data)
    assert again.status_code == 200
    assert Subsidy.objects.count() == 1


def test_going_past_the_envelope_asks_for_a_reason(instructor):
    call = CallFactory(envelope=Decimal("20000"), max_amount=Decimal("20000"))
    services.application_grant(application=proposed(call), amount=Decimal("10000"), by=None)
    application = proposed(call)
    url = instruct_url(application)
    response = instructor.post(url, {"to_status": ApplicationStatus.GRANTED, "amount": "12000"})
    assert "motivez le dépassement" in response.content.decode()
    assert Subsidy.objects.count() == 1
    response = instructor.post(
        url,
        {"to_status": ApplicationStatus.GRANTED, "amount": "12000", "override_reason": "Vote."},
    )
    assert response.status_code == 302
    assert application.status_changes.get(to_status=ApplicationStatus.GRANTED).envelope_override


def test_scores_are_entered_on_the_application_page(instructor):
    application = submitted()
    relevance, partnership = application.call.criteria.all()
    url = reverse("admin:calls_application_change", args=[application.pk])
    page = instructor.get(url)
    assert page.status_code == 200
    data = {
        "scores-TOTAL_FORMS": 2,
        "scores-INITIAL_FORMS": 0,
        "scores-0-criterion": relevance.pk,
        "scores-0-score": 8,
        "scores-1-criterion": partnership.pk,
        "scores-1-score": 4,
        **{
            f"{prefix}-{key}": 0
            for prefix in ("budget_items", "attachments", "status_changes")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        },
    }
    response = instructor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Score.objects.count() == 2
    assert application.score_total() == Decimal("7.00")


def test_committee_view_and_csv(instructor, django_assert_max_num_queries):
    call = CallFactory(envelope=Decimal("50000"))
    first = proposed(call, amount=Decimal("12000"))
    second = submitted(call, title='=HYPERLINK("http://evil")')
    complete_application(call)  # a draft: not for the committee
    url = reverse("admin:calls_call_committee", args=[call.pk])
    page = instructor.get(url).content.decode()
    assert first.reference in page and second.reference in page
    assert "12\u00a0000\u00a0€" in page  # proposed
    assert "30\u00a0000\u00a0€" in page  # requested, 2 × 15 000
    assert "Environnement" in page  # the domain, by its name
    for _index in range(3):
        submitted(call)
    with django_assert_max_num_queries(25):
        instructor.get(url)
    response = instructor.get(reverse("admin:calls_call_committee_csv", args=[call.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Numéro"
    assert len(rows) == 1 + 5
    assert any(row[2] == '\'=HYPERLINK("http://evil")' for row in rows)


def test_other_groups_reach_neither_applications_nor_the_committee(client, staff_user_in):
    call = CallFactory()
    application = submitted(call)
    client.force_login(staff_user_in(FINANCE))
    for url in (
        reverse("admin:calls_call_committee", args=[call.pk]),
        reverse("admin:calls_call_committee_csv", args=[call.pk]),
        instruct_url(application),
        reverse("admin:calls_application_change", args=[application.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_attachments_are_downloaded_through_the_admin_only_by_the_group(
    instructor, client, staff_user_in
):
    application = submitted()
    attachment = application.attachments.first()
    url = reverse("admin:calls_attachment_stored_file", args=[attachment.pk, "file"])
    response = instructor.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert Application.objects.count() == 1


def test_the_admin_action_makes_granted_projects_cooperation_actions(instructor):
    granted = services.application_grant(application=proposed(), amount=Decimal("9000"), by=None)
    waiting = submitted()
    response = instructor.post(
        reverse("admin:calls_application_changelist"),
        {"action": "create_actions", "_selected_action": [granted.pk, waiting.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "créée, à publier par les éditeurs" in page
    assert "pas possible depuis le statut actuel" in page
    granted.subsidy.refresh_from_db()
    assert granted.subsidy.action.is_published is False
