import pytest

pytestmark = pytest.mark.browser


def font_size(page):
    return page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")


def test_text_size_controls_enlarge_and_persist_without_cookies(page, demo_site):
    page.goto(demo_site.url + "/")
    base = font_size(page)
    page.get_by_role("button", name="Agrandir la taille du texte").click()
    page.get_by_role("button", name="Agrandir la taille du texte").click()
    enlarged = font_size(page)
    assert enlarged > base

    page.goto(demo_site.url + "/cooperation/mali/")
    assert font_size(page) == enlarged
    assert page.context.cookies() == []

    page.get_by_role("button", name="Diminuer la taille du texte").click()
    assert base < font_size(page) < enlarged
    assert page.console_errors == []


def test_language_switcher_keeps_the_page(page, demo_site):
    page.goto(demo_site.url + "/cooperation/mali/")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url == demo_site.url + "/en/cooperation/mali/"
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Français").click()
    page.wait_for_load_state()
    assert page.url == demo_site.url + "/cooperation/mali/"


def test_no_content_security_policy_violation(page, demo_site):
    violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    for path in ["/", "/cooperation/", "/cooperation/mali/", "/cooperation/actions/"]:
        page.goto(demo_site.url + path)
    assert violations == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cooperation/mali/",
        "/cooperation/actions/",
        "/subventions/",
        "/en/subventions/",
        "/chiffres-cles/",
        "/recherche/?q=eau",
        "/cresi/",
    ],
)
def test_no_page_scrolls_sideways_on_a_phone(page, demo_site, path):
    """Wide tables scroll inside their own box; the page itself never does."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo_site.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
