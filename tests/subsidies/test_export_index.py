"""Issue 18: the full SCDL export streams its rows in the order of an index, so that its first
row leaves at once whatever the number of decisions (no sort of every row first)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from subsidies import views
from tests.subsidies.factories import SubsidyFactory

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="EXPLAIN of PostgreSQL: the production database"
)


def export_query(client, url):
    """The SQL and parameters of the query that reads the rows of an export."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body
    (query,) = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "subsidies_subsidy"' in query["sql"] and "ORDER BY" in query["sql"]
    ]
    return query.split(" FOR ", 1)[1] if query.startswith("DECLARE") else query


def plan(sql):
    """The plan PostgreSQL makes for the export's cursor, when it may not sort: a plan that
    still sorts (at a prohibitive cost) means no index gives the order."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN DECLARE export_plan CURSOR FOR {sql}")
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("RESET enable_sort")
    return "\n".join(lines)


@postgresql_only
@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/subventions/export.csv", "/subventions/export.json"])
def test_the_full_export_reads_the_index_in_its_order(client, url):
    SubsidyFactory.create_batch(3)
    SubsidyFactory(is_published=False)
    explained = plan(export_query(client, url))
    assert "subsidy_export_idx" in explained, explained
    assert "Sort" not in explained, explained


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("url", ["/subventions/export.csv", "/subventions/export.json"])
def test_the_rows_are_read_in_a_transaction_while_they_are_sent(client, url, monkeypatch):
    """Outside a transaction, PostgreSQL computes a server-side cursor's whole result before
    its first row (a cursor kept past its transaction): the export opens one for its rows."""
    monkeypatch.setattr(views, "batched", lambda pieces: pieces)  # one row per chunk sent
    SubsidyFactory.create_batch(3)
    assert not connection.in_atomic_block
    response = client.get(url)
    during = [connection.in_atomic_block for _chunk in response.streaming_content]
    assert during[0] is False  # the header (CSV) or the opening bracket (JSON): no row yet
    assert True in during  # the rows
    assert not connection.in_atomic_block  # and the transaction ends with them
