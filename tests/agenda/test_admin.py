import pytest

from agenda.models import Event
from core.staff_groups import EDITORS

pytestmark = pytest.mark.django_db


def values(**changes):
    return {
        "title": "Rencontre",
        "slug": "rencontre",
        "summary": "Une rencontre",
        "start_at_0": "2027-03-12",
        "start_at_1": "18:30:00",
        "end_at_0": "2027-03-12",
        "end_at_1": "20:00:00",
        "is_published": "on",
        **changes,
    }


def test_an_editor_adds_an_event_shown_in_the_agenda(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    response = client.post("/admin/agenda/event/add/", values())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Event.objects.get().title == "Rencontre"


def test_an_event_ending_before_it_starts_is_refused(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    response = client.post("/admin/agenda/event/add/", values(end_at_1="17:00:00"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["end_at"] == ["La fin doit venir après le début."]
    assert not Event.objects.exists()
