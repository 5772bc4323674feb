"""Issue 17 in a real browser: every page type fits a 320 px phone, the header folds behind a
menu button (and stays whole without JavaScript), charts and tables read on a phone, the error
summary takes the focus, the admin's subsidy list fits a 1 280 px screen."""

import pytest

from tests.portal.public_pages import PAGES, page_url

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}

# The right edge of anything sticking out of the page, outside the boxes that scroll on purpose.
OVERFLOW = """() => Array.from(document.querySelectorAll('body *'))
  .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > innerWidth + 1)
  .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", PAGES)
def test_no_page_type_scrolls_sideways_at_320_px(page, demo_site, kind, language):
    page.set_viewport_size(PHONE)
    page.goto(demo_site.url + page_url(kind, language))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.evaluate(
        OVERFLOW
    )


def header_height(page):
    return page.evaluate("document.querySelector('.site-header').offsetHeight")


def test_the_phone_header_folds_behind_a_menu_button(page, demo_site, assert_accessible):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(demo_site.url + "/")
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    assert header_height(page) < 130  # was about 280 px
    assert not page.get_by_role("link", name="Subventions", exact=True).first.is_visible()
    assert not page.get_by_role("searchbox").is_visible()

    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav = page.get_by_role("navigation", name="Navigation principale")
    assert nav.get_by_role("link", name="Subventions").is_visible()
    assert page.get_by_role("searchbox").is_visible()
    assert page.get_by_role("button", name="Agrandir la taille du texte").is_visible()
    assert_accessible(page)

    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not nav.get_by_role("link", name="Subventions").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    assert page.console_errors == []


def test_on_a_wide_screen_there_is_no_menu_button(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(demo_site.url + "/")
    assert not page.get_by_role("button", name="Menu").is_visible()
    nav = page.get_by_role("navigation", name="Navigation principale")
    assert nav.get_by_role("link", name="Subventions").is_visible()


def test_without_javascript_the_phone_header_shows_everything(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="fr-FR")
    try:
        tab = context.new_page()
        tab.goto(demo_site.url + "/")
        assert not tab.get_by_role("button", name="Menu").is_visible()
        nav = tab.get_by_role("navigation", name="Navigation principale")
        assert nav.get_by_role("link", name="Subventions").is_visible()
        assert tab.get_by_role("searchbox").is_visible()
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_key_figures_read_on_a_phone(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site.url + "/chiffres-cles/")
    # Figures fit their cards.
    overflowing = page.evaluate(
        "Array.from(document.querySelectorAll('.figure__value'))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent)"
    )
    assert overflowing == []
    # Chart labels are drawn at the page's text size, inside their chart.
    labels = page.evaluate(
        """Array.from(document.querySelectorAll('svg.chart text')).map(t => {
             const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
             return {text: t.textContent, height: box.height,
                     inside: box.left >= svg.left - 1 && box.right <= svg.right + 1};
           })"""
    )
    assert labels
    for label in labels:
        assert label["height"] >= 11, label
        assert label["inside"], label
    # Wide tables say they scroll.
    hints = page.locator(".table-scroll__hint")
    assert hints.first.is_visible()
    assert "faites-le défiler" in hints.first.inner_text()


def test_the_subsidy_table_on_a_phone(page, demo_site):
    page.set_viewport_size(PHONE)
    page.goto(demo_site.url + "/subventions/")
    assert page.locator(".table-scroll__hint").is_visible()
    # Dates keep to one line; the sort links are whole.
    lines = page.evaluate(
        "Array.from(document.querySelectorAll('.subsidy-table time'))"
        ".map(t => t.getClientRects().length)"
    )
    assert lines and set(lines) == {1}
    for header in page.locator(".subsidy-table th a").all():
        one_line = (
            "a => a.getBoundingClientRect().height"
            " < 1.5 * parseFloat(getComputedStyle(a).lineHeight)"
        )
        assert header.evaluate(one_line)
        assert header.evaluate("a => a.scrollWidth <= a.parentElement.clientWidth")
    # The table's box scrolls with the keyboard.
    box = page.locator(".table-scroll")
    assert box.get_attribute("tabindex") == "0"
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")


def test_on_a_wide_screen_tables_do_not_say_they_scroll(page, demo_site):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(demo_site.url + "/subventions/")
    assert not page.locator(".table-scroll__hint").is_visible()


def test_after_a_form_error_the_summary_takes_the_focus(page, fresh_demo_site):
    page.goto(fresh_demo_site.url + "/europe/accompagnement/")
    assert page.locator("[role=alert]").count() == 0
    assert page.evaluate("document.activeElement === document.body")
    page.get_by_label("Adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.className")
    assert focused == "error-summary"
    assert page.locator("[role=alert]").count() == 0
    # Its name is its heading: a screen reader announces it with the list of errors.
    summary = page.locator(".error-summary")
    heading = page.locator("#error-summary-title").inner_text()
    assert summary.get_attribute("aria-labelledby") == "error-summary-title"
    assert heading.startswith("Le formulaire contient")
    assert page.console_errors == []


def test_the_subsidy_admin_list_fits_1280_px(page, fresh_demo_site, django_user_model):
    django_user_model.objects.create_superuser("chef", "chef@example.org", "mot-de-passe-long-1")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(fresh_demo_site.url + "/admin/login/?next=/admin/subsidies/subsidy/")
    page.get_by_label("Nom d’utilisateur").fill("chef")
    page.get_by_label("Mot de passe").fill("mot-de-passe-long-1")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/subsidies/subsidy/")
    results = page.locator("#changelist .results")
    assert results.evaluate("r => r.scrollWidth <= r.clientWidth")
    right = results.evaluate("r => r.getBoundingClientRect().right")
    for column in ["amount_display", "zone_and_domain", "is_published"]:
        header = page.locator(f"#result_list th.column-{column}")
        assert header.is_visible(), column
        assert header.evaluate("h => h.getBoundingClientRect().right") <= right + 1, column
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert (
        "Supprimer les subventions sélectionnées"
        in page.locator("select[name=action]").inner_text()
    )
