"""The *content version*: a number that changes with every write to the public content.

Every cached page and figure has the version in its key (``cache.py``), so a new version makes
them all stale at once, in every process and on every server.

The database moves it, not the code: every table of a content model (every model of a
:class:`~core.registry.PortalAppConfig` but its ``private_models``, many-to-many tables included)
carries a trigger that bumps the single :class:`~core.models.ContentVersion` row in the same
transaction as the write, whatever made it: the admin, a service, ``QuerySet.update()``,
``bulk_create()``, raw SQL or another program. Columns named in a model's ``counter_fields``
(views, downloads, written in batches by ``counters.py``) are left out, so counting never empties
the cache. The triggers are dropped before every ``migrate`` and put back, in their current
version, after it (:func:`install_triggers`), which also moves the version once: a new app or
model gets its triggers without a line here, and migrations run without them.

On PostgreSQL the trigger is deferred to the commit and bumps once per transaction: a bulk
import of thousands of rows costs one write to the row, and the row is locked only while
committing, so a long import holds up no registration and two writers cannot deadlock on it.
SQLite, which has neither, bumps once per row written. The tests, whose transactions never
commit, make the trigger immediate and bump on every row (``tests/conftest.py``).

Each process keeps the number it last read for ``CONTENT_VERSION_CHECK_SECONDS`` (1 s), so a
cached page costs no query; a write through the ORM forgets it as soon as it commits, so the
writer's next page is fresh at once. Any other write shows within that second.
"""

from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import ContentVersion
from .registry import content_models

CACHE_KEY = "content-version:local"
TABLE = ContentVersion._meta.db_table
FUNCTION = "core_content_changed"
TRIGGER = "content_changed"
# Set to 'on' for a session (the tests') to bump on every row, not once per transaction.
EVERY_ROW_SETTING = "core.content_changed_every_row"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'ROW' AND current_setting('core.content_changed', true) = 'yes' THEN
        RETURN NULL;  -- this transaction has bumped it already
    END IF;
    IF current_setting('{EVERY_ROW_SETTING}', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('core.content_changed', 'yes', true);  -- true: until the commit
    END IF;
    INSERT INTO {TABLE} (id, version, changed_at) VALUES (1, 2, now())
    ON CONFLICT (id) DO UPDATE SET version = {TABLE}.version + 1, changed_at = now();
    RETURN NULL;
END;
$$;
"""


def content_version():
    """The current version, read from the database at most once per check interval."""
    version = cache.get(CACHE_KEY)
    if version is None:
        version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
        cache.set(CACHE_KEY, version, settings.CONTENT_VERSION_CHECK_SECONDS)
    return version


def forget_content_version(**kwargs):
    """Makes this process (and every process sharing the cache) read the version again once
    the current transaction commits."""
    forget = partial(cache.delete, CACHE_KEY)
    forget()
    transaction.on_commit(forget)


def connect_forget_signals():
    """A write through the ORM shows at once; the triggers alone would take up to a second."""
    for model in content_models():
        uid = f"content-version:{model._meta.label}"
        if model._meta.auto_created:
            m2m_changed.connect(forget_content_version, sender=model, dispatch_uid=uid)
        else:
            post_save.connect(forget_content_version, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(forget_content_version, sender=model, dispatch_uid=f"{uid}:del")


def watched_columns(model):
    """The model's columns whose change is a change of content: all but its counters."""
    counters = set(getattr(model, "counter_fields", ()))
    return [
        field.column
        for field in model._meta.local_concrete_fields
        if field.name not in counters and not field.primary_key
    ]


def _postgresql_statements(model):
    table = model._meta.db_table
    columns = ", ".join(f'"{column}"' for column in watched_columns(model))
    update = f" OR UPDATE OF {columns}" if columns else ""
    return [
        f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"',
        f'DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON "{table}"',
        f'CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR DELETE{update} ON "{table}" '
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
        f'CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON "{table}" '
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
    ]


def _sqlite_statements(model):
    table = model._meta.db_table
    bump = f"UPDATE {TABLE} SET version = version + 1 WHERE id = 1;"
    columns = ", ".join(f'"{column}"' for column in watched_columns(model))
    events = {"insert": "INSERT", "delete": "DELETE"}
    if columns:
        events["update"] = f"UPDATE OF {columns}"
    statements = []
    for name, event in events.items():
        trigger = f'"{TRIGGER}_{table}_{name}"'
        statements.append(f"DROP TRIGGER IF EXISTS {trigger}")
        statements.append(
            f'CREATE TRIGGER {trigger} AFTER {event} ON "{table}" FOR EACH ROW BEGIN {bump} END'
        )
    return statements


def drop_triggers(using="default"):
    """Drops every content table's trigger (before ``migrate``: a migration that writes rows
    and then alters their table would otherwise find PostgreSQL's deferred trigger events
    pending and fail)."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE tgname IN (%s, %s)",
                [TRIGGER, f"{TRIGGER}_truncate"],
            )
            statements = [f"DROP TRIGGER {name} ON {table}" for table, name in cursor.fetchall()]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TRIGGER}_%"],
            )
            statements = [f'DROP TRIGGER "{name}"' for (name,) in cursor.fetchall()]
        for statement in statements:
            cursor.execute(statement)


def install_triggers(using="default", models=None):
    """Puts every content table's trigger in its current version (idempotent)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if TABLE not in tables:
        return
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        return
    statements = [POSTGRESQL_FUNCTION] if vendor == "postgresql" else []
    build = _postgresql_statements if vendor == "postgresql" else _sqlite_statements
    for model in models if models is not None else content_models():
        if model._meta.db_table in tables:
            statements.extend(build(model))
    with transaction.atomic(using=using), connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    ContentVersion.objects.using(using).get_or_create(pk=1)
