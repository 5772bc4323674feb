"""What /chiffres-cles/ shows is built outside the view: labelled rows, charts, counted labels."""

from decimal import Decimal

import pytest
from django.utils import translation

from cooperation.choices import Domain
from portal.charts import key_figure_charts
from portal.figures import KeyFigures, key_figures
from subsidies.choices import ProgrammeLine
from tests.factories import ZoneFactory
from tests.subsidies.factories import BudgetLineFactory, SubsidyFactory


@pytest.fixture
def year_2010(db):
    haiti = ZoneFactory(name="Haïti", name_en="Haiti", slug="haiti")
    BudgetLineFactory(year=2010, amount=Decimal("880000"))
    BudgetLineFactory(year=2010, line=ProgrammeLine.SUBSIDIES, amount=Decimal("568500"))
    SubsidyFactory(zone=haiti, domain=Domain.EDUCATION, amount=Decimal("95000"))
    SubsidyFactory(zone=None, domain="", amount=Decimal("500"))


def labels_and_links(rows):
    return [(row["label"], row.get("list_url")) for row in rows]


def test_rows_per_zone_and_domain_carry_their_label_and_list_link(year_2010):
    figures = key_figures(2010)
    assert labels_and_links(figures.by_zone) == [
        ("Haïti", "/subventions/?annee=2010&zone=haiti"),
        ("Sans zone partenaire", None),
    ]
    assert labels_and_links(figures.by_domain) == [
        ("Éducation", "/subventions/?annee=2010&domaine=education"),
        ("Domaine non précisé", None),
    ]


def test_rows_are_labelled_and_linked_in_english_under_en(year_2010):
    with translation.override("en"):
        figures = key_figures(2010)
    assert labels_and_links(figures.by_zone) == [
        ("Haiti", "/en/subventions/?annee=2010&zone=haiti"),
        ("No partner zone", None),
    ]
    assert figures.by_domain[0]["label"] == "Education"


def test_the_four_charts_of_a_year(year_2010):
    charts = key_figure_charts(key_figures(2010))
    assert {name: chart.id for name, chart in charts.items()} == {
        "budget": "chart-budget",
        "zones": "chart-zones",
        "domains": "chart-domains",
        "trend": "chart-trend",
    }
    assert charts["budget"].title == "Budget voté en 2010 par ligne du programme"
    assert [bar.label for bar in charts["budget"].bars] == [
        "Coopération décentralisée",
        "dont subventions aux associations",
    ]
    assert [bar.label for bar in charts["zones"].bars] == ["Haïti", "Sans zone partenaire"]
    assert [bar.label for bar in charts["domains"].bars] == ["Éducation", "Domaine non précisé"]
    assert [bar.label for bar in charts["trend"].bars] == ["2010"]


def figures_with(days):
    return KeyFigures(
        year=2010,
        budget=[],
        budget_total=Decimal("0"),
        subsidies_budget=None,
        subsidy_count=0,
        subsidies_granted=Decimal("0"),
        training_days=Decimal(days),
    )


@pytest.mark.parametrize(
    ("days", "french", "english"),
    [
        ("0", "jour de formation du CRESI en 2010", "CRESI training days in 2010"),
        ("1", "jour de formation du CRESI en 2010", "CRESI training day in 2010"),
        ("1.5", "jour de formation du CRESI en 2010", "CRESI training days in 2010"),
        ("2", "jours de formation du CRESI en 2010", "CRESI training days in 2010"),
        ("14", "jours de formation du CRESI en 2010", "CRESI training days in 2010"),
        ("2.5", "jours de formation du CRESI en 2010", "CRESI training days in 2010"),
    ],
)
def test_the_training_days_label_follows_each_language_plural(days, french, english):
    figures = figures_with(days)
    with translation.override("fr"):
        assert figures.training_days_label == french
    with translation.override("en"):
        assert figures.training_days_label == english


def test_a_year_without_training_reads_0_jour(client, year_2010):
    page = client.get("/chiffres-cles/?annee=2010").text
    assert "jour de formation du CRESI en 2010" in page
    assert "jours de formation du CRESI en 2010" not in page
