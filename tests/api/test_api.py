from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.validation import validate_schema

from cooperation.choices import Domain
from cooperation.codelists import refresh_codelists
from cooperation.models import DacPurpose, SdgGoal
from europe.choices import Programme
from tests.cresi.factories import RegistrationFactory, TrainingSessionFactory
from tests.europe.factories import (
    EUProjectFactory,
    ProjectPartnerFactory,
    SupportRequestFactory,
    ThemeFactory,
)
from tests.factories import ActionFactory, PartnerFactory, ZoneFactory
from tests.results.factories import (
    ActionDocumentFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ResultFactory,
)
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db

LISTS = ["zones", "actions", "subventions", "projets-europeens", "formations"]


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Each request reaches the view (the cache has tests of its own below)."""
    settings.PAGE_CACHE_SECONDS = 0


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def slugs(client, url):
    return [record["slug"] for record in get_json(client, url)["results"]]


def test_the_entry_point_links_every_list_and_the_documentation(client):
    links = get_json(client, "/api/")
    for name in LISTS:
        assert links[name] == f"http://testserver/api/{name}/"
        assert client.get(links[name]).status_code == 200
    assert links["documentation"] == "http://testserver/api/docs/"
    assert links["openapi"] == "http://testserver/api/openapi.json"


def test_lists_show_published_records_only(client):
    zone = ZoneFactory(slug="mali")
    ZoneFactory(slug="brouillon", is_published=False)
    ActionFactory(zone=zone, slug="puits")
    ActionFactory(zone=zone, slug="action-brouillon", is_published=False)
    EUProjectFactory(slug="climate")
    EUProjectFactory(slug="projet-brouillon", is_published=False)
    TrainingSessionFactory(slug="formation")
    TrainingSessionFactory(slug="formation-brouillon", is_published=False)
    published = SubsidyFactory(reference="CP-1")
    SubsidyFactory(reference="CP-brouillon", is_published=False)
    assert slugs(client, "/api/zones/") == ["mali"]
    assert slugs(client, "/api/actions/") == ["puits"]
    assert slugs(client, "/api/projets-europeens/") == ["climate"]
    assert slugs(client, "/api/formations/") == ["formation"]
    decisions = get_json(client, "/api/subventions/")["results"]
    assert [decision["reference"] for decision in decisions] == ["CP-1"]
    published.refresh_from_db()  # the database computes what it grants
    assert decisions[0]["granted_amount"] == str(published.granted_amount)
    get_json(client, "/api/actions/action-brouillon/", status=404)
    assert get_json(client, "/api/actions/puits/")["zone"] == "mali"


class TestFiltersMatchThePages:
    """The API reads each list's own FilterSet: the same query selects the same records."""

    def test_actions(self, client):
        mali, haiti = ZoneFactory(slug="mali"), ZoneFactory(slug="haiti")
        ActionFactory(zone=mali, slug="mali-culture", domain=Domain.CULTURE)
        ActionFactory(zone=mali, slug="mali-eau", domain=Domain.ENVIRONMENT, title="Puits")
        ActionFactory(zone=haiti, slug="haiti-culture", domain=Domain.CULTURE)
        ActionFactory(zone=mali, slug="mali-2001", start_year=2001, end_year=2002)
        for query in ["?zone=mali", "?domaine=culture", "?annee=2001", "?zone=haiti&annee=2011"]:
            page = client.get("/cooperation/actions/" + query).context["actions"]
            assert sorted(slugs(client, "/api/actions/" + query)) == sorted(
                action.slug for action in page
            ), query

    def test_sdg_and_dac_filters(self, client):
        refresh_codelists()
        water = ActionFactory(slug="eau", dac_purpose=DacPurpose.objects.get(code="14030"))
        water.sdg_goals.set([SdgGoal.objects.get(number=6)])
        ActionFactory(slug="culture")
        decision = SubsidyFactory(reference="EAU", dac_purpose_id="14030")
        decision.sdg_goals.set([SdgGoal.objects.get(number=6)])
        SubsidyFactory(reference="AUTRE")
        for query in ["?odd=6", "?secteur=14030"]:
            page = client.get("/cooperation/actions/" + query).context["actions"]
            assert slugs(client, "/api/actions/" + query) == [a.slug for a in page] == ["eau"]
            api = get_json(client, "/api/subventions/" + query)["results"]
            page = client.get("/subventions/" + query).context["subsidies"]
            assert [d["reference"] for d in api] == [d.reference for d in page] == ["EAU"]
        get_json(client, "/api/actions/?secteur=99999", status=400)

    def test_subsidies_with_their_sort(self, client):
        mali = ZoneFactory(slug="mali")
        SubsidyFactory(reference="A", zone=mali, amount=Decimal("500.00"))
        SubsidyFactory(reference="B", zone=mali, amount=Decimal("900.00"))
        SubsidyFactory(reference="C", convention_date=date(2011, 1, 5))
        for query in ["?zone=mali&tri=-montant", "?annee=2011", "?tri=montant"]:
            page = client.get("/subventions/" + query).context["subsidies"]
            api = get_json(client, "/api/subventions/" + query)["results"]
            assert [d["reference"] for d in api] == [d.reference for d in page], query

    def test_eu_projects(self, client):
        climate = ThemeFactory(slug="climat")
        EUProjectFactory(slug="climate", programme=Programme.INTERREG).themes.add(climate)
        EUProjectFactory(slug="nature", programme=Programme.LIFE)
        assert slugs(client, "/api/projets-europeens/?programme=life") == ["nature"]
        assert slugs(client, "/api/projets-europeens/?theme=climat") == ["climate"]

    def test_training_sessions(self, client):
        TrainingSessionFactory(slug="en-2010", start_date=date(2010, 3, 5))
        TrainingSessionFactory(slug="en-2027", start_date=date(2027, 3, 5))
        assert slugs(client, "/api/formations/?annee=2010") == ["en-2010"]

    def test_a_bad_value_answers_400_with_the_error_of_the_field(self, client):
        errors = get_json(client, "/api/actions/?annee=deux-mille&zone=nulle-part", status=400)
        assert set(errors) == {"annee", "zone"}
        errors = get_json(client, "/api/subventions/?tri=au-hasard", status=400)
        assert set(errors) == {"tri"}


def test_an_action_carries_its_tags_published_results_and_documents(client):
    refresh_codelists()
    action = ActionFactory(slug="puits", dac_purpose=DacPurpose.objects.get(code="14030"))
    action.sdg_goals.set([SdgGoal.objects.get(number=6)])
    indicator = IndicatorFactory(result=ResultFactory(action=action, title="Eau"), title="Puits")
    IndicatorValueFactory(indicator=indicator, value=Decimal("7"), comment="Fin des travaux")
    ResultFactory(action=action, title="Brouillon", is_published=False)
    ActionDocumentFactory(action=action, title="Rapport final")
    ActionDocumentFactory(action=action, title="Document brouillon", is_published=False)
    record = get_json(client, "/api/actions/puits/")
    assert record["sdg_goals"] == [6]
    assert record["dac_purpose"] == "14030"
    (result,) = record["results"]
    assert result["title"] == "Eau"
    (puits,) = result["indicators"]
    assert puits["title"] == "Puits"
    assert [(v["value"], v["comment"]) for v in puits["values"]] == [("7.00", "Fin des travaux")]
    (document,) = record["documents"]
    assert document["title"] == "Rapport final"
    assert client.get(document["url"]).status_code == 200


def test_pages_of_fifty_keep_the_filters(client):
    zone = ZoneFactory(slug="mali")
    ActionFactory.create_batch(51, zone=zone)
    ActionFactory(zone=ZoneFactory(slug="haiti"))
    first = get_json(client, "/api/actions/?zone=mali")
    assert first["count"] == 51
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert "zone=mali" in first["next"] and "page=2" in first["next"]
    second = get_json(client, first["next"])
    assert len(second["results"]) == 1
    assert second["next"] is None
    get_json(client, "/api/actions/?zone=mali&page=3", status=404)


def test_no_personal_data(client):
    """Registrants and support requesters are never served; EU partners and beneficiaries are
    organisations, as the SCDL publishes them."""
    registration = RegistrationFactory(name="Jeanne Martin", email="jeanne@example.org")
    request = SupportRequestFactory()
    ProjectPartnerFactory(project=EUProjectFactory())
    SubsidyFactory()
    bodies = "".join(client.get(f"/api/{name}/").text for name in LISTS)
    assert registration.session.slug in bodies
    for secret in ["Jeanne", "jeanne@example.org", request.email, request.contact_name]:
        assert secret not in bodies
    session = get_json(client, "/api/formations/")["results"][0]
    assert "registrations" not in session and "email" not in str(session)


def test_queries_do_not_grow_with_the_rows(client, django_assert_max_num_queries):
    zone = ZoneFactory()
    for _ in range(3):
        action = ActionFactory(zone=zone, partners=[PartnerFactory(zone=zone)])
        IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
        ActionDocumentFactory(action=action)
        ProjectPartnerFactory(project=EUProjectFactory())
        SubsidyFactory(zone=zone)
        TrainingSessionFactory()
    counts = {}
    for name in LISTS:
        with django_assert_max_num_queries(10) as few:
            get_json(client, f"/api/{name}/")
        counts[name] = len(few)
    for _ in range(15):
        action = ActionFactory(
            zone=zone, partners=[PartnerFactory(zone=zone), PartnerFactory(zone=zone)]
        )
        IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
        ProjectPartnerFactory(project=EUProjectFactory())
        SubsidyFactory(zone=zone)
        TrainingSessionFactory()
    for name in LISTS:
        with django_assert_max_num_queries(counts[name]):
            get_json(client, f"/api/{name}/")


def test_requests_beyond_the_rate_are_refused_with_429(client, settings):
    settings.API_THROTTLE_RATE = "3/minute"
    for _ in range(3):
        get_json(client, "/api/zones/")
    response = client.get("/api/zones/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    # Another client still gets its answers.
    assert client.get("/api/zones/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_answers_are_cached_like_the_pages(client, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 600
    zone = ZoneFactory(slug="mali")
    ActionFactory(zone=zone, slug="puits")
    assert slugs(client, "/api/actions/?zone=mali") == ["puits"]
    with django_assert_num_queries(0):
        assert slugs(client, "/api/actions/?zone=mali") == ["puits"]
    # Words are free text: served, never kept.
    get_json(client, "/api/actions/?q=puits")
    with CaptureQueriesContext(connection) as again:
        get_json(client, "/api/actions/?q=puits")
    assert len(again) > 0
    # Any change of the content is seen at the next request.
    ActionFactory(zone=zone, slug="ecoles")
    assert sorted(slugs(client, "/api/actions/?zone=mali")) == ["ecoles", "puits"]


def test_the_openapi_description_is_valid_and_names_every_filter(client):
    schema = get_json(client, "/api/openapi.json")
    validate_schema(schema)
    parameters = {
        path: {parameter["name"] for parameter in operation["get"].get("parameters", ())}
        for path, operation in schema["paths"].items()
    }
    assert parameters["/api/actions/"] >= {
        "zone",
        "domaine",
        "annee",
        "odd",
        "secteur",
        "q",
        "page",
    }
    assert parameters["/api/subventions/"] >= {"zone", "domaine", "annee", "odd", "tri", "page"}
    assert parameters["/api/projets-europeens/"] >= {"programme", "statut", "theme", "q", "page"}
    assert parameters["/api/formations/"] >= {"annee", "q", "page"}
    assert "/api/zones/{slug}/" in schema["paths"]


def test_the_documentation_page_lists_each_endpoint_its_filters_and_fields(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.text
    for name in LISTS:
        assert f"GET /api/{name}/" in page
    for parameter in ["<code>zone</code>", "<code>domaine</code>", "<code>tri</code>"]:
        assert parameter in page
    assert "<code>granted_amount</code>" in page
    assert 'href="/api/openapi.json"' in page
    english = client.get("/en/api/docs/")
    assert english.status_code == 200
    assert "GET /en/api/actions/" in english.text
