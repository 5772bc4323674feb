"""The demo's training calendar: the seed year's 14 days, and sessions to come whatever the day."""

import re
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from cresi import demo
from cresi.models import TrainingSession

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

# The day of the review, the day the fixed 2027 sessions closed, a day whose coming sessions
# straddle the new year, and a day far away.
DAYS = [date(2026, 11, 28), date(2027, 1, 20), date(2027, 12, 20), date(2031, 2, 28)]
COMING_SLUGS = [slug for slug, *_ in demo.COMING_SESSIONS]


def coming(today):
    return list(TrainingSession.objects.published().upcoming(today).order_by("start_date"))


def snapshot():
    return sorted(
        TrainingSession.objects.values_list(
            "pk", "slug", "start_date", "end_date", "registration_deadline", "updated_at"
        )
    )


@pytest.mark.parametrize("today", DAYS)
def test_coming_sessions_are_open_for_registration_whatever_the_day(freeze_today, today):
    freeze_today(today)
    demo.load()
    sessions = coming(today)
    assert [session.slug for session in sessions] == COMING_SLUGS
    assert [(session.start_date - today).days for session in sessions] == [45, 75, 110]
    for session in sessions:
        assert session.registration_deadline == session.start_date - timedelta(days=7)
        assert session.registration_is_open(today)
        assert (session.end_date - session.start_date).days + 1 >= session.duration_days
    published = TrainingSession.objects.published()
    assert published.in_year(2010).total_days() == 14
    assert published.last_full_year(today) == 2010


@pytest.mark.parametrize("today", DAYS)
def test_pages_show_the_seed_year_and_open_sessions_whatever_the_day(client, freeze_today, today):
    freeze_today(today)
    call_command("load_demo", stdout=StringIO())
    home = client.get("/")
    assert home.context["figures"].training_year == 2010
    assert home.context["figures"].training_days == 14
    assert client.get("/cresi/").context["figure_year"] == 2010
    calendar = client.get("/cresi/formations/")
    assert [session.slug for session in calendar.context["upcoming_sessions"]] == COMING_SLUGS
    for slug in COMING_SLUGS:
        assert f'href="/cresi/formations/{slug}/inscription/"' in calendar.text
        form = client.get(f"/cresi/formations/{slug}/inscription/")
        assert form.templates[0].name == "cresi/registration_form.html"


def test_coming_sessions_are_keyed_by_slugs_without_a_date():
    assert not any(re.search(r"\d", slug) for slug in COMING_SLUGS)


def test_a_second_run_the_same_day_changes_nothing(freeze_today):
    freeze_today(DAYS[0])
    demo.load()
    before = snapshot()
    demo.load()
    assert snapshot() == before


def test_a_run_on_a_later_day_moves_the_coming_sessions_and_keeps_their_rows(freeze_today):
    freeze_today(DAYS[0])
    demo.load()
    first = {session.slug: session for session in coming(DAYS[0])}
    registration = RegistrationFactory(session=first[COMING_SLUGS[0]])
    seed_year = sorted(TrainingSession.objects.in_year(2010).values_list("pk", "updated_at"))

    later = DAYS[0] + timedelta(days=400)
    freeze_today(later)
    demo.load()
    moved = coming(later)
    assert [(session.slug, session.pk) for session in moved] == [
        (slug, first[slug].pk) for slug in COMING_SLUGS
    ]
    assert [(session.start_date - later).days for session in moved] == [45, 75, 110]
    assert TrainingSession.objects.count() == len(demo.SEED_SESSIONS) + len(COMING_SLUGS)
    assert sorted(TrainingSession.objects.in_year(2010).values_list("pk", "updated_at")) == (
        seed_year
    )
    registration.refresh_from_db()
    assert registration.session_id == first[COMING_SLUGS[0]].pk


def test_sessions_loaded_under_their_former_dated_slugs_are_taken_over(freeze_today):
    from .factories import TrainingSessionFactory

    old = TrainingSessionFactory(
        slug="monter-un-projet-2027",
        start_date=date(2027, 1, 22),
        end_date=date(2027, 1, 23),
        registration_deadline=date(2027, 1, 15),
    )
    registration = RegistrationFactory(session=old)
    freeze_today(DAYS[1])
    demo.load()
    assert not TrainingSession.objects.filter(slug__endswith="-2027").exists()
    old.refresh_from_db()
    assert old.slug == "monter-un-projet-prochaine-session"
    assert old.start_date == DAYS[1] + timedelta(days=45)
    assert old.registrations.get() == registration


def test_generated_documents_are_the_same_bytes_whenever_they_are_made():
    """No member carries the clock's time (a download test compared two ODTs made a second
    apart and failed on a busy machine)."""
    import io
    import zipfile

    from cresi.documents import odt_document
    from tests import samples

    for document in (odt_document("Titre", ["Texte"]), samples.odt(), samples.ooxml()):
        with zipfile.ZipFile(io.BytesIO(document)) as archive:
            times = {member.date_time for member in archive.infolist()}
        assert times <= {(2026, 1, 1, 0, 0, 0), (1980, 1, 1, 0, 0, 0)}
