"""The triggers that keep what the decisions grant, and ``SubsidyTotal``, equal to the decisions.

Two things are kept by the database itself, in the same statement as any write to the
decisions, whatever wrote them (admin, import, ``QuerySet.update()``, SQL):

- each decision's ``granted_amount``, its part of the decision's amount split to the cent
  (``models.split_to_the_cent``): a decision whose amount, share, reference, date or object
  changes, or a part of it inserted or deleted, has every part of it (same reference, date,
  object and amount) computed again, in integers (cents × ten-thousandths of a share);
- the totals: each decision inserted, changed or deleted adds to or takes from the total of its
  (year, zone, domain), so a total is never out of step with the decisions.

PostgreSQL runs one trigger per statement over the rows it changed: the net change of each group
is applied at once, groups in key order (so that two writers wait for each other rather than
deadlock), and a change that moves no total (a corrected object) locks none. ``TRUNCATE``
empties the totals too. SQLite, the embedded default, runs one trigger per row. The split
updates the parts it corrects, and the totals' triggers count that update as any other: the
order the triggers run in does not matter, since a total is dropped only once its count and
amount are both zero.

``install()`` (re)creates the triggers in their current version: every ``migrate`` calls it
(``apps.py``), which also puts back triggers SQLite lost when a later migration rebuilt the
subsidies table, then computes every granted amount and makes the totals anew.
``differences()`` compares the kept totals with a sum over every decision and
``split_differences()`` the granted amounts with the split; ``rebuild()`` makes both anew.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear

TOTALS = "subsidies_subsidytotal"
SUBSIDIES = "subsidies_subsidy"
SPLIT = f"{SUBSIDIES}_split"
EVENTS = ("insert", "update", "delete")
TOTAL_TRIGGERS = [f"{TOTALS}_{event}" for event in EVENTS]
SPLIT_TRIGGERS = [f"{SPLIT}_{event}" for event in EVENTS]
TRIGGERS = [*SPLIT_TRIGGERS, *TOTAL_TRIGGERS]

# The amount a decision grants, kept by the split (``models.GRANTED``).
GRANTED_SQL = "{row}.granted_amount"
INTEGER = {"postgresql": "bigint", "sqlite": "INTEGER"}
SHARE_SCALE = 10_000  # shares have four decimals (models.SHARE_PLACES)
DECISION_KEY = ("reference", "convention_date", "object", "amount")
# A total is dropped once it counts no decision and holds no cent (SQLite adds floats: a total
# emptied may keep a residue far below the cent).
EMPTY_AMOUNT = "ABS(amount) < 0.005"
YEAR_SQL = {
    "postgresql": "EXTRACT(YEAR FROM {row}.convention_date)::integer",
    "sqlite": "CAST(strftime('%Y', {row}.convention_date) AS INTEGER)",
}


def granted_sql(vendor, condition):
    """The SELECT of ``id`` and ``granted_cents`` of each part of the decisions ``condition``
    selects (``s`` is a decision): ``models.split_to_the_cent``, in integers."""
    integer = INTEGER[vendor]
    cents = f"CAST(ROUND(s.amount * 100) AS {integer})"
    units = f"CAST(ROUND(s.share * {SHARE_SCALE}) AS {integer})"
    product = f"({cents} * {units})"
    return f"""
        SELECT id,
               product / {SHARE_SCALE}
               + CASE WHEN part_rank <= (cents * decision_units + {SHARE_SCALE // 2})
                                        / {SHARE_SCALE} - decision_floor
                 THEN 1 ELSE 0 END AS granted_cents
        FROM (
            SELECT s.id, {cents} AS cents, {product} AS product,
                   SUM({units}) OVER decision AS decision_units,
                   SUM({product} / {SHARE_SCALE}) OVER decision AS decision_floor,
                   ROW_NUMBER() OVER (decision ORDER BY {product} % {SHARE_SCALE} DESC, s.id)
                       AS part_rank
            FROM {SUBSIDIES} AS s
            WHERE {condition}
            WINDOW decision AS (PARTITION BY {", ".join(f"s.{key}" for key in DECISION_KEY)})
        ) AS parts"""


def split_sql(vendor, condition):
    """The UPDATE that gives each part of the decisions ``condition`` selects its granted
    amount, where it differs."""
    return f"""
    UPDATE {SUBSIDIES} SET granted_amount = p.granted_cents / 100.0
    FROM ({granted_sql(vendor, condition)}) AS p
    WHERE {SUBSIDIES}.id = p.id AND {SUBSIDIES}.granted_amount <> p.granted_cents / 100.0"""


def _decisions_of(*selects):
    """The condition on ``s`` for the decisions whose key one of ``selects`` gives."""
    key = ", ".join(f"s.{name}" for name in DECISION_KEY)
    return f"({key}) IN ({' UNION '.join(selects)})"


def _keys(table):
    return f"SELECT {', '.join(f'r.{name}' for name in DECISION_KEY)} FROM {table} AS r"


# What an update must change for the split to run again: a decision's key, a share, or a granted
# amount written by something else than the split itself (a stale value saved back).
SPLIT_COLUMNS = (*DECISION_KEY, "share", "granted_amount")


def _moved_keys(alias):
    """The keys (``n``: new, ``o``: old) of the rows an update changed a split column of."""
    columns = SPLIT_COLUMNS
    return (
        f"SELECT {', '.join(f'{alias}.{name}' for name in DECISION_KEY)} "
        "FROM new_rows AS n JOIN old_rows AS o ON o.id = n.id "
        f"WHERE ({', '.join(f'n.{name}' for name in columns)}) "
        f"IS DISTINCT FROM ({', '.join(f'o.{name}' for name in columns)})"
    )


POSTGRESQL_SPLIT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SPLIT}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Its own update of the parts, one level down, has nothing more to split.
    IF pg_trigger_depth() > 1 THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN {split_sql("postgresql", _decisions_of(_keys("new_rows")))};
    ELSIF TG_OP = 'DELETE' THEN {split_sql("postgresql", _decisions_of(_keys("old_rows")))};
    ELSE {split_sql("postgresql", _decisions_of(_moved_keys("n"), _moved_keys("o")))};
    END IF;
    RETURN NULL;
END
$$"""


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
            RETURNING total.id, total.count, total.amount
        )
        SELECT array_agg(id) INTO emptied FROM applied WHERE count = 0 AND {EMPTY_AMOUNT};
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
        f"CREATE OR REPLACE TRIGGER {SPLIT}_{event.lower()} AFTER {event} ON {SUBSIDIES} "
        f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {SPLIT}()"
        for event, tables in [
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ]
    ),
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


def _sqlite_apply(row, sign):
    """Adds (``sign`` 1) or takes away (-1) the published decision ``row`` to its total.

    Taking away inserts a negative row where none is, as PostgreSQL's trigger does, so that the
    order the triggers of one write run in does not matter."""
    # ``WHERE`` before ``ON CONFLICT`` is also what SQLite's grammar needs there.
    return f"""
    INSERT INTO {TOTALS} (year, zone_key, zone_id, domain, count, amount)
    SELECT {YEAR_SQL["sqlite"].format(row=row)}, IFNULL({row}.zone_id, 0), {row}.zone_id,
           {row}.domain, {sign}, {sign} * {GRANTED_SQL.format(row=row)}
    WHERE {row}.is_published
    ON CONFLICT (year, zone_key, domain) DO UPDATE
    SET count = count + excluded.count, amount = amount + excluded.amount;
    DELETE FROM {TOTALS} WHERE count = 0 AND {EMPTY_AMOUNT};"""


def _sqlite_split(row):
    condition = " AND ".join(f"s.{name} = {row}.{name}" for name in DECISION_KEY)
    return f"{split_sql('sqlite', condition)};"


SQLITE_TRIGGERS = {
    # Its own update of the parts does not run it again: SQLite runs no trigger recursively.
    f"{SPLIT}_insert": f"AFTER INSERT ON {SUBSIDIES} BEGIN {_sqlite_split('NEW')} END",
    f"{SPLIT}_update": (
        f"AFTER UPDATE OF {', '.join(SPLIT_COLUMNS)} ON {SUBSIDIES} "
        f"BEGIN {_sqlite_split('OLD')} {_sqlite_split('NEW')} END"
    ),
    f"{SPLIT}_delete": f"AFTER DELETE ON {SUBSIDIES} BEGIN {_sqlite_split('OLD')} END",
    f"{TOTALS}_insert": f"AFTER INSERT ON {SUBSIDIES} BEGIN {_sqlite_apply('NEW', 1)} END",
    f"{TOTALS}_update": (
        f"AFTER UPDATE ON {SUBSIDIES} "
        f"BEGIN {_sqlite_apply('OLD', -1)} {_sqlite_apply('NEW', 1)} END"
    ),
    f"{TOTALS}_delete": f"AFTER DELETE ON {SUBSIDIES} BEGIN {_sqlite_apply('OLD', -1)} END",
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
    """(Re)creates the triggers in their current version; computes every granted amount and
    makes the totals anew if one was missing. Returns whether it did."""
    connection = connections[using]
    missing = set(TRIGGERS) - installed_triggers(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if _vendor(connection) == "postgresql":
            statements = [POSTGRESQL_SPLIT_FUNCTION, *POSTGRESQL_FUNCTIONS, *POSTGRESQL_TRIGGERS]
            for statement in statements:
                cursor.execute(statement)
        else:
            for name, definition in SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(f"CREATE TRIGGER {name} {definition}")
        if missing:
            rebuild(using)
    return bool(missing)


def rebuild(using=DEFAULT_DB_ALIAS):
    """Computes every granted amount and makes every total anew from the decisions (the
    subsidies table is locked meanwhile)."""
    connection = connections[using]
    vendor = _vendor(connection)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute(f"LOCK TABLE {SUBSIDIES} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(split_sql(vendor, "1 = 1"))
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


def split_differences(using=DEFAULT_DB_ALIAS):
    """The ids of the decisions whose kept ``granted_amount`` differs from the split to the
    cent of their decision (``models.split_to_the_cent``): empty when all is well."""
    connection = connections[using]
    vendor = _vendor(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id FROM ({granted_sql(vendor, '1 = 1')}) AS p "
            f"JOIN {SUBSIDIES} AS d ON d.id = p.id "
            "WHERE d.granted_amount <> p.granted_cents / 100.0 ORDER BY p.id"
        )
        return [pk for (pk,) in cursor.fetchall()]
