"""What the calls give the site-wide pages through their AppConfig: their closing times to the
agenda, the applications waiting to the admin's index."""

from datetime import timedelta

import pytest
from django.utils import timezone

from calls.choices import ApplicationStatus
from core.staff_groups import CALLS, EDITORS
from tests.calls.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def test_the_agenda_shows_when_open_calls_close_and_not_past_ones(client):
    CallFactory(title="Solidarité 2027", slug="solidarite-2027")
    CallFactory(
        title="Appel clos",
        slug="appel-clos",
        opens_at=timezone.now() - timedelta(days=60),
        closes_at=timezone.now() - timedelta(days=2),
    )
    CallFactory(title="Appel en préparation", slug="appel-brouillon", is_published=False)

    page = client.get("/agenda/").text
    assert "Solidarité 2027" in page
    assert '<option value="appel">' in page  # the agenda's filter offers the calls' closings
    assert "Appel clos" not in page and "Appel en préparation" not in page
    assert client.get("/agenda/?type=appel").status_code == 200

    calendar = client.get("/agenda/agenda.ics").content.decode()
    assert "UID:appel-a-projets-solidarite-2027@" in calendar
    assert "appel-clos" not in calendar


def test_those_who_instruct_see_the_applications_waiting_on_the_admin_index(client, staff_user_in):
    call = CallFactory(title="Solidarité 2027")
    for number, status in enumerate(
        [ApplicationStatus.SUBMITTED, ApplicationStatus.SUBMITTED, ApplicationStatus.ADMISSIBLE]
    ):
        ApplicationFactory(
            call=call,
            status=status,
            reference=f"AAP-2027-{number:03d}",
            submitted_at=timezone.now(),
        )
    ApplicationFactory(call=call)  # a draft: nothing to examine yet

    client.force_login(staff_user_in(CALLS))
    index = client.get("/admin/").text
    assert "Candidatures en attente" in index
    assert "2 dossiers déposés à examiner" in index

    client.force_login(staff_user_in(EDITORS, username="editeur"))
    assert "Candidatures en attente" not in client.get("/admin/").text
