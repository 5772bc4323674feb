import threading

import pytest
from django.db import connection

from cooperation.models import Action, Zone
from tests.factories import ActionFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def test_zone_and_action_pages_count_their_views(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the number shown, rendered each time
    zone = ZoneFactory(slug="mali")
    action = ActionFactory(zone=zone)
    client.get("/cooperation/mali/")
    response = client.get("/cooperation/mali/")
    assert "2 vues" in response.text
    client.get(action.get_absolute_url())
    assert Zone.objects.get().view_count == 2
    assert Action.objects.get().view_count == 1


def test_view_counting_sets_no_cookie(client):
    ZoneFactory(slug="mali")
    response = client.get("/cooperation/mali/")
    assert not response.cookies


def test_a_404_counts_nothing(client):
    ZoneFactory(slug="mali", is_published=False)
    client.get("/cooperation/mali/")
    assert Zone.objects.get().view_count == 0


@pytest.mark.django_db(transaction=True)
def test_simultaneous_views_all_count():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race is meaningful on PostgreSQL")
    from django.test import Client

    zone = ZoneFactory(slug="mali")
    barrier = threading.Barrier(8)

    def view():
        barrier.wait()
        Client().get("/cooperation/mali/")
        connection.close()

    threads = [threading.Thread(target=view) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    zone.refresh_from_db()
    assert zone.view_count == 8


def test_language_switcher_stays_on_the_same_page(client):
    ZoneFactory(slug="mali")
    french = client.get("/cooperation/mali/").text
    assert 'href="/en/cooperation/mali/" hreflang="en"' in french
    english = client.get("/en/cooperation/mali/").text
    assert 'href="/cooperation/mali/" hreflang="fr"' in english
    assert '<html lang="en">' in english


def test_canonical_and_open_graph_tags(client):
    ZoneFactory(slug="mali", name="Mali", summary="Une relation privilégiée.")
    page = client.get("/cooperation/mali/?utm=x").text
    assert '<link rel="canonical" href="http://testserver/cooperation/mali/">' in page
    assert '<meta property="og:title" content="Mali">' in page
    assert '<meta property="og:description" content="Une relation privilégiée.">' in page
    assert 'property="og:image" content="http://testserver/static/img/og-default.png"' in page
    assert 'hreflang="en" href="http://testserver/en/cooperation/mali/"' in page


def test_english_content_falls_back_to_french(client):
    ZoneFactory(slug="mali", name="Mali", summary="Résumé", summary_en="")
    ZoneFactory(slug="europe", name="Europe", summary="Mission", summary_en="The EU mission")
    assert "Résumé" in client.get("/en/cooperation/mali/").text
    page = client.get("/en/cooperation/europe/").text
    assert "The EU mission" in page and ">Mission<" not in page


def test_share_links_call_no_third_party_script(client):
    ZoneFactory(slug="mali")
    page = client.get("/cooperation/mali/").text
    assert "mailto:?subject=" in page
    assert "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver" in page
    assert "<script" not in page.replace('<script src="/static/js/site.js" defer></script>', "")


def test_head_requests_do_not_count_as_views(client):
    ZoneFactory(slug="mali")
    assert client.head("/cooperation/mali/").status_code == 200
    client.head("/cooperation/mali/")
    assert Zone.objects.get().view_count == 0


def test_language_switcher_keeps_the_filters(client):
    ActionFactory()
    page = client.get("/cooperation/actions/?domaine=culture&page=1").text
    assert 'href="/en/cooperation/actions/?domaine=culture&amp;page=1"' in page


def test_french_text_on_the_english_site_is_marked_as_french(client):
    ZoneFactory(slug="mali", name="Mali", name_en="Mali", summary="Un résumé", body="Une histoire")
    english = client.get("/en/cooperation/mali/").text
    assert '<p class="lead"><span lang="fr">Un résumé</span></p>' in english
    assert '<div class="prose" lang="fr">' in english
    assert "<h1>Mali</h1>" in english  # translated: no marking
    french = client.get("/cooperation/mali/").text
    assert '<span lang="fr">' not in french
