import itertools
import os
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.test.utils import override_settings
from django.utils import translation

from core.content_version import EVERY_ROW_SETTING, TRIGGER
from core.counters import counts


@pytest.fixture(scope="session", autouse=True)
def _test_run_settings():
    """Fast hashing and a private cache for the whole run, the session's fixtures included
    (mail goes to locmem). Views and downloads are written as they are counted
    (tests/core/test_counters.py tries the batches)."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "limits": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "limits",
            },
        },
        COUNTER_FLUSH_SECONDS=0,
        # Each process re-reads the content version once a second; a slow machine must not
        # make a test see a read it did not expect. Writes through the ORM make it read again
        # at once; the tests of other writes set 0 (read each time).
        CONTENT_VERSION_CHECK_SECONDS=3600,
    ):
        yield


@pytest.fixture(scope="session", autouse=True)
def _flush_twice_on_sqlite():
    """Empties every table twice in the same transaction when SQLite flushes the database
    (pytest-django after a transactional test, the shared demo's unload).

    Flush empties the tables in no set order: a table emptied before another whose triggers
    write into it (the subsidy totals, ``subsidies/totals.py``) gets rows back, whose foreign
    keys then fail at the commit, depending on the process's hash seed. The second pass
    empties what the first one's triggers wrote. PostgreSQL truncates, which fires no trigger.
    """
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        twice = [*sql_list, *sql_list] if self.connection.vendor == "sqlite" else sql_list
        return original(self, twice)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


MEDIA_FOLDERS = itertools.count()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    """Empty caches, no count held and a media folder of its own for every test."""
    # Local-memory caches outlive a test's database: start each test with empty ones.
    for alias in settings.CACHES:
        caches[alias].clear()
    counts.clear()
    # Made by the storage when a file is saved (a tmp_path for each test costs more).
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media" / str(next(MEDIA_FOLDERS))
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


def empty_every_table():
    """``manage.py flush``, whose table order is a set's (it changes with each process's hash
    seed), done twice in one transaction: a trigger may write into a table already emptied (on
    SQLite, deleting a published subsidy after the kept totals adds a negative total, whose
    zone is gone at commit), and the second pass empties it again."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables)
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in statements * 2:
            cursor.execute(statement)


class DemoDatabase:
    """The demo content (``manage.py load_demo``) committed once, for every test asking for it.

    Loading it takes about as long as the rest of such a test. Each of these tests still runs in
    a transaction of its own, rolled back after it (pytest-django), so none sees what another
    wrote. Before a test that does not ask for the demo, the database is put back as it was
    before the load (``unload``): that test gets the database it always had, without the demo.
    The tests asking for the demo run one after the other (``pytest_collection_modifyitems``),
    so it is loaded once per run, whatever the order of the others.
    """

    def __init__(self, blocker, make_folder):
        self.blocker = blocker
        self.make_folder = make_folder
        self.media_root = None
        self.output = None  # what load_demo wrote
        self.without_demo = None  # the database's rows before the load, serialised

    def load(self):
        if self.media_root is not None:
            return
        with self.blocker.unblock():
            self.without_demo = connection.creation.serialize_db_to_string()
            media_root = self.make_folder()
            output = StringIO()
            with override_settings(MEDIA_ROOT=media_root):
                call_command("load_demo", stdout=output)
        self.media_root = media_root
        self.output = output.getvalue()

    def unload(self):
        """Empties the database and restores its rows from before the load, as Django's
        ``serialized_rollback`` does."""
        if self.media_root is None:
            return
        with self.blocker.unblock():
            empty_every_table()
            connection.creation.deserialize_db_from_string(self.without_demo)
        self.media_root = None


DEMO_DATABASE = pytest.StashKey[DemoDatabase]()


@pytest.fixture(scope="session")
def _demo_database(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Loads the demo for the first test asking for it, before that test's transaction starts;
    ``pytest_runtest_setup`` loads and unloads it for the next ones."""
    database = DemoDatabase(django_db_blocker, lambda: tmp_path_factory.mktemp("demo-media"))
    database.load()
    request.config.stash[DEMO_DATABASE] = database
    yield database
    del request.config.stash[DEMO_DATABASE]
    database.unload()


@pytest.fixture
def demo(_demo_database, db, settings):
    """The demo content, shared by the tests asking for it (see ``DemoDatabase``): read it, or
    change it within the test's transaction. Its files are in the test's ``MEDIA_ROOT``; what
    ``load_demo`` wrote is in ``demo.output``."""
    if not connection.in_atomic_block:
        raise pytest.UsageError(
            "the shared demo is for tests in a transaction: a transactional test would empty "
            "the database after it (call load_demo in the test instead)"
        )
    settings.MEDIA_ROOT = _demo_database.media_root
    return _demo_database


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests sharing the demo first, one after the other: it is loaded once (pytest-django
    then puts the transactional tests and those without the database after them)."""
    items.sort(key=lambda item: "demo" not in getattr(item, "fixturenames", ()))


ROWS_AFTER_MIGRATE = pytest.StashKey[tuple]()
EMPTIED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database, and a copy of the rows its migrations wrote (staff groups,
    legal pages…) to put back after a transactional test emptied it (``pytest_runtest_setup``)."""
    with django_db_blocker.unblock():
        rows = connection.creation.serialize_db_to_string()
    request.config.stash[ROWS_AFTER_MIGRATE] = (django_db_blocker, rows)
    yield
    del request.config.stash[ROWS_AFTER_MIGRATE]


def empties_the_database(item):
    """Whether pytest-django empties the database after ``item`` (a transactional test)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get(
        "transaction", marker.args[0] if marker.args else False
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


def restore_rows_after_migrate(config):
    """After a transactional test, the database holds nothing the migrations wrote. Run alone,
    pytest-django puts the transactional tests last, so no other test ever sees that; run in
    parallel (``pytest -n``), a worker may run another test after one: the rows are put back
    before it, as Django's ``serialized_rollback`` does."""
    if not config.stash.get(EMPTIED, False) or ROWS_AFTER_MIGRATE not in config.stash:
        return
    blocker, rows = config.stash[ROWS_AFTER_MIGRATE]
    with blocker.unblock():
        call_command(
            "flush",
            interactive=False,
            verbosity=0,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        connection.creation.deserialize_db_from_string(rows)
    config.stash[EMPTIED] = False


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures (its transaction): the rows of the migrations there, and the demo
    loaded if it asks for it, else not."""
    if empties_the_database(item):
        item.config.stash[EMPTIED] = True
    else:
        restore_rows_after_migrate(item.config)
    database = item.config.stash.get(DEMO_DATABASE, None)
    if database is not None:
        if "demo" in getattr(item, "fixturenames", ()):
            database.load()
        else:
            database.unload()


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


@pytest.fixture
def codelists(db):
    """The official code lists (SDG goals and targets, DAC purposes), loaded from the files
    vendored in cooperation/data/codelists/ as ``refresh_codelists`` loads them."""
    from cooperation.codelists import refresh_codelists

    refresh_codelists()
