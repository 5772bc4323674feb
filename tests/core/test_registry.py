"""An app registers itself: the test-only app ``tests/example_app`` names no kernel file, and
no kernel file names it, yet every site-wide mechanism finds it through its ``AppConfig``."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.content_version import content_version
from core.registry import cacheable_query_parameters, portal_apps
from tests.core.test_content_version import installed_trigger_tables
from tests.example_app.models import Postcard, Subscriber

pytestmark = pytest.mark.django_db


def test_the_example_app_is_a_portal_app_and_comes_before_the_site():
    labels = [config.label for config in portal_apps()]
    assert labels.index("example") < labels.index("portal")
    assert labels[0] == "core"


def test_its_pages_are_served_at_its_prefix_in_both_languages(client):
    Postcard.objects.create(slug="bamako", title="Souvenir de Bamako")
    assert "Souvenir de Bamako" in client.get("/cartes-postales/").text
    assert client.get("/cartes-postales/bamako/").text == "Souvenir de Bamako"
    assert client.get("/en/cartes-postales/bamako/").status_code == 200


def test_search_finds_its_records(client):
    Postcard.objects.create(slug="bamako", title="Souvenir de Bamako")
    page = client.get("/recherche/", {"q": "Bamako"}).text
    assert "Cartes postales" in page
    assert "/cartes-postales/bamako/" in page


def test_the_sitemap_lists_its_pages(client):
    Postcard.objects.create(slug="bamako", title="Souvenir de Bamako")
    sitemap = client.get("/sitemap.xml").text
    assert "/cartes-postales/bamako/" in sitemap
    assert "/cartes-postales/</loc>" in sitemap


def test_its_query_parameters_are_cacheable_and_others_are_not(client, django_assert_num_queries):
    assert "couleur" in cacheable_query_parameters()
    client.get("/cartes-postales/", {"couleur": "bleu"})
    with django_assert_num_queries(0):
        assert client.get("/cartes-postales/", {"couleur": "bleu"}).text.startswith("<p>bleu")
    client.get("/cartes-postales/", {"taille": "grande"})
    with django_assert_num_queries(1):  # never cached: the list is read again
        client.get("/cartes-postales/", {"taille": "grande"})


def test_writing_its_content_makes_the_pages_stale_and_its_private_records_do_not(settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0  # read the version from the database each time
    assert {"example_postcard"} <= installed_trigger_tables()
    assert "example_subscriber" not in installed_trigger_tables()
    before = content_version()
    Subscriber.objects.create(email="a@example.org", subscribed_at=timezone.now())
    assert content_version() == before
    Postcard.objects.create(slug="wuhan", title="Souvenir de Wuhan")
    assert content_version() > before


def test_load_demo_runs_its_loader():
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "example: 2 enregistrements à jour" in out.getvalue()
    assert set(Postcard.objects.values_list("slug", flat=True)) == {"bamako", "wuhan"}


def test_purge_personal_data_runs_its_purge():
    now = timezone.now()
    Subscriber.objects.create(email="old@example.org", subscribed_at=now - timedelta(days=31))
    Subscriber.objects.create(email="new@example.org", subscribed_at=now)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "abonnés aux cartes postales\xa0: 1" in out.getvalue()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_the_agenda_shows_its_events_and_their_calendar_files(client):
    Postcard.objects.create(slug="kayes", title="Souvenir de Kayes", message="Bises")
    page = client.get("/agenda/").text
    assert "Souvenir de Kayes" in page and "Envoi de carte postale" in page
    calendar = client.get("/agenda/carte-kayes.ics").text
    assert "SUMMARY:Souvenir de Kayes\r\n" in calendar
    assert "Souvenir de Kayes" in client.get("/agenda/agenda.ics?type=carte").text
