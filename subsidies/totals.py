"""The triggers that keep ``SubsidyTotal`` equal to the sums of the published decisions.

Each decision inserted, changed or deleted adds to or takes from the total of its (year, zone,
domain) in the same statement, so a total is never out of step with the decisions, whatever
wrote them. PostgreSQL runs one trigger per statement over the rows it changed: the net change
of each group is applied at once, groups in key order (so that two writers wait for each other
rather than deadlock), and a change that moves no total (a corrected object) locks none.
``TRUNCATE`` empties the totals too. SQLite, the embedded default, runs one trigger per row.

``install()`` (re)creates the triggers in their current version: migration 0006 calls it, and so
does every ``migrate`` (``apps.py``), which also puts back triggers SQLite lost when a later
migration rebuilt the subsidies table, then makes the totals anew. ``differences()`` compares
the kept totals with a sum over every decision; ``rebuild()`` makes them anew.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

TOTALS = "subsidies_subsidytotal"
SUBSIDIES = "subsidies_subsidy"
TRIGGERS = [f"{TOTALS}_{event}" for event in ("insert", "update", "delete")]

# The amount a decision grants, as ``models.GRANTED`` computes it.
GRANTED_SQL = "ROUND({row}.amount * {row}.share, 2)"
YEAR_SQL = {
    "postgresql": "EXTRACT(YEAR FROM {row}.convention_date)::integer",
    "sqlite": "CAST(strftime('%Y', {row}.convention_date) AS INTEGER)",
}


def _postgresql_apply(*sources):
    """Adds the published rows of ``sources`` ((transition table, +1 or -1), …) to the totals."""
    rows = " UNION ALL ".join(
        f"SELECT {YEAR_SQL['postgresql'].format(row='r')} AS year, "
        f"COALESCE(r.zone_id, 0) AS zone_key, r.zone_id, r.domain, "
        f"{sign} AS count, {sign} * {GRANTED_SQL.format(row='r')} AS amount "
        f"FROM {table} AS r WHERE r.is_published"
        for table, sign in sources
    )
    return f"""
        WITH change AS (
            SELECT year, zone_key, zone_id, domain, SUM(count) AS count, SUM(amount) AS amount
            FROM ({rows}) AS rows
            GROUP BY year, zone_key, zone_id, domain
            HAVING SUM(count) <> 0 OR SUM(amount) <> 0
        ), applied AS (
            INSERT INTO {TOTALS} AS total (year, zone_key, zone_id, domain, count, amount)
            SELECT year, zone_key, zone_id, domain, count, amount FROM change
            ORDER BY year, zone_key, domain
            ON CONFLICT (year, zone_key, domain) DO UPDATE
            SET count = total.count + EXCLUDED.count, amount = total.amount + EXCLUDED.amount
            RETURNING total.id, total.count
        )
        SELECT array_agg(id) INTO emptied FROM applied WHERE count = 0;
        IF emptied IS NOT NULL THEN
            DELETE FROM {TOTALS} WHERE id = ANY(emptied);
        END IF;"""


POSTGRESQL_FUNCTIONS = [
    f"""
CREATE OR REPLACE FUNCTION {TOTALS}_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN {_postgresql_apply(("new_rows", 1))}
    ELSIF TG_OP = 'DELETE' THEN {_postgresql_apply(("old_rows", -1))}
    ELSE {_postgresql_apply(("new_rows", 1), ("old_rows", -1))}
    END IF;
    RETURN NULL;
END
$$""",
    f"""
CREATE OR REPLACE FUNCTION {TOTALS}_empty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TOTALS};
    RETURN NULL;
END
$$""",
]

# A trigger with transition tables serves one event only.
POSTGRESQL_TRIGGERS = [
    *(
        f"CREATE OR REPLACE TRIGGER {TOTALS}_{event.lower()} AFTER {event} ON {SUBSIDIES} "
        f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {TOTALS}_apply()"
        for event, tables in [
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ]
    ),
    f"CREATE OR REPLACE TRIGGER {TOTALS}_truncate AFTER TRUNCATE ON {SUBSIDIES} "
    f"FOR EACH STATEMENT EXECUTE FUNCTION {TOTALS}_empty()",
]


def _sqlite_take(row):
    return f"""
    UPDATE {TOTALS}
    SET count = count - 1, amount = amount - {GRANTED_SQL.format(row=row)}
    WHERE {row}.is_published AND year = {YEAR_SQL["sqlite"].format(row=row)}
      AND zone_key = IFNULL({row}.zone_id, 0) AND domain = {row}.domain;
    DELETE FROM {TOTALS} WHERE count = 0;"""


def _sqlite_add(row):
    # ``WHERE`` before ``ON CONFLICT`` is also what SQLite's grammar needs there.
    return f"""
    INSERT INTO {TOTALS} (year, zone_key, zone_id, domain, count, amount)
    SELECT {YEAR_SQL["sqlite"].format(row=row)}, IFNULL({row}.zone_id, 0), {row}.zone_id,
           {row}.domain, 1, {GRANTED_SQL.format(row=row)}
    WHERE {row}.is_published
    ON CONFLICT (year, zone_key, domain) DO UPDATE
    SET count = count + 1, amount = amount + excluded.amount;"""


SQLITE_TRIGGERS = {
    f"{TOTALS}_insert": f"AFTER INSERT ON {SUBSIDIES} BEGIN {_sqlite_add('NEW')} END",
    f"{TOTALS}_update": (
        f"AFTER UPDATE ON {SUBSIDIES} BEGIN {_sqlite_take('OLD')} {_sqlite_add('NEW')} END"
    ),
    f"{TOTALS}_delete": f"AFTER DELETE ON {SUBSIDIES} BEGIN {_sqlite_take('OLD')} END",
}


def _vendor(connection):
    if connection.vendor not in YEAR_SQL:
        raise NotImplementedError(f"Subsidy totals have no triggers for {connection.vendor}.")
    return connection.vendor


def installed_triggers(using=DEFAULT_DB_ALIAS):
    connection = connections[using]
    with connection.cursor() as cursor:
        if _vendor(connection) == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [SUBSIDIES],
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [SUBSIDIES],
            )
        return {name for (name,) in cursor.fetchall()} & {*TRIGGERS, f"{TOTALS}_truncate"}


def install(using=DEFAULT_DB_ALIAS):
    """(Re)creates the triggers in their current version; makes the totals anew if one was
    missing. Returns whether it did."""
    connection = connections[using]
    missing = set(TRIGGERS) - installed_triggers(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if _vendor(connection) == "postgresql":
            for statement in [*POSTGRESQL_FUNCTIONS, *POSTGRESQL_TRIGGERS]:
                cursor.execute(statement)
        else:
            for name, definition in SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"CREATE TRIGGER {name} {definition}")
        if missing:
            rebuild(using)
    return bool(missing)


def rebuild(using=DEFAULT_DB_ALIAS):
    """Makes every total anew from the decisions (the subsidies table is locked meanwhile)."""
    connection = connections[using]
    vendor = _vendor(connection)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {SUBSIDIES} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TOTALS}")
        cursor.execute(
            f"""
            INSERT INTO {TOTALS} (year, zone_key, zone_id, domain, count, amount)
            SELECT {YEAR_SQL[vendor].format(row="s")}, COALESCE(s.zone_id, 0), s.zone_id,
                   s.domain, COUNT(*), SUM({GRANTED_SQL.format(row="s")})
            FROM {SUBSIDIES} AS s WHERE s.is_published GROUP BY 1, 2, 3, 4"""
        )


def differences(using=DEFAULT_DB_ALIAS):
    """The (year, zone id, domain) groups whose kept total differs from the decisions' sum,
    with both values: empty when all is well. Both are read from one snapshot, so writes
    going on meanwhile cannot make a difference appear."""
    from .models import GRANTED_AMOUNT, Subsidy, SubsidyTotal

    connection = connections[using]
    starts_transaction = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if starts_transaction and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        kept = {
            (row.year, row.zone_id, row.domain): (row.count, row.amount)
            for row in SubsidyTotal.objects.using(using)
        }
        summed = {
            (row["year"], row["zone_id"], row["domain"]): (row["count"], row["amount"])
            for row in Subsidy.objects.using(using)
            .filter(is_published=True)
            .order_by()
            .annotate(year=ExtractYear("convention_date"))
            .values("year", "zone_id", "domain")
            .annotate(count=Count("pk"), amount=GRANTED_AMOUNT)
        }
    return {
        group: {"kept": kept.get(group), "summed": summed.get(group)}
        for group in kept.keys() | summed.keys()
        if kept.get(group) != summed.get(group)
    }
