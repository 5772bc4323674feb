"""Photos, news and the agenda in a real browser: accessible (axe), pictures in WebP loaded
lazily below the fold, and a home page light on a first visit."""

import pytest

pytestmark = pytest.mark.browser

#: The budget of the home page on a first visit, every photo loaded (README, « Pages légères »).
HOME_BUDGET = 300 * 1024


@pytest.mark.parametrize(
    "path",
    [
        "/actualites/",
        "/actualites/mali-relation-privilegiee/",
        "/agenda/",
        "/agenda/?type=formation",
        "/en/agenda/",
        "/en/actualites/",
        "/cooperation/urgences/",
        "/europe/projets/climate/",
    ],
)
def test_news_agenda_and_photo_pages_have_no_axe_violation(
    page, demo_site, assert_accessible, path
):
    assert page.goto(demo_site.url + path).status == 200
    assert_accessible(page)
    assert page.console_errors == []


def first_visit(browser, url, viewport):
    """Loads ``url`` in a new context (empty cache), scrolls down to the bottom so that every
    lazy image loads, and returns ``{url: (content type, bytes on the wire)}``."""
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    tab = context.new_page()
    finished = []
    tab.on("requestfinished", lambda request: finished.append(request))
    tab.goto(url, wait_until="networkidle")
    height = tab.evaluate("document.body.scrollHeight")
    for top in range(0, height, viewport["height"] // 2):
        tab.evaluate(f"window.scrollTo(0, {top})")
        tab.wait_for_timeout(50)
    tab.wait_for_load_state("networkidle")
    tab.wait_for_timeout(300)
    transfers = {}
    for request in finished:
        sizes = request.sizes()
        response = request.response()
        transfers[request.url] = (
            response.headers.get("content-type", "") if response else "",
            sizes["responseBodySize"] + sizes["responseHeadersSize"],
        )
    images = tab.evaluate(
        "[...document.images].map(i => ({src: i.currentSrc, lazy: i.loading, top: "
        "i.getBoundingClientRect().top + window.scrollY}))"
    )
    context.close()
    return transfers, images


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 700}]
)
def test_the_home_page_stays_under_its_budget_on_a_first_visit(browser, demo_site, viewport):
    transfers, images = first_visit(browser, demo_site.url + "/", viewport)
    total = sum(size for _type, size in transfers.values())
    pictures = [url for url, (kind, _size) in transfers.items() if "/photos/" in url]
    print(f"home page, {viewport['width']} px: {len(transfers)} files, {total / 1024:.0f} KiB")
    # The home photo and the three latest news' photos, in WebP (Chromium reads it).
    assert len(pictures) >= 2
    assert all(transfers[url][0] == "image/webp" for url in pictures)
    assert total < HOME_BUDGET, f"{total} bytes"
    # The photo at the top loads at once; those further down only when scrolled near.
    assert images[0]["lazy"] != "lazy" and all(image["lazy"] == "lazy" for image in images[1:])


def test_a_phone_gets_the_smallest_rendition(browser, demo_site):
    transfers, _images = first_visit(browser, demo_site.url + "/", {"width": 375, "height": 700})
    pictures = [url for url in transfers if "/photos/" in url]
    assert pictures and all(url.endswith("/480.webp") for url in pictures)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/actualites/",
        "/actualites/mali-relation-privilegiee/",
        "/agenda/",
        "/cooperation/urgences/",
    ],
)
def test_photos_news_and_agenda_fit_a_phone(page, demo_site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(demo_site.url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
