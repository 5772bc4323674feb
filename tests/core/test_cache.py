import pytest
from django.core.cache import cache
from django.urls import reverse

from core.content_version import content_version
from core.staff_groups import EDITORS
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


def test_pages_counting_views_are_cached_briefly_and_count_every_request(
    client, settings, django_assert_max_num_queries
):
    from cooperation.models import Zone

    ZoneFactory(slug="mali")
    content_version()
    assert "1 vue" in client.get("/cooperation/mali/").text
    settings.COUNTER_FLUSH_SECONDS = 3600  # as in production: counted now, written later
    with django_assert_max_num_queries(0):
        assert "1 vue" in client.get("/cooperation/mali/").text
    settings.COUNTER_FLUSH_SECONDS = 0
    client.get("/cooperation/mali/")  # writes this count and the one held
    assert Zone.objects.get().view_count == 3
    cache.clear()  # what the short timeout does
    assert "4 vues" in client.get("/cooperation/mali/").text


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


@pytest.mark.parametrize("url", ["/europe/accompagnement/", "/admin/login/"])
def test_pages_with_a_csrf_token_are_never_shared(url):
    from django.test import Client

    first, second = Client(), Client()
    first.get(url)
    response = second.get(url)
    assert "csrftoken" in response.cookies, "each visitor gets a token of their own"


def test_a_registration_form_works_for_a_second_visitor(demo):
    from django.test import Client

    from cresi.models import TrainingSession

    session = TrainingSession.objects.published().upcoming().first()
    url = f"/cresi/formations/{session.slug}/inscription/"
    Client(enforce_csrf_checks=True).get(url)
    visitor = Client(enforce_csrf_checks=True)
    form_page = visitor.get(url)
    token = form_page.context["csrf_token"]
    response = visitor.post(
        url,
        {
            "name": "Awa Traoré",
            "email": "awa@example.org",
            "organisation": "Association Kayes-Essonne",
            "consent": "on",
            "csrfmiddlewaretoken": str(token),
        },
    )
    assert response.status_code == 302


class TestMiddlewareDecisions:
    """The middleware on its own, with views that do or do not make a page personal."""

    def run(self, view, rf):
        from django.contrib.sessions.middleware import SessionMiddleware

        from core.cache import PublicPageCacheMiddleware

        request = rf.get("/page/")
        SessionMiddleware(lambda r: None).process_request(request)
        middleware = PublicPageCacheMiddleware(view)
        middleware(request)
        again = rf.get("/page/")
        SessionMiddleware(lambda r: None).process_request(again)
        return middleware(again)

    def test_a_plain_page_is_stored(self, rf):
        from django.http import HttpResponse

        calls = []
        response = self.run(lambda request: calls.append(1) or HttpResponse("ok"), rf)
        assert response.content == b"ok" and len(calls) == 1

    def test_a_page_using_a_csrf_token_is_not_stored(self, rf):
        from django.http import HttpResponse
        from django.middleware.csrf import get_token

        calls = []

        def view(request):
            calls.append(1)
            return HttpResponse(get_token(request))

        self.run(view, rf)
        assert len(calls) == 2

    def test_a_page_reading_the_session_is_not_stored(self, rf):
        from django.http import HttpResponse

        calls = []

        def view(request):
            calls.append(1)
            return HttpResponse(str(request.session.get("basket")))

        self.run(view, rf)
        assert len(calls) == 2


def test_a_support_request_leaves_the_cache_alone():
    from django.utils import timezone

    from europe.models import SupportRequest

    version = content_version()
    SupportRequest.objects.create(
        structure_name="Association",
        structure_kind="association",
        contact_name="Awa",
        email="awa@example.org",
        project_idea="Un échange de jeunes",
        consented_at=timezone.now(),
        confirm_before=timezone.now(),
        confirm_token_hash="0" * 64,
    )
    assert content_version() == version


def test_key_figures_are_kept_until_the_next_change(
    client, settings, django_assert_max_num_queries
):
    from decimal import Decimal

    from tests.subsidies.factories import SubsidyFactory

    settings.PAGE_CACHE_SECONDS = 0
    subsidy = SubsidyFactory(amount=Decimal("1000"), share=Decimal("1"))
    year = subsidy.convention_date.year
    first = client.get("/chiffres-cles/", {"annee": year})
    assert first.context["figures"].subsidies_granted == Decimal("1000")
    with django_assert_max_num_queries(2):
        client.get("/chiffres-cles/", {"annee": year})
    subsidy.amount = Decimal("2500")
    subsidy.save()
    again = client.get("/chiffres-cles/", {"annee": year})
    assert again.context["figures"].subsidies_granted == Decimal("2500")


def test_a_change_made_by_another_process_shows_within_the_check_interval(client, settings):
    """Another process (an import command, another app server) changes the records and the
    version row, but not this process's memory."""
    from django.db.models import F

    from cooperation.models import Zone
    from core.models import ContentVersion

    settings.CONTENT_VERSION_CHECK_SECONDS = 0.2
    ZoneFactory(name="Mali")
    assert "Guyane" not in client.get("/cooperation/").text
    Zone.objects.filter(name="Mali").update(name="Guyane")  # no signal: as seen from elsewhere
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    import time

    time.sleep(0.3)
    assert "Guyane" in client.get("/cooperation/").text


def test_unknown_query_parameters_are_not_cached(client, django_assert_num_queries):
    ZoneFactory(name="Mali")
    client.get("/cooperation/?utm_source=x")
    response = client.get("/cooperation/?utm_source=x")
    assert response.status_code == 200
    # A page number is kept where the page has pages, not where it ignores it (hardening).
    client.get("/cooperation/actions/?page=1")
    with django_assert_num_queries(0):
        client.get("/cooperation/actions/?page=1")
    before = stored_pages()
    assert client.get("/cooperation/?page=1").status_code == 200
    assert stored_pages() == before


def stored_pages():
    return sum(1 for key in cache._cache if ":page:" in key)


@pytest.mark.parametrize(
    "query",
    [
        "page=93c4e6b1",  # a made-up page number: the page ignores or refuses it
        "page=01",  # the same page as page=1, written another way
        "page=999",  # beyond the last page
        "annee=abc",  # refused by the filter: the page shows the error
        "annee=1789",  # out of the filter's range
        "domaine=pirate",  # not a choice
        "q=9f1c2e",  # free text: anyone can vary it without end
    ],
)
def test_values_the_page_does_not_validate_are_served_but_never_stored(client, query):
    ActionFactory(title="Puits")
    before = stored_pages()
    for url in ["/", "/cooperation/", "/cooperation/actions/", "/subventions/", "/europe/"]:
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 404)
    assert stored_pages() == before


@pytest.mark.parametrize(
    "url",
    [
        "/cooperation/actions/?domaine=environment",
        "/cooperation/actions/?page=1",
        "/subventions/?annee=2010&tri=-montant",
        "/chiffres-cles/?annee=2010",
        "/cresi/ressources/?type=guide",
    ],
)
def test_values_the_page_validates_are_stored(client, url, django_assert_num_queries):
    from tests.subsidies.factories import SubsidyFactory

    ActionFactory(title="Puits")
    SubsidyFactory()
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200


def test_a_flood_of_made_up_page_numbers_adds_nothing_to_the_cache(client):
    ZoneFactory(name="Mali")
    client.get("/")
    before = stored_pages()
    for number in range(200):
        client.get("/", {"page": f"x{number}"})
    assert stored_pages() == before
