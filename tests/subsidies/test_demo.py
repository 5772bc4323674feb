from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from cooperation.models import Action
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


def test_load_demo_exercises_what_the_scdl_allows_and_keeps_actions_coherent():
    call_command("load_demo", stdout=StringIO())
    published = Subsidy.objects.published()
    # One decision split between two beneficiaries, adding back to its amount.
    shared = [
        parts
        for parts in (subsidy.parts() for subsidy in published)
        if parts.values("beneficiary").distinct().count() > 1
    ]
    assert shared
    parts = shared[0]
    assert sum(part.granted_amount for part in parts) == parts.first().amount
    # An association known by its RNA number only, receiving aid in kind.
    assert published.filter(siret="", nature="in_kind", beneficiary__siret="").exists()
    # Other payment terms, published as their text.
    assert published.filter(payment_conditions="other").exclude(payment_conditions_text="")
    # No action's linked decisions exceed its contribution, nor so its budget.
    for action in Action.objects.all():
        linked = Subsidy.objects.filter(action=action).granted_total()
        assert linked <= action.contribution, action
        assert action.budget is None or linked <= action.budget, action
        action.full_clean()
