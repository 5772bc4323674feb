"""/chiffres-cles/ and the home page's figures of the latest year, computed from the records."""

import re
from datetime import date
from decimal import Decimal

import pytest

from cooperation.choices import Domain
from portal import charts
from portal.figures import figure_years, key_figures, latest_year_figures
from subsidies.choices import ProgrammeLine
from tests.factories import ZoneFactory
from tests.subsidies.factories import BudgetLineFactory, SubsidyFactory

pytestmark = pytest.mark.django_db

URL = "/chiffres-cles/"


@pytest.fixture
def two_years():
    mali = ZoneFactory(name="Mali", slug="mali")
    haiti = ZoneFactory(name="Haïti", name_en="Haiti", slug="haiti")
    for year, cooperation, subsidies in [(2009, 845000, 540000), (2010, 880000, 568500)]:
        BudgetLineFactory(year=year, amount=Decimal(cooperation))
        BudgetLineFactory(year=year, line=ProgrammeLine.SUBSIDIES, amount=Decimal(subsidies))
    BudgetLineFactory(year=2010, line=ProgrammeLine.EMERGENCY_AID, amount=Decimal("100000"))
    SubsidyFactory(
        zone=mali,
        domain=Domain.ENVIRONMENT,
        amount=Decimal("85000"),
        convention_date=date(2010, 3, 1),
    )
    SubsidyFactory(
        zone=haiti,
        domain=Domain.EDUCATION,
        amount=Decimal("95000"),
        convention_date=date(2010, 2, 1),
    )
    SubsidyFactory(domain="", amount=Decimal("500"), convention_date=date(2010, 6, 1))
    SubsidyFactory(zone=mali, amount=Decimal("999999"), is_published=False)
    SubsidyFactory(
        zone=mali, domain=Domain.CULTURE, amount=Decimal("60000"), convention_date=date(2009, 5, 1)
    )


class TestFigures:
    def test_key_figures_of_a_year(self, two_years):
        figures = key_figures(2010)
        assert [(row.line, row.amount, row.is_part) for row in figures.budget] == [
            ("cooperation", Decimal("880000"), False),
            ("subsidies", Decimal("568500"), True),
            ("emergency", Decimal("100000"), False),
        ]
        assert figures.budget_total == Decimal("980000")
        assert (figures.subsidy_count, figures.subsidies_granted) == (3, Decimal("180500"))
        assert figures.subsidies_budget == Decimal("568500")
        assert figures.subsidies_rate == 32
        assert [(r["zone__slug"], r["amount"]) for r in figures.by_zone] == [
            ("haiti", Decimal("95000")),
            ("mali", Decimal("85000")),
            (None, Decimal("500")),
        ]
        assert [r["domain"] for r in figures.by_domain] == ["education", "environment", ""]
        assert [(r["year"], r["amount"], r["cooperation_budget"]) for r in figures.trend] == [
            (2009, Decimal("60000"), Decimal("845000")),
            (2010, Decimal("180500"), Decimal("880000")),
        ]

    def test_years_and_latest_year(self, two_years):
        BudgetLineFactory(year=2006)
        SubsidyFactory(convention_date=date(2011, 1, 5), amount=Decimal("10"))
        assert figure_years() == [2011, 2010, 2009, 2006]
        latest = latest_year_figures()
        assert latest.year == 2011
        assert latest.cooperation_budget is None
        assert (latest.subsidy_count, latest.subsidies_granted) == (1, Decimal("10"))

    def test_nothing_yet(self):
        assert figure_years() == []
        assert latest_year_figures() is None


class TestPage:
    def test_latest_year_by_default(self, client, two_years):
        response = client.get(URL)
        assert response.status_code == 200
        page = response.text
        assert "<h1>Chiffres clés 2010</h1>" in page
        for text in [
            "980\xa0000\xa0€",
            "880\xa0000\xa0€",
            "568\xa0500\xa0€",
            "180\xa0500\xa0€",
            "32\xa0%",
        ]:
            assert text in page
        assert "dont subventions aux associations" in page
        assert 'href="/subventions/?annee=2010&amp;zone=mali"' in page
        assert 'href="/subventions/?annee=2010&amp;domaine=environment"' in page
        # The decisions without a zone or a domain have their row, without a link.
        assert '<th scope="row">Sans zone partenaire</th>' in page
        assert '<th scope="row">Domaine non précisé</th>' in page
        assert '<h2 id="zones-title">Les subventions par zone</h2>' in page
        assert '<h2 id="domains-title">Les subventions par domaine</h2>' in page

    def test_chosen_year(self, client, two_years):
        response = client.get(URL + "?annee=2009")
        assert response.context["figures"].year == 2009
        assert "<h1>Chiffres clés 2009</h1>" in response.text

    @pytest.mark.parametrize("value", ["abc", "1999", "2010.5", "99999999999999999999", "%00"])
    def test_bad_year_shows_the_form_error_and_the_latest_year(self, client, two_years, value):
        response = client.get(f"{URL}?annee={value}")
        assert response.status_code == 200
        assert 'class="field__error"' in response.text
        assert 'aria-invalid="true"' in response.text
        assert response.context["figures"].year == 2010

    def test_empty_site(self, client):
        response = client.get(URL)
        assert response.status_code == 200
        assert "Aucun budget ni aucune subvention" in response.text

    def test_charts_are_svg_with_text_alternatives_and_tables(self, client, two_years):
        page = client.get(URL).text
        assert page.count('role="img"') == 4
        for chart in ["chart-budget", "chart-zones", "chart-domains", "chart-trend"]:
            assert f'aria-labelledby="{chart}-title {chart}-desc"' in page
            assert f'<title id="{chart}-title">' in page
            assert f'<desc id="{chart}-desc">' in page
        assert "Haïti\xa0: 95\xa0000\xa0€\xa0; Mali\xa0: 85\xa0000\xa0€" in page
        assert page.count("<table") == 4
        assert page.count("<caption") == 4

    def test_no_inline_style_nor_script_for_the_content_security_policy(self, client, two_years):
        page = client.get(URL).text
        assert " style=" not in page
        assert "<style" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)

    def test_svg_numbers_are_not_localised(self, client, two_years):
        page = client.get(URL).text
        numbers = re.findall(r'\s(?:x|y|dx|width|height|x1|y1|x2|y2)="([^"]*)"', page)
        assert numbers
        for number in numbers:
            float(number.removesuffix("%"))

    def test_english(self, client, two_years):
        response = client.get("/en" + URL)
        assert response.status_code == 200
        assert "Haiti" in response.text

    def test_each_language_gets_its_own_labels_from_the_figures_cache(self, client, two_years):
        assert "Coopération décentralisée" in client.get(URL).text  # computed, then kept
        english = client.get("/en" + URL).text
        assert "Decentralised cooperation" in english
        assert "Coopération décentralisée" not in english
        assert "Coopération décentralisée" in client.get(URL).text

    def test_query_count_is_fixed(
        self, client, two_years, django_assert_max_num_queries, django_assert_num_queries
    ):
        # Two more than before the SDG section: its decisions and its actions per goal.
        with django_assert_max_num_queries(13) as few:
            client.get(URL)
        for index in range(20):
            SubsidyFactory(
                zone=ZoneFactory(), domain=Domain.CULTURE, convention_date=date(2000 + index, 1, 1)
            )
        with django_assert_num_queries(len(few)):
            client.get(URL)


class TestCharts:
    def test_horizontal_bars_scale_to_the_largest(self):
        chart = charts.horizontal_bars("c", "Titre", [("A", Decimal("100")), ("B", Decimal("50"))])
        first, second = chart.bars
        assert first.width == 2 * second.width
        assert first.value_text == "100\xa0€"
        assert chart.description == "A\xa0: 100\xa0€\xa0; B\xa0: 50\xa0€"

    def test_columns_and_empty_charts(self):
        chart = charts.columns("c", "Titre", [(2009, Decimal("10")), (2010, Decimal("0"))])
        assert chart.bars[1].height == 0
        assert charts.horizontal_bars("c", "Titre", []).bars == []


def test_home_shows_the_latest_year_key_figures_of_the_demo(client, demo):
    response = client.get("/")
    page = response.text
    latest = response.context["figures"].latest_year
    assert latest.year == 2010
    assert "880\xa0000\xa0€" in page and "568\xa0500\xa0€" in page
    assert "alloués à la coopération décentralisée en 2010" in page
    assert "affectés aux subventions en 2010" in page
    assert 'href="/chiffres-cles/"' in page


def test_key_figures_show_the_cresi_training_days_and_documents(client, demo):
    response = client.get("/chiffres-cles/", {"annee": 2010})
    figures = response.context["figures"]
    assert figures.training_days == 14
    assert figures.document_count > 0 and figures.resource_count > 0
    assert "jours de formation du CRESI en 2010" in response.text
    assert ">14<" in response.text


def test_a_shared_link_shows_the_page_title(client):
    page = client.get("/chiffres-cles/").text
    assert '<meta property="og:title" content="Chiffres clés">' in page
