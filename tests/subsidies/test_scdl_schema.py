"""The SCDL export is valid by the official schema, and reads back as it was written."""

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from subsidies.choices import Nature, PaymentConditions
from subsidies.models import Beneficiary, Subsidy
from subsidies.services import subsidy_import
from tests.factories import ZoneFactory
from tests.subsidies.factories import (
    BeneficiaryFactory,
    SubsidyFactory,
    scdl_csv,
    scdl_row,
    valid_siret,
)

from .scdl_schema import scdl_errors

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
CSV = "/subventions/export.csv"
LA_POSTE = "35600000049837"


def export(client, query=""):
    response = client.get(CSV + query)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def decisions():
    """Decisions of every shape the schema allows."""
    mali = ZoneFactory(slug="mali")
    shared = {"reference": "CP-2024-7", "object": "Puits", "amount": Decimal("100000.01")}
    for share in ("0.3333", "0.3333", "0.3334"):
        SubsidyFactory(**shared, share=Decimal(share), zone=mali, domain="environment")
    SubsidyFactory(
        beneficiary=BeneficiaryFactory(siret="", rna="W913006244"),
        nature=Nature.IN_KIND,
        object="Prêt d'un minibus",
    )
    SubsidyFactory(
        payment_conditions=PaymentConditions.OTHER,
        payment_conditions_text="50 % à la signature, le solde au bilan",
        payment_end=date(2011, 3, 31),
        aid_scheme="Appel à projets « Solidarité internationale » 2010",
        object="x" * 256,
        rae_id="12345",
        eu_notification=True,
    )
    SubsidyFactory(beneficiary=BeneficiaryFactory(siret=LA_POSTE), convention_date=date(2009, 1, 5))
    # One decision funding two objects of one beneficiary.
    poitiers = BeneficiaryFactory()
    for obj, amount in (("Fonctionnement", "1000.00"), ("Festival", "2500.50")):
        SubsidyFactory(
            beneficiary=poitiers, reference="2017-0048", object=obj, amount=Decimal(amount)
        )
    # A beneficiary that moved: its older decision keeps its former SIRET.
    moved = BeneficiaryFactory(siret=valid_siret(900, establishment=2))
    SubsidyFactory(beneficiary=moved, siret=valid_siret(900), convention_date=date(2008, 5, 1))
    SubsidyFactory(beneficiary=moved, convention_date=date(2010, 5, 1))
    SubsidyFactory(is_published=False, object="Brouillon")


@pytest.mark.parametrize(
    "query",
    ["", "?annee=2010", "?zone=mali", "?domaine=environment", "?q=puits", "?tri=-montant"],
)
def test_every_export_is_valid_by_the_official_schema(client, decisions, query):
    data = export(client, query)
    assert data.count(b"\n") > 1
    assert scdl_errors(data) == []


def test_the_demo_content_s_export_is_valid_by_the_official_schema(client):
    call_command("load_demo", stdout=StringIO())
    data = export(client)
    assert scdl_errors(data) == []
    assert b"autre" not in data or b"50 %" in data  # the free text, not « autre »


def test_the_validation_catches_what_the_schema_refuses(client, decisions):
    """The custom checks run: a SIRET whose SIREN key is wrong, a row with neither id."""
    Subsidy.objects.filter(object="Puits").update(siret="12345678000014")  # Luhn-valid
    assert {error[2] for error in scdl_errors(export(client))} == {"french-siret-value"}
    # The database refuses a decision with neither SIRET nor RNA: try the check on a file.
    no_id = scdl_csv([scdl_row(idBeneficiaire="", rnaBeneficiaire="")])
    assert {error[2] for error in scdl_errors(no_id)} == {"one-of-required"}


def test_export_import_export_gives_the_same_bytes(client, decisions):
    first = export(client)
    Subsidy.objects.all().delete()
    Beneficiary.objects.all().delete()
    report = subsidy_import(data=first)
    assert report.accepted, report.errors
    assert report.created == Subsidy.objects.count() == 10
    assert export(client) == first


def test_correcting_a_beneficiary_keeps_the_identifiers_of_its_past_decisions(client, decisions):
    before = export(client)
    for beneficiary in Beneficiary.objects.all():
        beneficiary.siret = valid_siret(beneficiary.pk + 5000) if beneficiary.siret else ""
        beneficiary.save()
    assert export(client) == before


class TestOfficialExample:
    def test_the_schema_s_valid_example_imports_whole(self, client):
        data = (SAMPLES / "exemple_valide_essonne.csv").read_bytes()
        report = subsidy_import(data=data)
        assert report.accepted, report.errors
        assert report.created == report.row_count == 29
        # Each row is its own decision with a share below 1: a warning, not a refusal.
        assert "27 décision(s) dont les parts font moins que 1" in report.warnings[0]
        assert scdl_errors(export(client)) == []
        again = subsidy_import(data=data)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 29)

    def test_as_published_only_its_impossible_periods_are_refused(self):
        """Attributed by the Département, the file's one refusal is the portal's rule on dates:
        a day that does not exist, periods that end before they start."""
        data = (SAMPLES / "exemple_valide.csv").read_bytes()
        data = data.replace(b"ANTIBES,21060004500392,", b"Essonne,22910001100019,")
        report = subsidy_import(data=data)
        assert [(error.line, error.column) for error in report.errors] == [
            (line, "datesPeriodeVersement") for line in (24, 25, 27, 29)
        ]
        assert "n'existe pas" in report.errors[2].message
        assert "finit avant de commencer" in report.errors[0].message
        assert Subsidy.objects.count() == 0


def test_a_decision_funding_several_objects_imports_and_imports_again(client):
    rows = [
        scdl_row(referenceDecision="2017-0048", objet="Fonctionnement", montant="1000.00"),
        scdl_row(referenceDecision="2017-0048", objet="Festival", montant="2500.50"),
    ]
    report = subsidy_import(data=scdl_csv(rows))
    assert report.accepted, report.errors
    assert report.created == 2 and Beneficiary.objects.count() == 1
    again = subsidy_import(data=scdl_csv(rows))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    rows[1]["montant"] = "2600.00"
    changed = subsidy_import(data=scdl_csv(rows))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    [record] = changed.changes
    assert record.line == 3 and "Festival" in record.record
    assert [(c.label, c.old, c.new) for c in record.changes] == [
        ("montant total (€)", "2\xa0500,50\xa0€", "2\xa0600\xa0€")
    ]
    assert scdl_errors(export(client)) == []
