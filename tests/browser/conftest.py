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


@pytest.fixture(scope="module")
def tab(browser):
    """One browser tab for a module's tests: opening a tab costs more than most of them."""
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: message.type == "error" and tab.console_errors.append(message.text),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def page(tab):
    """The module's tab, starting as a new one would: no console error, the default window size.

    The listeners the test adds are removed after it, and so are the cookies and the stored data
    of the site it visited: the next test finds none of them.
    """
    viewport = tab.viewport_size
    tab.console_errors = []
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(tab).on(tab, event, handler)

    tab.on = on
    yield tab
    del tab.on
    for event, handler in added:
        tab.remove_listener(event, handler)
    if tab.url.startswith("http"):
        tab.evaluate("localStorage.clear(); sessionStorage.clear()")
    tab.context.clear_cookies()
    if tab.viewport_size != viewport:
        tab.set_viewport_size(viewport)
    tab.goto("about:blank")


@pytest.fixture(scope="session")
def demo_server(django_db_setup):
    """A live server for the tests reading the shared demo. pytest-django's ``live_server``
    would make each of them transactional: the database emptied after it, the demo reloaded."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def demo_site(demo, demo_server, settings):
    """The shared demo content (tests/conftest.py) served live, for tests that only read it.

    On PostgreSQL the server has a connection of its own: it sees the committed demo, not the
    test's transaction, and what it wrote would stay for the next tests. Views are therefore
    counted in memory only (forgotten after each test). A test that changes anything, through
    the browser or not, uses ``fresh_demo_site``.
    """
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.COUNTER_FLUSH_SECONDS = 3600
    return demo_server


@pytest.fixture
def fresh_demo_site(transactional_db, live_server):
    """The demo content loaded and committed for this test alone, which may change it: the
    database is emptied after the test."""
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
