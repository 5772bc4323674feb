"""Budget lines are drafts until published: a line being entered changes no public figure."""

import importlib
from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from core.staff_groups import FINANCE
from portal.figures import figure_years, key_figures, latest_year_figures
from subsidies.choices import ProgrammeLine
from subsidies.models import BudgetLine
from tests.subsidies.factories import BudgetLineFactory, SubsidyFactory

pytestmark = pytest.mark.django_db

publish_existing_lines = importlib.import_module(
    "subsidies.migrations.0004_budget_line_is_published"
).publish_existing_lines


@pytest.fixture
def year_2010():
    BudgetLineFactory(year=2010, amount=Decimal("880000"))
    BudgetLineFactory(year=2010, line=ProgrammeLine.SUBSIDIES, amount=Decimal("568500"))
    SubsidyFactory(amount=Decimal("85000"), convention_date=date(2010, 3, 1))


def test_a_new_line_is_a_draft():
    line = BudgetLine.objects.create(
        year=2011, line=ProgrammeLine.DECENTRALISED_COOPERATION, amount=Decimal("900000")
    )
    assert not line.is_published
    assert list(BudgetLine.objects.published()) == []


def test_published_keeps_only_published_lines():
    published = BudgetLineFactory(year=2010)
    BudgetLineFactory(year=2011, is_published=False)
    assert list(BudgetLine.objects.published()) == [published]
    assert BudgetLine.objects.published().years() == [2010]


def test_a_draft_line_of_a_new_year_changes_no_public_figure(client, year_2010):
    BudgetLineFactory(year=2011, amount=Decimal("900000"), is_published=False)
    BudgetLineFactory(
        year=2010, line=ProgrammeLine.EMERGENCY_AID, amount=Decimal("1"), is_published=False
    )
    assert latest_year_figures().year == 2010
    assert figure_years() == [2010]
    figures = key_figures(2010)
    assert [row.line for row in figures.budget] == ["cooperation", "subsidies"]
    assert [row["year"] for row in figures.trend] == [2010]

    home = client.get("/")
    assert home.context["figures"].latest_year.year == 2010
    assert home.context["figures"].latest_year.subsidies_granted == Decimal("85000")
    page = client.get("/chiffres-cles/")
    assert page.context["figures"].year == 2010
    assert "900\xa0000" not in page.text
    asked = client.get("/chiffres-cles/?annee=2011")
    assert asked.context["figures"] is None or asked.context["figures"].year != 2011
    assert "900\xa0000" not in asked.text


def test_publishing_the_line_makes_its_year_public(client, year_2010):
    line = BudgetLineFactory(year=2011, amount=Decimal("900000"), is_published=False)
    line.is_published = True
    line.save()
    assert latest_year_figures().year == 2011
    assert figure_years() == [2011, 2010]
    assert client.get("/").context["figures"].latest_year.year == 2011


def test_finance_staff_publish_lines_from_the_list(client, staff_user_in):
    line = BudgetLineFactory(year=2011, is_published=False)
    client.force_login(staff_user_in(FINANCE))
    url = reverse("admin:subsidies_budgetline_changelist")
    assert 'name="form-0-is_published"' in client.get(url).text
    response = client.post(
        url,
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(line.pk),
            "form-0-is_published": "on",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.is_published
    assert line.history.first().is_published


def test_lines_voted_before_the_draft_state_stay_public():
    BudgetLineFactory(year=2009, is_published=False)
    BudgetLineFactory(year=2010, is_published=False)
    publish_existing_lines(apps, None)
    assert BudgetLine.objects.published().count() == 2


def test_demo_lines_are_published(demo):
    assert BudgetLine.objects.exists()
    assert not BudgetLine.objects.filter(is_published=False).exists()
