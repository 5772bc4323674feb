import os
import tempfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection
from django.utils import translation

from core.content_version import EVERY_ROW_SETTING, TRIGGER
from core.counters import counts


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Fast hashing, a private cache and media folder for every test (mail goes to locmem)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
        },
    }
    # Local-memory caches outlive a test's database: start each test with empty ones.
    for alias in settings.CACHES:
        caches[alias].clear()
    # Views and downloads are written as they are counted (tests/core/test_counters.py
    # tries the batches), and no count is left over from another test.
    settings.COUNTER_FLUSH_SECONDS = 0
    counts.clear()
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    # A count left pending would be written at exit into the real database, whose name
    # pytest-django has put back by then.
    counts.clear()
    # A request under /en/ leaves English active in this thread: the next test starts in French.
    translation.deactivate()


@pytest.fixture(autouse=True)
def _content_version_moves_inside_the_test(request):
    """On PostgreSQL the content version's trigger runs at commit, once per transaction
    (core/content_version.py); a test's transaction never commits, so it runs at once, on every
    row, as each write of a test is a change the next request of the test must see."""
    if not request.node.get_closest_marker("django_db") and "db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    if connection.vendor != "postgresql" or connection.get_autocommit():
        return  # transactional tests commit, as production does
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL {EVERY_ROW_SETTING} = 'on'")
        cursor.execute(f"SET CONSTRAINTS {TRIGGER} IMMEDIATE")


@pytest.fixture
def staff_user_in(django_user_model):
    """Makes a staff user belonging to the named group (created by the data migrations)."""

    def make(group_name, username=None):
        user = django_user_model.objects.create_user(
            username=username or f"staff-{group_name}", password="x", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def compile_catalogues():
    """Compiles each ``locale/*/LC_MESSAGES/django.po`` with Babel, as ``make messages`` does,
    when its ``.mo`` is missing or older: plain ``pytest`` works on a fresh clone too."""
    compiled = False
    for po_path in sorted(Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po:
            catalog = read_po(po, locale=po_path.parent.parent.name)
        with tempfile.NamedTemporaryFile(dir=mo_path.parent, suffix=".mo", delete=False) as mo:
            write_mo(mo, catalog)
        os.chmod(mo.name, 0o644)
        os.replace(mo.name, mo_path)
        compiled = True
    if compiled:  # Django keeps the catalogues it has read: make it read the new ones.
        setting_changed.send(
            sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
        )


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture
def database_queue(settings):
    """Tasks go to the database queue, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def run_worker(database_queue, monkeypatch):
    """``run_worker()`` runs every task of the database queue that is due (``tests/mail_queue``)."""
    from django_tasks_db.management.commands import db_worker

    from tests.mail_queue import run_worker

    # Between two tasks the worker closes connections a request would; inside a test's
    # transaction that would end the test's own.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_worker


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server, running, to which the portal sends (``tests/mail_queue.SMTPServer``)."""
    from tests.mail_queue import SMTPServer

    server = SMTPServer()
    server.start()
    settings.MAILERS = server.mailers
    yield server
    if server.is_running:
        server.stop()
