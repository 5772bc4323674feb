import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/subventions/",
        "/subventions/?zone=mali&tri=-montant",
        "/subventions/?annee=abc",
        "/chiffres-cles/",
        "/chiffres-cles/?annee=2009",
        "/chiffres-cles/?annee=abc",
        "/cooperation/mali/",
    ],
)
def test_page_loads_without_console_error_nor_axe_violation(
    page, demo_site, assert_accessible, path
):
    response = page.goto(demo_site.url + path)
    assert response.status == 200
    assert_accessible(page)
    assert page.console_errors == []


def test_filter_sort_and_page_through_the_subsidies(page, demo_site):
    page.goto(demo_site.url + "/subventions/")
    page.get_by_label("Zone", exact=True).select_option("mali")
    page.get_by_label("Trier par").select_option("-montant")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_load_state()
    assert "zone=mali" in page.url
    amounts = page.locator(".subsidy-table tbody td.number").all_inner_texts()
    assert amounts
    summary = page.get_by_role("status").first.inner_text()
    assert "décisions" in summary and "€" in summary
    page.get_by_role("link", name="Montant").click()
    page.wait_for_load_state()
    assert "tri=montant" in page.url and "zone=mali" in page.url
    assert page.console_errors == []


def test_key_figures_show_the_seed_figures_and_charts(page, demo_site):
    page.goto(demo_site.url + "/chiffres-cles/")
    assert page.get_by_role("heading", level=1).inner_text() == "Chiffres clés 2010"
    text = page.locator("main").inner_text()
    assert "880\u00a0000\u00a0€" in text and "568\u00a0500\u00a0€" in text
    charts = page.get_by_role("img")
    assert charts.count() == 4
    assert "Mali" in page.locator("#chart-zones-desc").text_content()
    page.get_by_label("Année", exact=True).select_option("2008")
    page.get_by_role("button", name="Afficher").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Chiffres clés 2008"
    assert page.console_errors == []
