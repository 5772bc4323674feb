from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from subsidies.choices import ProgrammeLine
from subsidies.demo import SEED_YEAR
from subsidies.models import Beneficiary, BudgetLine, Subsidy

pytestmark = pytest.mark.django_db

MODELS = (BudgetLine, Beneficiary, Subsidy)


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at")) for model in MODELS
    }


def history_counts():
    return [model.history.count() for model in MODELS]


def test_load_demo_holds_the_seed_key_figures(demo):
    assert SEED_YEAR == 2010
    voted = dict(BudgetLine.objects.for_year(2010).values_list("line", "amount"))
    assert voted[ProgrammeLine.DECENTRALISED_COOPERATION] == Decimal("880000")
    assert voted[ProgrammeLine.SUBSIDIES] == Decimal("568500")
    decisions = Subsidy.objects.published().for_year(2010)
    assert decisions.totals()["amount"] == Decimal("568500")
    assert decisions.count() >= 8
    zones = {row["zone__slug"] for row in decisions.by_zone()}
    assert {"mali", "haiti", "guyane"} <= zones
    assert decisions.filter(zone__slug="haiti").exists()
    assert all(subsidy.domain for subsidy in decisions)
    # Earlier years give the trend a shape, each within its voted subsidies line.
    years = [row["year"] for row in Subsidy.objects.published().by_year()]
    assert years == [2007, 2008, 2009, 2010]
    for row in Subsidy.objects.published().by_year():
        line = BudgetLine.objects.get(year=row["year"], line=ProgrammeLine.SUBSIDIES)
        assert row["amount"] == line.amount
    for beneficiary in Beneficiary.objects.all():
        beneficiary.full_clean()
    for subsidy in Subsidy.objects.select_related("action"):
        subsidy.full_clean()


def test_load_demo_twice_changes_nothing(demo):
    first = snapshot()
    history = history_counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == first
    assert history_counts() == history
    assert "subsidies: " in out.getvalue()
