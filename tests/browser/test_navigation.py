import pytest

from cooperation.models import Action, Zone

pytestmark = pytest.mark.browser


def test_home_then_every_zone_and_action_without_console_errors(page, demo_site):
    response = page.goto(demo_site.url + "/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "L'Essonne à l'international"

    zone_names = list(Zone.objects.published().values_list("name", flat=True))
    assert zone_names
    for name in zone_names:
        page.goto(demo_site.url + "/")
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == name

    actions = list(Action.objects.published().select_related("zone"))
    assert actions
    for action in actions:
        page.goto(demo_site.url + action.zone.get_absolute_url())
        page.get_by_role("link", name=action.title, exact=True).click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == action.title

    assert page.console_errors == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site.url + "/cooperation/mali/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.console_errors == []


def test_bad_filter_shows_the_error_in_the_browser(page, demo_site):
    response = page.goto(demo_site.url + "/cooperation/actions/?annee=abc")
    assert response.status == 200
    field = page.get_by_label("Année")
    assert field.get_attribute("aria-invalid") == "true"
    assert page.locator(".field__error").first.is_visible()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cooperation/",
        "/cooperation/mali/",
        "/cooperation/actions/",
        "/cooperation/actions/?annee=abc",
        "/cooperation/actions/mali-education-ecoles/",
        "/cooperation/urgences/",
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/accessibilite/",
        "/plan-du-site/",
        "/donnees/",
        "/api/docs/",
        "/recherche/",
        "/recherche/?q=haiti",
        "/recherche/?q=introuvable",
        "/en/",
        "/en/cooperation/mali/",
        "/en/recherche/?q=mali",
        "/en/accessibilite/",
        "/en/donnees/",
        "/acteurs/",
        "/acteurs/?zone=mali&odd=99",
        "/acteurs/ecoles-du-sahel-91/",
        "/acteurs/demande/",
        "/en/acteurs/comite-de-jumelage-essonne-kita/",
    ],
)
def test_page_has_no_axe_violation(page, demo_site, assert_accessible, path):
    assert page.goto(demo_site.url + path).status == 200
    assert_accessible(page)


def test_the_not_found_page_has_no_axe_violation(page, demo_site, assert_accessible):
    assert page.goto(demo_site.url + "/cooperation/nulle-part/").status == 404
    assert_accessible(page)
