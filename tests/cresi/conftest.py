from datetime import datetime, time

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone, translation


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _french():
    """Messages read outside a request are French, even after a test left English active (a
    request under /en/ leaves its language active in the thread)."""
    with translation.override("fr"):
        yield


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks (SELECT … FOR UPDATE) and serialises "
            "every writer, so concurrent writes cannot be tested there"
        )


@pytest.fixture
def freeze_today(monkeypatch):
    """``freeze_today(day)``: ``timezone.now()`` (and so ``localdate()``) is noon on ``day``."""

    def freeze(day):
        moment = timezone.make_aware(datetime.combine(day, time(12)))
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze
