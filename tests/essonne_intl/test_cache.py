import pytest
from django.urls import reverse

from essonne_intl.cache import content_version
from essonne_intl.staff_groups import EDITORS
from tests.factories import ActionFactory, ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_anonymous_page_is_served_from_the_cache(client, django_assert_num_queries):
    ZoneFactory(name="Mali")
    first = client.get("/cooperation/")
    with django_assert_num_queries(0):
        second = client.get("/cooperation/")
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_languages_and_query_strings_are_cached_apart(client):
    ActionFactory(title="Puits", domain="environment")
    ActionFactory(title="Théâtre", domain="culture")
    assert "Théâtre" not in client.get("/cooperation/actions/?domaine=environment").text
    assert "Théâtre" in client.get("/cooperation/actions/?domaine=culture").text
    assert '<html lang="en">' in client.get("/en/cooperation/actions/").text
    assert '<html lang="fr">' in client.get("/cooperation/actions/").text


def test_a_change_in_the_admin_shows_at_once(client, staff_user_in):
    zone = ZoneFactory(name="Mali", summary="Ancien résumé")
    assert "Ancien résumé" in client.get("/cooperation/").text
    version = content_version()

    staff = client.__class__()
    staff.force_login(staff_user_in(EDITORS))
    response = staff.post(
        reverse("admin:cooperation_zone_change", args=[zone.pk]),
        {
            "name": "Mali",
            "slug": zone.slug,
            "kind": zone.kind,
            "is_published": "on",
            "summary": "Nouveau résumé",
            "country_code": "ML",
            "latitude": "12.6",
            "longitude": "-8",
            "partners-TOTAL_FORMS": "0",
            "partners-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content
    assert content_version() > version
    assert "Nouveau résumé" in client.get("/cooperation/").text


def test_unpublishing_removes_the_page_at_once(client):
    zone = ZoneFactory(name="Mali")
    assert "Mali" in client.get("/cooperation/").text
    zone.is_published = False
    zone.save()
    assert "Mali" not in client.get("/cooperation/").text


def test_pages_counting_views_are_not_cached(client):
    ZoneFactory(slug="mali")
    client.get("/cooperation/mali/")
    assert "2 vues" in client.get("/cooperation/mali/").text


def test_logged_in_staff_never_get_a_cached_page(client, admin_user):
    ZoneFactory(name="Mali")
    client.get("/cooperation/")
    client.force_login(admin_user)
    ZoneFactory.create(name="Guyane")  # bumps the version anyway; check the bypass itself
    response = client.get("/cooperation/")
    assert "Guyane" in response.text


def test_errors_and_pages_with_forms_are_not_cached(client, django_assert_max_num_queries):
    client.get("/cooperation/introuvable/")
    response = client.get("/cooperation/introuvable/")
    assert response.status_code == 404
    ZoneFactory(slug="mali")
    client.get("/recherche/?q=mali")
    with django_assert_max_num_queries(10) as captured:
        client.get("/recherche/?q=mali")
    assert len(captured.captured_queries) == 0  # a search page has no form token: cached
