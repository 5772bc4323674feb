from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import ProtectedError

from cooperation.choices import Domain
from subsidies.choices import ProgrammeLine
from subsidies.models import Beneficiary, BudgetLine, Subsidy
from subsidies.validators import validate_rna, validate_siret
from tests.factories import ActionFactory, ZoneFactory
from tests.subsidies.factories import (
    BeneficiaryFactory,
    BudgetLineFactory,
    SubsidyFactory,
    valid_siret,
)

pytestmark = pytest.mark.django_db


def integrity_error(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


class TestSubsidyQuerySet:
    def test_published_hides_drafts_not_the_decisions_of_draft_zones(self):
        """A decision's legal publication is its own: a zone in draft does not hide it."""
        public = SubsidyFactory()
        in_public_zone = SubsidyFactory(zone=ZoneFactory())
        in_draft_zone = SubsidyFactory(zone=ZoneFactory(is_published=False))
        SubsidyFactory(is_published=False)
        assert set(Subsidy.objects.published()) == {public, in_public_zone, in_draft_zone}
        assert in_draft_zone.public_zone is None and in_public_zone.public_zone

    def test_for_year_uses_the_convention_date(self):
        in_2010 = SubsidyFactory(convention_date=date(2010, 12, 31))
        SubsidyFactory(convention_date=date(2011, 1, 1))
        assert list(Subsidy.objects.for_year(2010)) == [in_2010]

    def test_for_zone(self):
        mali = ZoneFactory()
        in_mali = SubsidyFactory(zone=mali)
        SubsidyFactory(zone=ZoneFactory())
        SubsidyFactory()
        assert list(Subsidy.objects.for_zone(mali)) == [in_mali]

    def test_in_domain(self):
        culture = SubsidyFactory(domain=Domain.CULTURE)
        SubsidyFactory(domain=Domain.EDUCATION)
        SubsidyFactory(domain="")
        assert list(Subsidy.objects.in_domain(Domain.CULTURE)) == [culture]

    @pytest.mark.parametrize("query", ["puits", "EAU VIVE", "CP-2010-77", "Kita"])
    def test_search_looks_in_object_beneficiary_reference_and_zone(self, query):
        wanted = SubsidyFactory(
            object="Puits au Mali",
            beneficiary=BeneficiaryFactory(name="Eau Vive"),
            reference="CP-2010-77",
            zone=ZoneFactory(name="Cercle de Kita"),
        )
        SubsidyFactory(object="Résidences d'artistes")
        assert list(Subsidy.objects.search(query)) == [wanted]

    def test_totals_count_and_sum_the_granted_amounts(self):
        SubsidyFactory(amount=Decimal("85000.00"))
        SubsidyFactory(amount=Decimal("64500.50"))
        # A subsidy shared with another body: this beneficiary gets 40 % of 10 000 €.
        SubsidyFactory(amount=Decimal("10000.00"), share=Decimal("0.40"))
        totals = Subsidy.objects.totals()
        assert totals == {"count": 3, "amount": Decimal("153500.50")}

    def test_totals_of_nothing_are_zero(self):
        assert Subsidy.objects.totals() == {"count": 0, "amount": Decimal("0")}
        assert Subsidy.objects.none().totals()["amount"] == 0

    def test_by_zone_groups_largest_first_with_the_zoneless_group(self):
        mali = ZoneFactory(name="Mali", slug="mali")
        haiti = ZoneFactory(name="Haïti", slug="haiti")
        SubsidyFactory(zone=mali, amount=Decimal("100"))
        SubsidyFactory(zone=mali, amount=Decimal("50"))
        SubsidyFactory(zone=haiti, amount=Decimal("400"))
        SubsidyFactory(amount=Decimal("20"))
        rows = [
            (row["zone__slug"], row["count"], row["amount"]) for row in Subsidy.objects.by_zone()
        ]
        assert rows == [("haiti", 1, Decimal("400")), ("mali", 2, Decimal("150")), (None, 1, 20)]

    def test_by_domain(self):
        SubsidyFactory(domain=Domain.CULTURE, amount=Decimal("10"))
        SubsidyFactory(domain=Domain.CULTURE, amount=Decimal("15"))
        SubsidyFactory(domain=Domain.EDUCATION, amount=Decimal("30"))
        rows = [(row["domain"], row["count"], row["amount"]) for row in Subsidy.objects.by_domain()]
        assert rows == [("education", 1, Decimal("30")), ("culture", 2, Decimal("25"))]

    def test_by_year_oldest_first(self):
        SubsidyFactory(convention_date=date(2010, 5, 1), amount=Decimal("30"))
        SubsidyFactory(convention_date=date(2009, 5, 1), amount=Decimal("10"))
        SubsidyFactory(convention_date=date(2009, 9, 1), amount=Decimal("5"))
        rows = [(row["year"], row["count"], row["amount"]) for row in Subsidy.objects.by_year()]
        assert rows == [(2009, 2, Decimal("15")), (2010, 1, Decimal("30"))]

    def test_latest_year(self):
        assert Subsidy.objects.latest_year() is None
        SubsidyFactory(convention_date=date(2009, 5, 1))
        SubsidyFactory(convention_date=date(2010, 2, 1))
        assert Subsidy.objects.latest_year() == 2010


class TestBudgetLine:
    def test_querysets(self):
        cooperation = BudgetLineFactory(year=2010, amount=Decimal("880000"))
        subsidies = BudgetLineFactory(
            year=2010, line=ProgrammeLine.SUBSIDIES, amount=Decimal("568500")
        )
        emergency = BudgetLineFactory(
            year=2010, line=ProgrammeLine.EMERGENCY_AID, amount=Decimal("100000")
        )
        older = BudgetLineFactory(year=2008)
        assert set(BudgetLine.objects.for_year(2010)) == {cooperation, subsidies, emergency}
        assert set(BudgetLine.objects.for_year(2010).top_level()) == {cooperation, emergency}
        assert BudgetLine.objects.for_year(2010).top_level().total() == Decimal("980000")
        assert BudgetLine.objects.years() == [2008, 2010]
        assert BudgetLine.objects.latest_year() == 2010
        assert older.parent_line is None
        assert subsidies.parent_line == ProgrammeLine.DECENTRALISED_COOPERATION
        assert str(cooperation) == "Coopération décentralisée 2010"

    def test_one_amount_per_line_and_year(self):
        BudgetLineFactory(year=2010)
        integrity_error(lambda: BudgetLineFactory(year=2010))
        with pytest.raises(ValidationError, match="déjà un montant"):
            BudgetLine(
                year=2010, line=ProgrammeLine.DECENTRALISED_COOPERATION, amount=1
            ).full_clean()

    def test_amount_not_negative_in_the_database(self):
        integrity_error(lambda: BudgetLineFactory(amount=Decimal("-1")))

    def test_a_part_may_not_exceed_its_line(self):
        BudgetLineFactory(year=2010, amount=Decimal("880000"))
        part = BudgetLine(year=2010, line=ProgrammeLine.SUBSIDIES, amount=Decimal("900000"))
        with pytest.raises(ValidationError, match="dépasse"):
            part.full_clean()
        part.amount = Decimal("568500")
        part.full_clean()
        part.save()
        line = BudgetLine.objects.get(line=ProgrammeLine.DECENTRALISED_COOPERATION)
        line.amount = Decimal("500000")
        with pytest.raises(ValidationError, match="inférieur"):
            line.full_clean()

    def test_changes_are_kept_in_history(self):
        line = BudgetLineFactory(amount=Decimal("800000"))
        line.amount = Decimal("880000")
        line.save()
        amounts = [record.amount for record in line.history.order_by("history_date")]
        assert amounts == [Decimal("800000"), Decimal("880000")]


class TestBeneficiary:
    def test_needs_a_siret_or_an_rna_number(self):
        BeneficiaryFactory(siret="", rna="W912000001")
        BeneficiaryFactory(siret=valid_siret(900), rna="")
        integrity_error(lambda: BeneficiaryFactory(siret="", rna=""))
        with pytest.raises(ValidationError, match="SIRET ou le numéro RNA"):
            Beneficiary(name="Sans numéro").full_clean()

    def test_siret_and_rna_are_unique_when_given(self):
        first = BeneficiaryFactory()
        integrity_error(lambda: BeneficiaryFactory(siret=first.siret))
        integrity_error(lambda: BeneficiaryFactory(rna=first.rna))
        BeneficiaryFactory(siret="", rna="W913000001")
        BeneficiaryFactory(siret="", rna="W913000002")

    def test_database_refuses_malformed_numbers(self):
        integrity_error(lambda: BeneficiaryFactory(siret="123"))
        integrity_error(lambda: BeneficiaryFactory(rna="X912000001"))

    @pytest.mark.parametrize(
        ("siret", "rna"),
        [
            ("12345678901234", ""),  # wrong Luhn key
            ("1234567890123", ""),  # 13 digits
            ("", "W91200001"),  # 8 digits
            ("", "W2A1234567"),  # valid RNA, but not in the SCDL's pattern
        ],
    )
    def test_full_clean_refuses_bad_identifiers(self, siret, rna):
        beneficiary = Beneficiary(name="Association", siret=siret, rna=rna)
        with pytest.raises(ValidationError):
            beneficiary.full_clean()

    def test_identifier_prefers_the_siret(self):
        assert BeneficiaryFactory(siret=valid_siret(5)).identifier == valid_siret(5)
        assert BeneficiaryFactory(siret="", rna="W912000005").identifier == "W912000005"


class TestSubsidy:
    def test_str_and_url(self):
        subsidy = SubsidyFactory(
            reference="CP 2010/1", beneficiary=BeneficiaryFactory(name="Eau Vive")
        )
        assert str(subsidy) == "CP 2010/1 – Eau Vive (2010)"
        assert subsidy.get_absolute_url() == "/subventions/?q=CP+2010%2F1"

    def test_granted_amount(self):
        subsidy = SubsidyFactory(amount=Decimal("1000.01"), share=Decimal("0.33"))
        SubsidyFactory(amount=Decimal("333.33"), share=Decimal("0.50"))
        granted = Subsidy.objects.order_by("pk")
        assert [row.granted_amount for row in granted] == [Decimal("330.00"), Decimal("166.67")]
        assert granted.get(pk=subsidy.pk).amount == Decimal("1000.01")  # the SCDL amount

    def test_totals_add_back_a_shared_decision_to_the_cent(self):
        # Three beneficiaries share one decision of 1 000,01 €: 330,00 + 330,00 + 340,01.
        for share in ["0.33", "0.33", "0.34"]:
            SubsidyFactory(
                reference="CP-1", object="Puits", amount=Decimal("1000.01"), share=Decimal(share)
            )
        assert Subsidy.objects.totals()["amount"] == Decimal("1000.01")

    def test_one_row_per_reference_beneficiary_date_and_object(self):
        subsidy = SubsidyFactory()
        same = {
            "reference": subsidy.reference,
            "beneficiary": subsidy.beneficiary,
            "convention_date": subsidy.convention_date,
        }
        integrity_error(lambda: SubsidyFactory(**same, object=subsidy.object))
        # One decision may fund several objects of one beneficiary.
        SubsidyFactory(**same, object="Un autre objet", amount=Decimal("5"))
        SubsidyFactory(**{**same, "convention_date": date(2011, 1, 1)}, object=subsidy.object)

    def test_database_refuses_a_decision_without_siret_nor_rna(self):
        integrity_error(lambda: SubsidyFactory(siret="", rna=""))

    def test_database_refuses_other_terms_for_a_single_payment(self):
        integrity_error(lambda: SubsidyFactory(payment_conditions_text="en deux fois"))
        SubsidyFactory(payment_conditions="other", payment_conditions_text="en deux fois")

    @pytest.mark.parametrize(
        "values",
        [
            {"amount": Decimal("0")},
            {"amount": Decimal("-5")},
            {"share": Decimal("0")},
            {"share": Decimal("1.01")},
            {"payment_start": date(2010, 5, 1), "payment_end": date(2010, 4, 30)},
            {"reference": ""},
            {"object": ""},
        ],
    )
    def test_database_constraints(self, values):
        integrity_error(lambda: SubsidyFactory(**values))

    def test_database_refuses_an_object_of_257_characters(self):
        # A CHECK constraint on SQLite, the column's length on PostgreSQL (a DataError).
        with pytest.raises(DatabaseError), transaction.atomic():
            SubsidyFactory(object="x" * 257)
        assert len(SubsidyFactory(object="x" * 256).object) == 256  # the SCDL's limit

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("object", "x" * 257),
            ("object", '=HYPERLINK("http://x")'),
            ("reference", "+33 1 60 91 91 91"),
            ("aid_scheme", "@SUM(A1)"),
            ("payment_conditions_text", "-2+3"),
            ("share", Decimal("0.005")),
            ("share", Decimal("0.33333")),
            ("rae_id", "123456"),
            ("aid_scheme", "x" * 257),
        ],
    )
    def test_full_clean_refuses(self, field, value):
        subsidy = SubsidyFactory.build(beneficiary=BeneficiaryFactory(), **{field: value})
        with pytest.raises(ValidationError) as error:
            subsidy.full_clean()
        assert field in error.value.message_dict

    def test_action_must_be_in_the_subsidy_zone(self):
        mali = ZoneFactory()
        subsidy = SubsidyFactory.build(
            beneficiary=BeneficiaryFactory(), zone=mali, action=ActionFactory(zone=ZoneFactory())
        )
        with pytest.raises(ValidationError, match="autre zone"):
            subsidy.full_clean()
        subsidy.action = ActionFactory(zone=mali, contribution=Decimal("10000"))
        subsidy.full_clean()

    def test_a_scheme_s_name_and_a_share_of_four_decimals_are_accepted(self):
        subsidy = SubsidyFactory.build(
            beneficiary=BeneficiaryFactory(),
            aid_scheme="Appel à projets « Solidarité internationale » 2024",
            share=Decimal("0.3333"),
            object="x" * 256,
        )
        subsidy.full_clean()

    def test_parts_of_one_decision_may_not_share_more_than_1(self):
        decision = {"reference": "CP-1", "object": "Puits", "amount": Decimal("900")}
        SubsidyFactory(**decision, share=Decimal("0.6"))
        other = SubsidyFactory.build(
            beneficiary=BeneficiaryFactory(), **decision, share=Decimal("0.5")
        )
        with pytest.raises(ValidationError, match="dépasseraient 1") as error:
            other.full_clean()
        assert "share" in error.value.message_dict
        other.share = Decimal("0.4")
        other.full_clean()

    def test_an_action_s_decisions_may_not_grant_more_than_its_contribution(self):
        action = ActionFactory(budget=Decimal("10000"), contribution=Decimal("4000"))
        SubsidyFactory(action=action, zone=action.zone, amount=Decimal("3000"))
        subsidy = SubsidyFactory.build(
            beneficiary=BeneficiaryFactory(),
            action=action,
            zone=action.zone,
            amount=Decimal("1000.01"),
        )
        with pytest.raises(ValidationError, match="contribution du Département") as error:
            subsidy.full_clean()
        assert "action" in error.value.message_dict
        subsidy.amount = Decimal("1000")
        subsidy.full_clean()

    def test_deleting_an_action_its_decisions_point_to_is_refused(self):
        action = ActionFactory()
        subsidy = SubsidyFactory(action=action, zone=action.zone, amount=Decimal("100"))
        with pytest.raises(ProtectedError):
            action.delete()
        subsidy.refresh_from_db()
        assert subsidy.action == action

    def test_every_change_is_kept_with_its_author(self, django_user_model):
        user = django_user_model.objects.create_user("compta")
        subsidy = SubsidyFactory(amount=Decimal("1000"))
        subsidy.amount = Decimal("1500")
        subsidy._history_user = user
        subsidy.save()
        latest, first = subsidy.history.all()[:2]
        assert latest.history_user == user
        delta = latest.diff_against(first)
        assert [(c.field, c.old, c.new) for c in delta.changes] == [
            ("amount", Decimal("1000.00"), Decimal("1500"))
        ]


class TestValidators:
    def test_siret(self):
        validate_siret("22910001100019")  # the Département's default PUBLISHER_SIRET
        validate_siret("35600000049837")  # La Poste: digit-sum rule, not Luhn
        for bad in ["22910001700011", "2291000110001", "2291000110001A"]:
            with pytest.raises(ValidationError):
                validate_siret(bad)

    def test_rna(self):
        validate_rna("W912004518")
        for bad in ["W2A1234567", "912004518", "W91200451", "w912004518"]:
            with pytest.raises(ValidationError):
                validate_rna(bad)


class TestSubsidySearchAcrossRecords:
    def test_each_word_may_match_the_object_the_beneficiary_or_the_zone(self):
        mali = ZoneFactory(name="Mali")
        wanted = SubsidyFactory(
            object="Puits villageois",
            zone=mali,
            beneficiary=BeneficiaryFactory(name="Association Kayes Solidarité"),
        )
        SubsidyFactory(object="Puits villageois")
        assert list(Subsidy.objects.search("mali puits")) == [wanted]
        assert list(Subsidy.objects.search("kayes")) == [wanted]
        assert list(Subsidy.objects.search("solidarite puits mali")) == [wanted]

    def test_a_renamed_beneficiary_is_found_by_its_new_name(self):
        beneficiary = BeneficiaryFactory(name="Ancien nom")
        subsidy = SubsidyFactory(beneficiary=beneficiary)
        beneficiary.name = "Jumelage Évry-Kayes"
        beneficiary.save()
        assert list(Subsidy.objects.search("evry")) == [subsidy]


def test_a_zone_is_found_by_its_name_not_by_its_history():
    zone = ZoneFactory(name="Haïti", summary="Reconstruction après le séisme", body="Climat")
    SubsidyFactory(object="Écoles", zone=zone)
    assert Subsidy.objects.search("climat").count() == 0
    assert Subsidy.objects.search("haiti ecoles").count() == 1


def test_punctuation_alone_finds_nothing_special():
    SubsidyFactory(object="Puits")
    assert Subsidy.objects.search("' ; --").count() == 1  # no word: no filter


class TestActionAndItsDecisions:
    def test_an_action_s_contribution_may_not_fall_below_its_decisions(self):
        action = ActionFactory(
            budget=Decimal("10000"), contribution=Decimal("4000"), status="completed"
        )
        SubsidyFactory(action=action, zone=action.zone, amount=Decimal("3000"))
        action.contribution = Decimal("2999.99")
        with pytest.raises(ValidationError) as error:
            action.full_clean()
        assert "accordent 3\xa0000\xa0€" in error.value.message_dict["contribution"][0]
        action.contribution = Decimal("3000")
        action.full_clean()

    def test_the_action_page_shows_its_decisions_within_its_contribution(self, client):
        action = ActionFactory(budget=Decimal("10000"), contribution=Decimal("4000"))
        SubsidyFactory(
            action=action,
            zone=action.zone,
            amount=Decimal("3000"),
            beneficiary=BeneficiaryFactory(name="Eau Vive"),
        )
        SubsidyFactory(action=action, zone=action.zone, amount=Decimal("5"), is_published=False)
        page = client.get(action.get_absolute_url()).text
        assert "Sur la contribution du Département de 4\xa0000\xa0€, 3\xa0000\xa0€" in page
        assert "Eau Vive" in page
