from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cooperation.choices import Domain
from subsidies.models import Subsidy, SubsidyTotal
from subsidies.selectors import subsidy_selection_totals
from tests.factories import ZoneFactory
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mali():
    mali = ZoneFactory(slug="mali")
    SubsidyFactory(
        zone=mali,
        domain=Domain.CULTURE,
        amount=Decimal("1000"),
        convention_date=date(2009, 5, 1),
        object="Puits",
    )
    SubsidyFactory(zone=mali, domain=Domain.EDUCATION, amount=Decimal("200"))
    SubsidyFactory(zone=None, domain=Domain.CULTURE, amount=Decimal("30"))
    SubsidyFactory(zone=mali, amount=Decimal("999"), is_published=False)
    return mali


class TestKeptTotalsForCriteria:
    def test_each_criterion_selects_its_own_column(self, mali):
        totals = SubsidyTotal.objects.published()
        assert totals.for_criteria(year=2009).totals()["amount"] == Decimal("1000.00")
        assert totals.for_criteria(zone=mali).totals()["amount"] == Decimal("1200.00")
        assert totals.for_criteria(domain=Domain.CULTURE).totals()["amount"] == Decimal("1030.00")
        assert totals.for_criteria(zone=mali, domain=Domain.CULTURE).totals()["count"] == 1

    def test_a_criterion_not_given_selects_nothing_out(self, mali):
        totals = SubsidyTotal.objects.published()
        assert totals.for_criteria(year=None, zone=None, domain="").totals() == totals.totals()
        assert totals.totals() == {"count": 3, "amount": Decimal("1230.00")}


class TestSelectionTotals:
    def test_without_words_one_sum_of_the_kept_totals(self, mali):
        decisions = Subsidy.objects.none()  # not read without words
        with CaptureQueriesContext(connection) as queries:
            totals = subsidy_selection_totals(decisions=decisions, zone=mali, domain="culture")
        assert totals == {"count": 1, "amount": Decimal("1000.00")}
        assert len(queries.captured_queries) == 1
        assert "subsidies_subsidytotal" in queries.captured_queries[0]["sql"]

    def test_nothing_chosen_is_every_published_decision(self, mali):
        totals = subsidy_selection_totals(decisions=Subsidy.objects.none())
        assert totals == Subsidy.objects.published().totals()

    def test_with_words_the_decisions_are_added_up_once_then_kept(self, mali):
        decisions = Subsidy.objects.published().search("puits")
        first = subsidy_selection_totals(decisions=decisions, zone=mali, words="puits")
        assert first == {"count": 1, "amount": Decimal("1000.00")}
        with CaptureQueriesContext(connection) as queries:
            again = subsidy_selection_totals(decisions=decisions, zone=mali, words="puits")
        assert again == first
        assert not any("SUM(" in query["sql"] for query in queries.captured_queries)
        # Another selection is another entry.
        other = subsidy_selection_totals(decisions=Subsidy.objects.none(), words="puits")
        assert other == {"count": 0, "amount": Decimal("0.00")}
