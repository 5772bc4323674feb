import pytest

from cooperation.models import Zone

pytestmark = pytest.mark.browser

MAX_TABS = 80


@pytest.mark.parametrize("path", ["/", "/cooperation/"])
def test_map_is_drawn_with_its_list_and_passes_axe(page, demo_site, assert_accessible, path):
    assert page.goto(demo_site.url + path).status == 200
    svg = page.locator("svg.zone-map__svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 500 and box["height"] > 200
    zones = list(Zone.objects.published())
    assert zones
    assert page.locator("a.zone-map__zone").count() == len(zones)
    legend = page.get_by_role("list", name="Les zones partenaires sur la carte :")
    for zone in zones:
        assert legend.get_by_role("link", name=zone.name, exact=True).is_visible()
    assert page.get_by_text("Essonne", exact=True).is_visible()
    assert_accessible(page)
    assert page.console_errors == []


def test_map_scales_down_on_a_phone(page, demo_site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(demo_site.url + "/cooperation/")
    width = page.locator("svg.zone-map__svg").bounding_box()["width"]
    assert 300 < width <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_tab_reaches_a_zone_on_the_map_and_enter_follows_it(page, demo_site):
    page.goto(demo_site.url + "/")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.zone-map__zone')"):
            break
    else:
        pytest.fail("Tab never reached a zone on the map")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    zone = Zone.objects.get(slug=href.strip("/").rsplit("/", 1)[-1])
    page.keyboard.press("Enter")
    page.wait_for_url(demo_site.url + href)
    assert page.get_by_role("heading", level=1).inner_text() == zone.name
    assert page.console_errors == []
