"""/chiffres-cles/ « par objectif de développement durable »: per goal, the actions running in
the year and the decisions of the year, computed from the records."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from portal.figures import figures_by_sdg_goal
from subsidies.models import Subsidy
from tests.factories import ActionFactory
from tests.subsidies.factories import BudgetLineFactory, SubsidyFactory

pytestmark = pytest.mark.django_db

URL = "/chiffres-cles/"


def tagged(record, *goals):
    record.sdg_goals.set(goals)
    return record


@pytest.fixture
def tagged_records(codelists):
    BudgetLineFactory(year=2010, amount=Decimal("880000"))
    decisions = {
        "water": tagged(SubsidyFactory(amount=Decimal("85000.00")), 6),
        "school_water": tagged(SubsidyFactory(amount=Decimal("40000.00")), 4, 6),
    }
    tagged(SubsidyFactory(amount=Decimal("1000"), is_published=False), 6)  # draft
    tagged(SubsidyFactory(amount=Decimal("2000"), convention_date=date(2011, 1, 1)), 6)
    SubsidyFactory(amount=Decimal("3000"))  # no goal
    tagged(ActionFactory(start_year=2009, end_year=2011), 6)
    tagged(ActionFactory(start_year=2011, end_year=2012), 6)  # not running in 2010
    return decisions


def test_each_goal_has_its_running_actions_and_its_decisions_of_the_year(tagged_records):
    rows = {row["goal"].number: row for row in figures_by_sdg_goal(2010)}
    assert set(rows) == {4, 6}
    water = Subsidy.objects.filter(sdg_goals=6, convention_date__year=2010, is_published=True)
    assert rows[6]["count"] == water.count() == 2
    assert rows[6]["amount"] == water.aggregate(s=Sum("granted_amount"))["s"]
    assert rows[6]["action_count"] == 1
    assert rows[4]["amount"] == Decimal("40000.00") and rows[4]["action_count"] == 0
    assert rows[6]["list_url"] == "/subventions/?annee=2010&odd=6"
    assert rows[6]["action_list_url"] == "/cooperation/actions/?annee=2010&odd=6"


def test_the_page_has_the_section_with_links_to_the_filtered_lists(client, tagged_records):
    page = client.get(URL, {"annee": "2010"}).text
    section = re.search(r'<section[^>]*aria-labelledby="sdg-title">.*?</section>', page, re.S)
    section = section.group(0)
    assert "Par objectif de développement durable" in section
    assert 'href="/subventions/?annee=2010&amp;odd=6">125\xa0000\xa0€</a>' in section
    assert 'href="/cooperation/actions/?annee=2010&amp;odd=6">1</a>' in section
    english = client.get("/en" + URL, {"annee": "2010"}).text
    assert "Goal 6. Ensure availability" in english


def test_a_year_with_no_tagged_record_says_so(client, codelists):
    BudgetLineFactory(year=2010, amount=Decimal("880000"))
    page = client.get(URL).text
    assert "n'est rattachée à un objectif de développement durable" in page
