from datetime import date
from decimal import Decimal

import pytest

from cooperation.choices import Domain
from subsidies.filters import SubsidyFilter
from subsidies.models import Subsidy
from tests.factories import ZoneFactory
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

pytestmark = pytest.mark.django_db


def filtered(params):
    filterset = SubsidyFilter(params, queryset=Subsidy.objects.published())
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs)


def test_annee_keeps_the_decisions_signed_that_year():
    in_2010 = SubsidyFactory(convention_date=date(2010, 6, 1))
    SubsidyFactory(convention_date=date(2009, 6, 1))
    assert filtered({"annee": "2010"}) == [in_2010]


def test_zone_filters_by_slug():
    in_mali = SubsidyFactory(zone=ZoneFactory(slug="mali"))
    SubsidyFactory(zone=ZoneFactory(slug="haiti"))
    SubsidyFactory()
    assert filtered({"zone": "mali"}) == [in_mali]


def test_domaine_filters_by_domain():
    culture = SubsidyFactory(domain=Domain.CULTURE)
    SubsidyFactory(domain=Domain.ENVIRONMENT)
    assert filtered({"domaine": "culture"}) == [culture]


def test_q_searches_words_after_trimming_spaces():
    wells = SubsidyFactory(object="Puits et latrines")
    by_name = SubsidyFactory(beneficiary=BeneficiaryFactory(name="Les Puisatiers"))
    SubsidyFactory(object="Résidences d'artistes")
    assert filtered({"q": "  puits "}) == [wells]
    assert set(filtered({"q": "puisatiers"})) == {by_name}
    assert len(filtered({"q": "   "})) == 3


def test_filters_combine():
    mali = ZoneFactory(slug="mali")
    wanted = SubsidyFactory(zone=mali, domain=Domain.EDUCATION, object="Écoles")
    SubsidyFactory(zone=mali, domain=Domain.CULTURE, object="Écoles")
    SubsidyFactory(domain=Domain.EDUCATION, object="Écoles")
    SubsidyFactory(zone=mali, domain=Domain.EDUCATION, convention_date=date(2009, 1, 5))
    params = {"zone": "mali", "domaine": "education", "annee": "2010", "q": "écoles"}
    assert filtered(params) == [wanted]


def test_empty_values_filter_nothing():
    subsidies = set(SubsidyFactory.create_batch(3))
    assert set(filtered({"annee": "", "zone": "", "domaine": "", "q": "", "tri": ""})) == subsidies


def test_tri_montant_sorts_by_the_amount_granted_to_the_beneficiary():
    shared = SubsidyFactory(amount=Decimal("10000"), share=Decimal("0.10"))
    whole = SubsidyFactory(amount=Decimal("5000"))
    assert filtered({"tri": "-montant"}) == [whole, shared]
    assert filtered({"tri": "montant"}) == [shared, whole]


@pytest.mark.parametrize(
    ("tri", "expected"),
    [
        ("", ["recent", "big", "small", "old"]),
        ("-date", ["recent", "big", "small", "old"]),
        ("date", ["old", "big", "small", "recent"]),
        ("-montant", ["big", "recent", "old", "small"]),
        ("montant", ["small", "old", "recent", "big"]),
    ],
)
def test_tri_sorts_by_date_or_amount_then_by_creation(tri, expected):
    SubsidyFactory(object="old", convention_date=date(2008, 1, 1), amount=Decimal("20"))
    SubsidyFactory(object="small", convention_date=date(2010, 1, 1), amount=Decimal("10"))
    SubsidyFactory(object="big", convention_date=date(2010, 1, 1), amount=Decimal("900"))
    SubsidyFactory(object="recent", convention_date=date(2011, 1, 1), amount=Decimal("30"))
    assert [subsidy.object for subsidy in filtered({"tri": tri})] == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"annee": "abc"}, "annee"),
        ({"annee": "2010.5"}, "annee"),
        ({"annee": "99999999999999999999"}, "annee"),
        ({"annee": "1200"}, "annee"),
        ({"annee": "-1"}, "annee"),
        ({"zone": "nulle-part"}, "zone"),
        ({"domaine": "astrologie"}, "domaine"),
        ({"q": "x" * 201}, "q"),
        ({"q": "eau\x00"}, "q"),
        ({"tri": "prix"}, "tri"),
        ({"tri": "amount"}, "tri"),
        ({"tri": "beneficiary__name"}, "tri"),
    ],
)
def test_bad_values_are_form_errors(params, field):
    filterset = SubsidyFilter(params, queryset=Subsidy.objects.all())
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_zone_choices_exclude_draft_zones():
    ZoneFactory(slug="brouillon", is_published=False)
    filterset = SubsidyFilter({"zone": "brouillon"}, queryset=Subsidy.objects.all())
    assert "zone" in filterset.errors


def test_selection_names_the_valid_filters_for_the_totals():
    mali = ZoneFactory(slug="mali")
    filterset = SubsidyFilter(
        {"annee": "2010", "zone": "mali", "q": " puits ", "tri": "montant"},
        queryset=Subsidy.objects.published(),
    )
    assert filterset.is_valid()
    assert filterset.selection() == {
        "year": 2010,
        "zone": mali,
        "domain": "",
        "words": "puits",
        "sdg_goal": None,
        "dac_purpose": None,
    }
    unbound = SubsidyFilter(None, queryset=Subsidy.objects.published())
    assert unbound.selection() == {}
