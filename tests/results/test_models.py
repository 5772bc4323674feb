from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from results.choices import Measure
from results.models import Indicator, IndicatorValue, Result
from tests.europe.factories import EUProjectFactory
from tests.factories import ActionFactory, ZoneFactory
from tests.results.factories import IndicatorFactory, IndicatorValueFactory, ResultFactory

pytestmark = pytest.mark.django_db


def measured(indicator, *values):
    for year, value in values:
        IndicatorValueFactory(
            indicator=indicator,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            value=Decimal(value),
        )
    return Indicator.objects.prefetch_related("values").get(pk=indicator.pk)


def test_the_latest_value_is_that_of_the_last_period_whatever_the_order_entered():
    indicator = measured(IndicatorFactory(), (2012, "11"), (2013, "14"), (2011, "6"))
    assert indicator.latest.value == Decimal("14")


@pytest.mark.parametrize(
    ("baseline", "target", "ascending", "latest", "progress"),
    [
        ("0", "15", True, "6", 40),
        ("38", "60", True, "57", 86),  # from the baseline, not from zero: 19 of 22
        ("0", "15", True, "20", 100),  # beyond the target: a full bar, not more
        ("40", "10", False, "25", 50),  # a rate that must fall
        ("40", "10", False, "45", 0),  # worse than the baseline: an empty bar
        (None, "24", True, "12", 50),  # no baseline: from zero
    ],
)
def test_progress_goes_from_the_baseline_to_the_target(
    baseline, target, ascending, latest, progress
):
    indicator = IndicatorFactory(
        baseline_value=None if baseline is None else Decimal(baseline),
        baseline_year=None if baseline is None else 2010,
        target_value=Decimal(target),
        ascending=ascending,
    )
    assert measured(indicator, (2012, latest)).progress == progress


@pytest.mark.parametrize(
    "values",
    [
        {"target_value": None, "target_year": None},  # no target
        {"target_value": Decimal("0")},  # a target that is the baseline
        {"ascending": False},  # a target above the baseline for a rate that must fall
    ],
)
def test_no_progress_where_it_means_nothing(values):
    indicator = measured(IndicatorFactory(**values), (2012, "5"))
    assert indicator.progress is None


def test_no_progress_before_the_first_value():
    assert measured(IndicatorFactory()).progress is None


def test_a_result_belongs_to_one_action_or_one_project_not_both_nor_none():
    action, project = ActionFactory(), EUProjectFactory()
    for values in [{}, {"action": action, "eu_project": project}]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Result.objects.create(title="Résultat", **values)
    assert Result.objects.count() == 0


def test_the_baseline_value_and_year_go_together():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(baseline_value=Decimal("3"), baseline_year=None)


def test_a_percentage_stays_between_0_and_100():
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(measure=Measure.PERCENTAGE, target_value=Decimal("120"))


def test_one_value_per_period_and_periods_end_after_they_start():
    indicator = IndicatorFactory()
    IndicatorValueFactory(
        indicator=indicator, period_start=date(2012, 1, 1), period_end=date(2012, 12, 31)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(
            indicator=indicator, period_start=date(2012, 1, 1), period_end=date(2012, 12, 31)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValueFactory(
            indicator=indicator, period_start=date(2013, 1, 1), period_end=date(2012, 12, 31)
        )
    assert IndicatorValue.objects.count() == 1


def test_published_results_need_their_action_published_too():
    shown = ResultFactory()
    ResultFactory(is_published=False)
    ResultFactory(action=ActionFactory(is_published=False))
    ResultFactory(action=ActionFactory(zone=ZoneFactory(is_published=False)))
    assert list(Result.objects.published()) == [shown]


def test_results_of_a_project_are_its_own():
    project = EUProjectFactory()
    own = ResultFactory(action=None, eu_project=project)
    ResultFactory()
    assert list(Result.objects.for_record(project)) == [own]
