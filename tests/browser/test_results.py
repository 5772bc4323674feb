"""An action's results and documents, the SDG and DAC filters, the key figures by goal, and the
staff's results page (nested inlines) and APD declaration, in a real browser."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "path",
    [
        "/cooperation/actions/mali-environnement-eau-assainissement/",
        "/en/cooperation/actions/mali-education-ecoles/",
        "/cooperation/actions/?odd=6&secteur=14030",
        "/cooperation/actions/?secteur=99999",
        "/subventions/?odd=4",
        "/chiffres-cles/?annee=2010",
        "/europe/projets/climate/",
    ],
)
def test_pages_load_without_console_error_or_axe_violation(
    page, demo_site, assert_accessible, path
):
    assert page.goto(demo_site.url + path).status == 200
    assert page.console_errors == []
    assert_accessible(page)


def test_the_results_table_reads_as_a_table_with_named_progress_bars(page, demo_site):
    page.goto(demo_site.url + "/cooperation/actions/mali-environnement-eau-assainissement/")
    table = page.get_by_role("table", name="Accès à l'eau potable et à l'assainissement")
    assert table.get_by_role("columnheader", name="Dernière valeur").count() == 1
    bar = table.get_by_role("progressbar", name="Avancement vers la cible : Puits construits")
    assert bar.get_attribute("value") == "93"  # 14 wells of 15
    with page.expect_download() as download:
        page.get_by_role("link", name="Évaluation de l'action eau et assainissement").click()
    assert download.value.suggested_filename.endswith(".pdf")


def log_in(page, site):
    page.goto(site.url + "/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("admin")
    page.get_by_label("Mot de passe").fill("password")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")


def test_staff_add_an_indicator_and_its_value_on_the_result_page(page, fresh_demo_site, admin_user):
    from results.models import Result

    problems = []
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning") and problems.append((page.url, message.text))
        ),
    )
    log_in(page, fresh_demo_site)
    result = Result.objects.get(title="Des enseignants mieux formés")
    page.goto(fresh_demo_site.url + f"/admin/results/result/{result.pk}/change/")
    page.get_by_role("link", name="Ajouter un objet Indicateur supplémentaire").click()
    page.locator("input[name='indicators-1-title']").fill("Directeurs formés")
    page.locator("input[name='indicators-1-unit']").fill("directeurs")
    page.locator("input[name='indicators-1-target_value']").fill("12")
    # The new indicator's own « add a value » link: the last one on the page.
    page.get_by_role("link", name="Ajouter un objet Valeur mesurée supplémentaire").last.click()
    page.locator("input[name='indicators-1-values-0-period_start']").fill("01/01/2012")
    page.locator("input[name='indicators-1-values-0-period_end']").fill("31/12/2012")
    page.locator("input[name='indicators-1-values-0-value']").fill("9")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/results/result/")
    indicator = result.indicators.get(title="Directeurs formés")
    assert [value.value for value in indicator.values.all()] == [9]
    assert problems == []


def test_the_apd_declaration_page_runs_under_the_content_security_policy(
    page, fresh_demo_site, admin_user, assert_accessible
):
    log_in(page, fresh_demo_site)
    page.goto(fresh_demo_site.url + "/admin/subsidies/subsidy/")
    page.get_by_role("link", name="Déclaration APD").click()
    assert page.get_by_role("table", name="Totaux par pays bénéficiaire, 2010").count() == 1
    assert page.console_errors == []
