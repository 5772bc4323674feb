"""The database moves the content version on every write to the public content, whatever path
the write takes (core/content_version.py); counters and private records leave it alone."""

import pytest
from django.apps import apps
from django.db import connection

from core.content_version import TRIGGER, content_version, install_triggers
from core.counters import count
from core.registry import content_models
from cresi.models import Resource
from tests.cresi.factories import ResourceFactory, ThemeFactory
from tests.factories import ActionFactory, PartnerFactory, ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _read_the_version_each_time(settings):
    """Each read goes to the database: what the trigger wrote, not what a process remembers."""
    settings.CONTENT_VERSION_CHECK_SECONDS = 0


def installed_trigger_tables():
    """The tables that carry the content version's trigger, as the database says."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE tgname = %s",
                [TRIGGER],
            )
            return {name.strip('"') for (name,) in cursor.fetchall()}
        cursor.execute(
            "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{TRIGGER}_%"],
        )
        return {name for (name,) in cursor.fetchall()}


def execute(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_every_content_table_has_the_trigger_and_no_private_one():
    tables = installed_trigger_tables()
    content_tables = {model._meta.db_table for model in content_models()}
    assert content_tables <= tables
    assert "cooperation_action_partners" in content_tables  # many-to-many tables count
    private = {
        apps.get_model("europe", "SupportRequest")._meta.db_table,
        apps.get_model("core", "ContentVersion")._meta.db_table,
    }
    assert not private & tables
    assert not {"auth_user", "django_session", "axes_accessattempt"} & tables


def test_a_queryset_update_moves_the_version():
    zone = ZoneFactory()
    before = content_version()
    type(zone).objects.filter(pk=zone.pk).update(is_published=False)
    assert content_version() > before


def test_a_raw_sql_write_moves_the_version():
    zone = ZoneFactory()
    for sql in [
        "UPDATE cooperation_zone SET name = 'Mali' WHERE id = %s",
        "DELETE FROM cooperation_zone WHERE id = %s",
    ]:
        before = content_version()
        execute(sql, [zone.pk])
        assert content_version() > before, sql


def test_bulk_create_and_many_to_many_writes_move_the_version():
    zone = ZoneFactory()
    before = content_version()
    copy = ZoneFactory.build(latitude=zone.latitude, longitude=zone.longitude)
    type(zone).objects.bulk_create([copy])
    assert content_version() > before

    action, partner = ActionFactory(zone=zone), PartnerFactory(zone=zone)
    before = content_version()
    execute(
        "INSERT INTO cooperation_action_partners (action_id, partner_id) VALUES (%s, %s)",
        [action.pk, partner.pk],
    )
    assert content_version() > before


def test_counting_views_and_downloads_leaves_the_version_alone():
    zone = ZoneFactory()
    resource = ResourceFactory(themes=[ThemeFactory()])
    before = content_version()
    count(zone, "view_count")
    count(resource, "download_count")
    execute("UPDATE cresi_resource SET download_count = download_count + 1")
    assert content_version() == before
    resource.refresh_from_db()
    assert resource.download_count == 2
    assert Resource.counter_fields == ("download_count",)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_truncate_moves_the_version():
    ZoneFactory()
    before = content_version()
    execute("TRUNCATE cooperation_zone CASCADE")
    assert content_version() > before


def test_installing_again_changes_nothing_and_puts_back_a_dropped_trigger():
    table = "cooperation_zone"
    if connection.vendor == "postgresql":
        execute(f"DROP TRIGGER content_changed ON {table}")
    else:
        for event in ("insert", "update", "delete"):
            execute(f'DROP TRIGGER "content_changed_{table}_{event}"')
    assert table not in installed_trigger_tables()
    install_triggers()
    install_triggers()
    assert table in installed_trigger_tables()
    if connection.vendor == "postgresql":  # new triggers: immediate in this test too (conftest)
        execute("SET CONSTRAINTS content_changed IMMEDIATE")
    before = content_version()
    ZoneFactory()
    assert content_version() == before + 1


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_transaction_moves_it_once_at_commit_and_locks_nothing_before():
    """A long import neither writes the row per record nor holds up other writers."""
    if connection.vendor != "postgresql":
        pytest.skip("deferred triggers are PostgreSQL's")
    from django.db import connections, transaction

    ZoneFactory()
    before = content_version()
    other = connections.create_connection("default")
    try:
        with transaction.atomic():
            ZoneFactory.create_batch(3)
            assert content_version() == before  # not before the commit
            with other.cursor() as cursor:  # another writer is not held up
                cursor.execute("SET lock_timeout = '2s'")
                cursor.execute("UPDATE cooperation_zone SET name = name")
        assert content_version() == before + 2  # ours, once, and the other's
    finally:
        other.close()
