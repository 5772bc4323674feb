from datetime import date
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest

from cooperation.choices import ActionStatus, PartnerKind
from cooperation.codelists import refresh_codelists
from cooperation.models import DacPurpose, SdgGoal, SdgTarget
from results.choices import DocumentKind, Measure
from subsidies.choices import BeneficiaryKind
from tests.europe.factories import EUProjectFactory
from tests.factories import ActionFactory, EmergencyAidFactory, PartnerFactory, ZoneFactory
from tests.results.factories import (
    ActionDocumentFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ResultFactory,
)
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

from .iati_checks import code_errors, codes, registration_agency, schema_errors

pytestmark = pytest.mark.django_db

URL = "/donnees/iati/activites.xml"


def get_file(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response.content


def activities(document):
    root = ET.fromstring(document)
    return {activity.findtext("iati-identifier"): activity for activity in root}


@pytest.fixture
def records():
    refresh_codelists()
    mali = ZoneFactory(name="Mali", slug="mali", country_code="ML", is_oda_eligible=True)
    guyane = ZoneFactory(name="Guyane", slug="guyane", country_code="GF", is_oda_eligible=False)
    ActionFactory(zone=guyane, slug="echanges-guyane")
    partner = PartnerFactory(zone=mali, name="Cercle de Kita", kind=PartnerKind.LOCAL_AUTHORITY)
    wells = ActionFactory(
        zone=mali,
        slug="puits",
        title="Puits",
        title_en="Wells",
        status=ActionStatus.COMPLETED,
        start_year=2009,
        end_year=2011,
        budget=Decimal("120000.00"),
        contribution=Decimal("90000.00"),
        partners=[partner],
        dac_purpose=DacPurpose.objects.get(code="14030"),
    )
    wells.sdg_goals.set([SdgGoal.objects.get(number=6)])
    wells.sdg_targets.set([SdgTarget.objects.get(code="6.1")])
    ActionFactory(zone=mali, slug="brouillon", is_published=False)
    with_siret = BeneficiaryFactory(name="Essonne Sahel", kind=BeneficiaryKind.ASSOCIATION)
    rna_only = BeneficiaryFactory(name="Amis de Kita", siret="", kind=BeneficiaryKind.ASSOCIATION)
    SubsidyFactory(
        beneficiary=with_siret,
        action=wells,
        zone=mali,
        reference="CP-2010-1",
        convention_date=date(2010, 3, 22),
        amount=Decimal("30000.00"),
    )
    SubsidyFactory(
        beneficiary=rna_only,
        action=wells,
        zone=mali,
        reference="CP-2010-2",
        convention_date=date(2010, 6, 1),
        amount=Decimal("10000.00"),
        share=Decimal("0.5"),
    )
    SubsidyFactory(action=wells, zone=mali, reference="CP-brouillon", is_published=False)
    EmergencyAidFactory(slug="tsunami", title="Tsunami", country_code="TH", year=2004)
    EmergencyAidFactory(slug="crues", zone=guyane, country_code="GF")  # not development aid
    EUProjectFactory(slug="climate", name="Climate", is_published=True)
    water = ResultFactory(action=wells, title="Accès à l'eau potable", title_en="Drinking water")
    built = IndicatorFactory(
        result=water,
        title="Puits construits",
        unit="puits",
        baseline_value=Decimal("0"),
        baseline_year=2009,
        target_value=Decimal("24"),
        target_year=2011,
    )
    IndicatorValueFactory(
        indicator=built,
        period_start=date(2010, 1, 1),
        period_end=date(2010, 12, 31),
        value=Decimal("10"),
        comment="Saison des pluies",
    )
    IndicatorValueFactory(
        indicator=built,
        period_start=date(2011, 1, 1),
        period_end=date(2011, 12, 31),
        value=Decimal("22.5"),
    )
    IndicatorFactory(
        result=water,
        title="Écoles équipées",
        measure=Measure.PERCENTAGE,
        unit="",
        baseline_value=None,
        baseline_year=None,
        target_value=Decimal("80"),
        target_year=None,
    )
    ResultFactory(action=wells, title="Résultat brouillon", is_published=False)
    ActionDocumentFactory(action=wells, kind=DocumentKind.EVALUATION, title="Évaluation finale")
    ActionDocumentFactory(action=wells, title="Document brouillon", is_published=False)
    return {"wells": wells, "with_siret": with_siret}


def test_the_file_validates_against_the_official_schema_and_code_lists(client, records):
    document = get_file(client)
    assert schema_errors(document) == []
    assert code_errors(document) == []


def test_the_demo_file_validates_against_the_official_schema_and_code_lists(client, demo):
    document = get_file(client)
    assert len(activities(document)) > 0
    assert schema_errors(document) == []
    assert code_errors(document) == []


def test_a_bad_code_is_caught_by_the_checks(client, records):
    """The checks can fail: a currency and a country no list knows are reported."""
    document = get_file(client).replace(b'default-currency="EUR"', b'default-currency="EUX"', 1)
    document = document.replace(b'<recipient-country code="ML"', b'<recipient-country code="XX"')
    errors = code_errors(document)
    assert any("EUX" in error for error in errors)
    assert any("'XX'" in error for error in errors)


def test_one_activity_per_published_development_aid_action_and_emergency_aid(
    client, records, settings
):
    settings.IATI_REPORTING_ORG_REF = "FR-RCS-22910001100019"
    found = activities(get_file(client))
    assert sorted(found) == [
        "FR-RCS-22910001100019-puits",
        "FR-RCS-22910001100019-urgence-tsunami",
    ]
    tsunami = found["FR-RCS-22910001100019-urgence-tsunami"]
    assert tsunami.get("humanitarian") == "1"
    assert tsunami.find("recipient-country").get("code") == "TH"


def test_reporting_organisation_comes_from_the_setting(client, records, settings):
    settings.IATI_REPORTING_ORG_REF = "FR-RCS-22910001100027"
    for activity in activities(get_file(client)).values():
        assert activity.find("reporting-org").get("ref") == "FR-RCS-22910001100027"
        assert activity.findtext("iati-identifier").startswith("FR-RCS-22910001100027-")


def test_the_reporting_organisation_registration_agency_is_an_active_iati_agency(settings):
    assert registration_agency(settings.IATI_REPORTING_ORG_REF) in codes(
        "OrganisationRegistrationAgency"
    )
    assert settings.IATI_REPORTING_ORG_REF.endswith(settings.PUBLISHER_SIRET)


def test_an_action_carries_its_participants_dates_budget_and_page(client, records, settings):
    settings.SITE_URL = "https://international.essonne.fr"
    wells = activities(get_file(client))[f"{settings.IATI_REPORTING_ORG_REF}-puits"]
    assert [n.text for n in wells.find("title")] == ["Puits", "Wells"]
    roles = {
        (org.get("role"), org.findtext("narrative")) for org in wells.iter("participating-org")
    }
    assert roles == {
        ("1", "Département de l'Essonne"),
        ("3", "Département de l'Essonne"),
        ("4", "Cercle de Kita"),
    }
    assert wells.find("activity-status").get("code") == "4"
    dates = {d.get("type"): d.get("iso-date") for d in wells.iter("activity-date")}
    assert dates == {"1": "2009-01-01", "3": "2011-12-31"}
    assert wells.find("recipient-country").get("code") == "ML"
    budget = wells.find("budget")
    assert budget.find("period-start").get("iso-date") == "2009-01-01"
    assert budget.find("period-end").get("iso-date") == "2011-12-31"
    assert Decimal(budget.findtext("value")) == records["wells"].contribution
    link = wells.find("document-link")
    assert link.get("url") == "https://international.essonne.fr/cooperation/actions/puits/"
    assert link.find("category").get("code") == "A12"


def test_transactions_are_the_published_decisions_linked_to_the_action(client, records):
    wells = next(iter(activities(get_file(client)).values()))
    transactions = list(wells.iter("transaction"))
    assert [t.get("ref") for t in transactions] == ["CP-2010-1", "CP-2010-2"]
    values = [Decimal(t.findtext("value")) for t in transactions]
    granted = [
        decision.granted_amount
        for decision in records["wells"].subsidies.filter(is_published=True).order_by("reference")
    ]
    assert values == granted  # the share: 5 000 € of the shared 10 000 €
    with_siret, rna_only = (t.find("receiver-org") for t in transactions)
    assert with_siret.get("ref") == f"FR-RCS-{records['with_siret'].siret}"
    assert with_siret.findtext("narrative") == "Essonne Sahel"
    assert rna_only.get("ref") is None  # no SIRET, no identifier to give
    assert rna_only.findtext("narrative") == "Amis de Kita"
    for transaction in transactions:
        assert transaction.find("transaction-type").get("code") == "2"


def test_the_file_is_cached_until_the_content_changes(client, records, django_assert_num_queries):
    first = get_file(client)
    with django_assert_num_queries(0):
        assert client.get(URL).content == first
    EmergencyAidFactory(slug="seisme", title="Séisme", country_code="HT", year=2010)
    assert b"urgence-seisme" in get_file(client)


def test_queries_do_not_grow_with_the_actions(client, records, django_assert_max_num_queries):
    with django_assert_max_num_queries(16) as few:
        get_file(client)
    queries = len(few)  # read now: each request empties the log it counts from
    for index in range(5):
        action = ActionFactory(zone=records["wells"].zone, partners=[PartnerFactory()])
        SubsidyFactory(action=action, reference=f"CP-{index}")
        IndicatorValueFactory(indicator=IndicatorFactory(result=ResultFactory(action=action)))
        ActionDocumentFactory(action=action)
    client.get("/")  # a request after the writes: the next one is not served from the cache
    with django_assert_max_num_queries(queries):
        get_file(client)


def test_sector_and_sdg_tags_from_the_records_codes(client, records):
    wells = next(iter(activities(get_file(client)).values()))
    (sector,) = wells.iter("sector")
    assert (sector.get("vocabulary"), sector.get("code")) == ("1", "14030")
    tags = {(tag.get("vocabulary"), tag.get("code")) for tag in wells.iter("tag")}
    assert tags == {("2", "6"), ("3", "6.1")}


def test_results_with_their_indicators_baselines_targets_and_values(client, records):
    wells = next(iter(activities(get_file(client)).values()))
    (result,) = wells.iter("result")  # the draft result is left out
    assert [n.text for n in result.find("title")] == ["Accès à l'eau potable", "Drinking water"]
    built, schools = result.iter("indicator")
    assert built.get("measure") == "1" and schools.get("measure") == "2"
    assert built.find("title/narrative").text == "Puits construits (puits)"
    assert built.find("baseline").attrib == {"year": "2009", "value": "0"}
    periods = [
        (
            period.find("period-start").get("iso-date"),
            period.find("period-end").get("iso-date"),
            [(child.tag, child.get("value")) for child in period if child.get("value")],
        )
        for period in built.iter("period")
    ]
    assert periods == [
        ("2010-01-01", "2010-12-31", [("actual", "10")]),
        ("2011-01-01", "2011-12-31", [("actual", "22.5")]),
        ("2011-01-01", "2011-12-31", [("target", "24")]),
    ]
    assert built.find("period/actual/comment/narrative").text == "Saison des pluies"
    # A target without a year has no period to be written in.
    assert schools.find("baseline") is None and list(schools.iter("period")) == []


def test_published_documents_are_linked_with_their_category_and_format(client, records):
    wells = next(iter(activities(get_file(client)).values()))
    links = {
        link.find("title/narrative").text: (link.get("format"), link.find("category").get("code"))
        for link in wells.iter("document-link")
    }
    assert links["Évaluation finale"] == ("application/pdf", "A07")
    assert links["Puits"] == ("text/html", "A12")  # the action's page
    assert "Document brouillon" not in links
    evaluation = next(
        link
        for link in wells.iter("document-link")
        if link.find("title/narrative").text == "Évaluation finale"
    )
    assert (
        client.get(evaluation.get("url").removeprefix("http://127.0.0.1:8000")).status_code == 200
    )
