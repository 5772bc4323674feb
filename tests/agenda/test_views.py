import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core import registry
from tests.agenda.factories import EventFactory
from tests.cresi.factories import TrainingSessionFactory
from tests.portal.public_pages import visible_text

pytestmark = pytest.mark.django_db


def in_days(n):
    return timezone.localdate() + timedelta(days=n)


def test_the_agenda_gathers_staff_events_and_cresi_trainings_in_date_order(client):
    later = EventFactory(title="Rencontre Mali", start_at=timezone.now() + timedelta(days=20))
    session = TrainingSessionFactory(
        title="Monter un projet", start_date=in_days(5), end_date=in_days(6)
    )
    EventFactory(title="Brouillon", is_published=False)
    EventFactory(
        title="Passée",
        start_at=timezone.now() - timedelta(days=3),
        end_at=timezone.now() - timedelta(days=3, hours=-2),
    )
    TrainingSessionFactory(title="Formation passée", start_date=in_days(-10))
    TrainingSessionFactory(title="Formation en brouillon", is_published=False)
    text = visible_text(client.get("/agenda/").text)
    assert text.index("Monter un projet") < text.index("Rencontre Mali")
    for hidden in ("Brouillon", "Passée", "Formation passée", "Formation en brouillon"):
        assert hidden not in text
    assert "2\xa0événements à venir" in text or "2 événements à venir" in text
    assert "Formation du CRESI" in text
    page = client.get("/agenda/").text
    assert session.get_absolute_url() in page
    assert f"/agenda/evenement-{later.slug}.ics" in page
    assert f"/agenda/cresi-formation-{session.slug}.ics" in page


def test_a_session_under_way_is_still_coming_until_its_last_day(client):
    TrainingSessionFactory(title="En cours", start_date=in_days(-1), end_date=in_days(1))
    assert "En cours" in client.get("/agenda/").text


def test_the_type_filter_and_its_feed(client):
    EventFactory(title="Rencontre")
    TrainingSessionFactory(title="Formation")
    text = visible_text(client.get("/agenda/?type=formation").text)
    assert "Formation" in text and "Rencontre" not in text
    feed = client.get("/agenda/agenda.ics?type=formation").text
    assert "SUMMARY:Formation" in feed and "Rencontre" not in feed
    assert "SUMMARY:Rencontre" in client.get("/agenda/agenda.ics").text


def test_a_bad_type_shows_the_form_error_and_is_not_cached(client):
    EventFactory(title="Rencontre")
    response = client.get("/agenda/?type=nimporte")
    assert response.status_code == 200
    assert "field__error" in response.text and "Rencontre" in response.text
    assert not getattr(response, "cacheable_query", True)


def test_add_to_my_calendar_gives_one_event(client):
    event = EventFactory(title="Rencontre, bilan; suite", location="Évry")
    EventFactory(title="Autre")
    response = client.get(f"/agenda/evenement-{event.slug}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="evenement-' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Rencontre\\, bilan\\; suite\r\n" in text
    assert re.search(r"UID:evenement-[\w-]+@\S+\r\n", text)
    assert "DTSTART;TZID=Europe/Paris:" in text and "BEGIN:VTIMEZONE" in text


def test_a_past_draft_or_unknown_event_has_no_file(client):
    draft = EventFactory(is_published=False)
    assert client.get(f"/agenda/evenement-{draft.slug}.ics").status_code == 404
    assert client.get("/agenda/evenement-inconnu.ics").status_code == 404


def test_the_query_count_does_not_grow_with_events(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    EventFactory()
    TrainingSessionFactory()
    with django_assert_max_num_queries(6) as few:
        assert client.get("/agenda/").status_code == 200
    for _ in range(10):
        EventFactory()
        TrainingSessionFactory()
    with django_assert_num_queries(len(few)):
        assert client.get("/agenda/").status_code == 200


def test_every_app_can_give_events_through_the_registry():
    session = TrainingSessionFactory()
    event = EventFactory()
    keys = [item.key for item in registry.agenda_events(today=timezone.localdate())]
    assert f"cresi-formation-{session.slug}" in keys and f"evenement-{event.slug}" in keys


def test_english_agenda(client):
    EventFactory(title="Rencontre", title_en="Meeting")
    text = visible_text(client.get("/en/agenda/").text)
    assert "Meeting" in text and "Add to my calendar" in text
