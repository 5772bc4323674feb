"""The yearly APD declaration: totals by recipient country and by purpose, from the published
decisions, actions and emergency aid, equal to the sums of the records they count."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from cooperation.models import Action, EmergencyAid
from core.staff_groups import CRESI, EDITORS, FINANCE
from subsidies.apd import oda_declaration
from subsidies.models import Subsidy
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db

URL = "/admin/subsidies/subsidy/apd/"


@pytest.fixture
def records(codelists):
    mali = ZoneFactory(name="Mali", country_code="ML", is_oda_eligible=True)
    haiti = ZoneFactory(name="Haïti", country_code="HT", is_oda_eligible=True)
    guyane = ZoneFactory(name="Guyane", country_code="GF", is_oda_eligible=False)
    wells = ActionFactory(
        zone=mali,
        start_year=2010,
        budget=None,
        contribution=Decimal("90000"),
        dac_purpose_id="14030",
    )
    counted = {
        # a decision funding an action takes the action's purpose and zone
        "water": SubsidyFactory(
            zone=None, action=wells, amount=Decimal("60000.00"), convention_date=date(2010, 3, 1)
        ),
        # a decision shared between two beneficiaries counts each part, to the cent
        "shared_a": SubsidyFactory(
            zone=haiti,
            reference="CP-2010-SHARED",
            object="Reconstruction",
            amount=Decimal("10000.00"),
            share=Decimal("0.3333"),
            dac_purpose_id="72010",
        ),
        "shared_b": SubsidyFactory(
            zone=haiti,
            reference="CP-2010-SHARED",
            object="Reconstruction",
            amount=Decimal("10000.00"),
            share=Decimal("0.6667"),
            dac_purpose_id="72010",
        ),
        "untagged": SubsidyFactory(zone=mali, amount=Decimal("1234.56")),
    }
    # an action without decisions: the Département's contribution, in its first year
    schools = ActionFactory(
        zone=mali,
        start_year=2010,
        budget=None,
        contribution=Decimal("25000"),
        dac_purpose_id="11220",
    )
    tsunami = EmergencyAidFactory(
        zone=None,
        country_code="TH",
        year=2010,
        amount=Decimal("50000"),
        is_oda_eligible=True,
        dac_purpose_id="72010",
    )
    # Not counted: not development aid, draft, another year, or already counted through its
    # decisions (the wells action).
    SubsidyFactory(zone=guyane, amount=Decimal("7000"))
    SubsidyFactory(zone=mali, amount=Decimal("8000"), is_published=False)
    SubsidyFactory(zone=mali, amount=Decimal("9000"), convention_date=date(2011, 1, 5))
    ActionFactory(zone=guyane, start_year=2010)
    ActionFactory(zone=mali, start_year=2010, is_published=False)
    ActionFactory(zone=mali, start_year=2009)
    EmergencyAidFactory(zone=guyane, year=2010)
    EmergencyAidFactory(zone=None, year=2010, is_oda_eligible=False)
    return {
        "decisions": [s.pk for s in counted.values()],
        "actions": [schools.pk],
        "aids": [tsunami.pk],
    }


def summed(records):
    """The sum of the records counted, asked of the database, apart from the declaration."""
    return (
        Subsidy.objects.filter(pk__in=records["decisions"]).aggregate(s=Sum("granted_amount"))["s"]
        + Action.objects.filter(pk__in=records["actions"]).aggregate(s=Sum("contribution"))["s"]
        + EmergencyAid.objects.filter(pk__in=records["aids"]).aggregate(s=Sum("amount"))["s"]
    )


def test_the_declaration_counts_exactly_the_records_of_development_aid(records):
    declaration = oda_declaration(2010)
    counted = {(line.source, line.record_id) for line in declaration.lines}
    assert counted == {
        *(("subsidy", pk) for pk in records["decisions"]),
        *(("action", pk) for pk in records["actions"]),
        *(("emergency", pk) for pk in records["aids"]),
    }
    assert declaration.total == summed(records)


def test_totals_by_country_and_by_purpose_add_up_to_the_records(records):
    declaration = oda_declaration(2010)
    by_country = {total.code: total.amount for total in declaration.by_country}
    assert sum(by_country.values()) == declaration.total
    haiti = Subsidy.objects.filter(zone__country_code="HT").aggregate(s=Sum("granted_amount"))
    assert by_country["HT"] == haiti["s"] == Decimal("10000.00")  # the two parts, to the cent
    assert by_country["TH"] == Decimal("50000")
    mali = Subsidy.objects.filter(pk__in=records["decisions"], granted_amount__gt=0).exclude(
        zone__country_code="HT"
    ).aggregate(s=Sum("granted_amount"))["s"] + Decimal("25000")
    assert by_country["ML"] == mali
    by_purpose = {total.code: total for total in declaration.by_purpose}
    assert sum(total.amount for total in by_purpose.values()) == declaration.total
    assert by_purpose["14030"].amount == Decimal("60000.00")  # the action's code
    assert by_purpose["72010"].count == 3  # two parts of a decision and the tsunami aid
    assert by_purpose[""].amount == Decimal("1234.56")  # a decision without a code
    assert by_purpose[""].label == "Code objet non renseigné"


def test_a_year_without_development_aid_is_empty(records):
    declaration = oda_declaration(1999)
    assert declaration.lines == [] and declaration.total == Decimal("0.00")


class TestAdminPage:
    def test_finance_sees_the_year_in_one_click_from_the_decisions(
        self, client, staff_user_in, records
    ):
        client.force_login(staff_user_in(FINANCE))
        listing = client.get("/admin/subsidies/subsidy/").text
        assert f'href="{URL}"' in listing
        page = client.get(URL, {"annee": "2010"})
        assert page.status_code == 200
        assert page.context["declaration"].total == summed(records)
        assert 'id="apd-by-country"' in page.text and 'id="apd-by-purpose"' in page.text
        assert "Mali" in page.text and "Thaïlande" in page.text

    def test_the_csv_holds_the_same_totals(self, client, staff_user_in, records):
        client.force_login(staff_user_in(FINANCE))
        response = client.get(URL, {"annee": "2010", "format": "csv"})
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="declaration-apd-2010.csv"' in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == ["rubrique", "pays", "code objet CAD", "libellé", "nombre", "montant"]
        countries = {row[1]: Decimal(row[5]) for row in rows if row[0] == "total par pays"}
        purposes = {row[2]: Decimal(row[5]) for row in rows if row[0] == "total par code objet"}
        total = next(Decimal(row[5]) for row in rows if row[0] == "total")
        assert total == summed(records)
        assert sum(countries.values()) == total == sum(purposes.values())
        details = [row for row in rows[1:] if not row[0].startswith("total")]
        assert len(details) == 6
        assert sum(Decimal(row[5]) for row in details) == total

    def test_the_printable_page_is_the_tables_alone(self, client, staff_user_in, records):
        client.force_login(staff_user_in(FINANCE))
        page = client.get(URL, {"annee": "2010", "imprimer": "1"}).text
        assert "<h1>Déclaration d'aide publique au développement 2010</h1>" in page
        assert 'id="apd-by-country"' in page
        assert "nav-sidebar" not in page

    def test_a_bad_year_is_a_form_error(self, client, staff_user_in, records):
        client.force_login(staff_user_in(FINANCE))
        page = client.get(URL, {"annee": "deux mille"})
        assert page.status_code == 200
        assert "errornote" in page.text
        assert page.context["declaration"] is None

    @pytest.mark.parametrize("group", [EDITORS, CRESI])
    def test_other_groups_are_refused(self, client, staff_user_in, group):
        client.force_login(staff_user_in(group))
        assert client.get(URL).status_code == 403
