"""The triggers that keep ``SubsidyTotal`` equal to the sums of the published decisions.

Each decision inserted, changed or deleted adds to or takes from the total of its (year, zone,
domain) in the same statement, so a total is never out of step with the decisions, whatever
wrote them. PostgreSQL runs one trigger per statement over the rows it changed (an import of
100 000 decisions updates each total once); SQLite, the embedded default, one per row.

``differences()`` compares the kept totals with a sum over every decision; ``rebuild()`` makes
them anew (the migration fills them with it; a restore brings the triggers and the totals).
"""

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

TOTALS = "subsidies_subsidytotal"
SUBSIDIES = "subsidies_subsidy"

# The amount a decision grants, as ``models.GRANTED`` computes it.
GRANTED_SQL = "ROUND({row}.amount * {row}.share, 2)"
YEAR_SQL = {
    "postgresql": "EXTRACT(YEAR FROM {row}.convention_date)::integer",
    "sqlite": "CAST(strftime('%Y', {row}.convention_date) AS INTEGER)",
}

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TOTALS}_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE {TOTALS} AS total
        SET count = total.count - gone.count, amount = total.amount - gone.amount
        FROM (
            SELECT {YEAR_SQL["postgresql"].format(row="old_rows")} AS year,
                   COALESCE(old_rows.zone_id, 0) AS zone_key, old_rows.domain,
                   COUNT(*) AS count, SUM({GRANTED_SQL.format(row="old_rows")}) AS amount
            FROM old_rows WHERE old_rows.is_published GROUP BY 1, 2, 3
        ) AS gone
        WHERE total.year = gone.year AND total.zone_key = gone.zone_key
          AND total.domain = gone.domain;
        DELETE FROM {TOTALS} WHERE count = 0;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO {TOTALS} AS total (year, zone_key, zone_id, domain, count, amount)
        SELECT {YEAR_SQL["postgresql"].format(row="new_rows")}, COALESCE(new_rows.zone_id, 0),
               new_rows.zone_id, new_rows.domain,
               COUNT(*), SUM({GRANTED_SQL.format(row="new_rows")})
        FROM new_rows WHERE new_rows.is_published
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (year, zone_key, domain) DO UPDATE
        SET count = total.count + EXCLUDED.count, amount = total.amount + EXCLUDED.amount;
    END IF;
    RETURN NULL;
END
$$
"""

# A trigger with transition tables serves one event only.
POSTGRESQL_TRIGGERS = [
    (
        f"CREATE TRIGGER {TOTALS}_{event.lower()} AFTER {event} ON {SUBSIDIES} "
        f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {TOTALS}_apply()"
    )
    for event, tables in [
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ]
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


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER {TOTALS}_insert AFTER INSERT ON {SUBSIDIES} BEGIN {_sqlite_add('NEW')} END",
    f"CREATE TRIGGER {TOTALS}_update AFTER UPDATE ON {SUBSIDIES} "
    f"BEGIN {_sqlite_take('OLD')} {_sqlite_add('NEW')} END",
    f"CREATE TRIGGER {TOTALS}_delete AFTER DELETE ON {SUBSIDIES} BEGIN {_sqlite_take('OLD')} END",
]


def _refill_sql(vendor):
    return f"""
    INSERT INTO {TOTALS} (year, zone_key, zone_id, domain, count, amount)
    SELECT {YEAR_SQL[vendor].format(row="s")}, COALESCE(s.zone_id, 0), s.zone_id, s.domain,
           COUNT(*), SUM({GRANTED_SQL.format(row="s")})
    FROM {SUBSIDIES} AS s WHERE s.is_published GROUP BY 1, 2, 3, 4"""


def _vendor(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in YEAR_SQL:
        raise NotImplementedError(f"Subsidy totals have no triggers for {vendor}.")
    return vendor


def create_triggers(apps, schema_editor):
    """Migration step: the triggers, then the totals of the decisions already there."""
    vendor = _vendor(schema_editor)
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for statement in POSTGRESQL_TRIGGERS:
            schema_editor.execute(statement)
    else:
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
    rebuild(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    vendor = _vendor(schema_editor)
    for event in ("insert", "update", "delete"):
        on_table = f" ON {SUBSIDIES}" if vendor == "postgresql" else ""
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TOTALS}_{event}{on_table}")
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TOTALS}_apply()")


def rebuild(using=connection):
    """Makes every total anew from the decisions (the subsidies table is locked meanwhile)."""
    with transaction.atomic(using=using.alias), using.cursor() as cursor:
        if using.vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {SUBSIDIES} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TOTALS}")
        cursor.execute(_refill_sql(using.vendor))


def differences(using=connection):
    """The (year, zone id, domain) groups whose kept total differs from the decisions' sum,
    with both values: empty when all is well."""
    from .models import GRANTED_AMOUNT, Subsidy, SubsidyTotal

    kept = {
        (row.year, row.zone_id, row.domain): (row.count, row.amount)
        for row in SubsidyTotal.objects.using(using.alias)
    }
    summed = {
        (row["year"], row["zone_id"], row["domain"]): (row["count"], row["amount"])
        for row in Subsidy.objects.using(using.alias)
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
