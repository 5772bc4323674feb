"""Real headless Chromium (Debian's ``chromium``) driven by Playwright against a live server.

Playwright's sync API runs an event loop in the test thread, so Django's async-safety check is
relaxed for these tests only. Where no Chromium is installed the tests are skipped, except when
``REQUIRE_BROWSER`` is set (as ``.ci/run`` does), where they fail.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium_path():
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not executable:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER is set but no chromium executable was found")
        pytest.skip("no chromium executable (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and page.console_errors.append(message.text),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, live_server):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    return live_server


@pytest.fixture
def assert_accessible():
    """Runs axe-core (bundled by axe-playwright-python) on the page; fails on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
