import pytest
from django.db import connection


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks (SELECT … FOR UPDATE) and serialises "
            "every writer, so concurrent writes cannot be tested there"
        )
