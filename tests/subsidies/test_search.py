"""Words searched in the subsidies, through the list's ``q`` and the search page alike."""

from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from core.content_version import content_version
from portal.site_search import all_sections
from tests.factories import ZoneFactory
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

pytestmark = pytest.mark.django_db


def listed(client, query):
    """The decisions ``/subventions/?q=`` shows, by reference."""
    response = client.get("/subventions/", {"q": query})
    assert response.status_code == 200
    return {subsidy.reference for subsidy in response.context["subsidies"]}


def found(client, query):
    """The decisions of the search page's « Subventions » section, by reference."""
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    groups = {group.key: group for group in response.context["results"]}
    hits = groups["subventions"].hits if "subventions" in groups else []
    return {parse_qs(urlsplit(hit.url).query)["q"][0] for hit in hits}


@pytest.fixture(params=[listed, found], ids=["list", "search-page"])
def search(request, client):
    return lambda query: request.param(client, query)


@pytest.fixture
def wells():
    return SubsidyFactory(
        reference="CP-2010-77",
        object="Puits et gestion de l'eau",
        beneficiary=BeneficiaryFactory(name="Jumelage Évry-Kayes"),
        zone=ZoneFactory(name="Haïti"),
    )


@pytest.mark.parametrize(
    "query",
    [
        "evry",  # a word of the beneficiary's name, accents ignored
        "KAYES",
        "haiti",  # the zone's name
        "Haïti",
        "puits",  # its own object and reference
        "GESTION",
        "CP-2010-77",
        "kayes puits haiti",  # each word may be in another record
        "gestion de l'eau",  # stop words are left out, as in a whole query
    ],
)
def test_a_decision_is_found_by_its_words_its_beneficiary_or_its_zone(search, wells, query):
    SubsidyFactory(object="Résidences d'artistes")
    assert search(query) == {"CP-2010-77"}


@pytest.mark.parametrize("zone_name", ["Région des Plateaux", "Bureau de Kayes", "Réseaux"])
def test_a_word_is_not_found_inside_another_word_of_a_zone_name(search, zone_name):
    water = SubsidyFactory(reference="EAU-1", object="Accès à l'eau potable")
    SubsidyFactory(reference="ZONE-1", object="Écoles", zone=ZoneFactory(name=zone_name))
    SubsidyFactory(
        reference="NAME-1", object="Écoles", beneficiary=BeneficiaryFactory(name="Les Réseaux")
    )
    SubsidyFactory(reference="OBJECT-1", object="Cultures en terrasses des Plateaux")
    assert search("eau") == {water.reference}


def test_stop_words_alone_find_nothing(search, wells):
    if connection.vendor != "postgresql":
        pytest.skip("stop words are PostgreSQL's")
    assert search("de la") == set()


def test_query_counts_are_the_same_with_few_or_many_matches(client, django_assert_num_queries):
    # One query per kind of record, and one more for the beneficiaries and zones that hold
    # the words; on the list: the zone and SDG goal choices, those ids, the totals and one page
    # of rows.
    queries = {"/recherche/": len(all_sections()) + 1, "/subventions/": 5}

    def assert_query_counts():
        for path, count in queries.items():
            content_version()  # the page cache reads it once a second per process, not per page
            with django_assert_num_queries(count):
                assert client.get(path, {"q": "mali puits eau vive"}).status_code == 200

    mali = ZoneFactory(name="Mali")
    SubsidyFactory(object="Puits", zone=mali, beneficiary=BeneficiaryFactory(name="Eau Vive"))
    assert_query_counts()
    for index in range(30):  # matching by their own words, their beneficiary or their zone
        SubsidyFactory(object=f"Puits {index}", zone=ZoneFactory(name=f"Mali {index}"))
        SubsidyFactory(zone=mali, beneficiary=BeneficiaryFactory(name=f"Eau Vive {index}"))
    assert_query_counts()


def test_a_search_result_tells_the_beneficiary_year_and_amount_granted(client):
    beneficiary = BeneficiaryFactory(name="Eau Vive Essonne-Sahel")
    for year in (2007, 2008):
        SubsidyFactory(
            beneficiary=beneficiary,
            object="Puits dans le cercle de Kayes",
            convention_date=date(year, 3, 19),
            amount=Decimal("85000.00"),
            share=Decimal("0.50"),
        )
    page = client.get("/recherche/", {"q": "puits"}).text
    assert "Eau Vive Essonne-Sahel · 2008 · 42\xa0500\xa0€" in page
    assert "Eau Vive Essonne-Sahel · 2007 · 42\xa0500\xa0€" in page
    assert "Eau Vive Essonne-Sahel · 2008 · €42,500" in client.get("/en/recherche/?q=puits").text
