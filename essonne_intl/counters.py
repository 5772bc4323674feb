"""View and download counters, added up in memory and written to the database in batches.

Writing each view as it happens costs an ``UPDATE`` and its commit (a disk flush) on every
request, several times what serving a cached page costs. Each process instead adds up its counts
and writes them at most every ``COUNTER_FLUSH_SECONDS``: one ``UPDATE … SET n = n + k`` per
group of records, all in one transaction, so counts from many processes and servers still add up
exactly. The writes happen on the first count after the interval and when the process exits; a
process that is killed outright loses at most that interval's counts. ``0`` writes each count at
once (the tests' setting).

Nothing about the visitor is kept: a count is a model, a record and a number.
"""

import atexit
import logging
import threading
import time
from collections import Counter, defaultdict

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F

logger = logging.getLogger(__name__)


class CounterBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._pending = Counter()
        self._written_at = time.monotonic()

    def add(self, model_label, pk, field_name, amount=1):
        with self._lock:
            self._pending[model_label, field_name, pk] += amount
            due = time.monotonic() - self._written_at >= settings.COUNTER_FLUSH_SECONDS
        if due:
            self.flush()

    def pending(self):
        with self._lock:
            return dict(self._pending)

    def clear(self):
        with self._lock:
            self._pending.clear()

    def flush(self):
        """Writes the counts gathered so far; on a database error they are kept for next time."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._written_at = time.monotonic()
        if not pending:
            return
        try:
            write_counts(pending)
        except DatabaseError:
            logger.exception("Counts could not be written; they are kept for the next attempt.")
            with self._lock:
                self._pending.update(pending)


def write_counts(counts):
    """Adds ``{(model_label, field_name, pk): amount}`` to the records, in one transaction."""
    records_by_increment = defaultdict(list)
    for (model_label, field_name, pk), amount in counts.items():
        records_by_increment[model_label, field_name, amount].append(pk)
    with transaction.atomic(savepoint=False):
        for (model_label, field_name, amount), pks in sorted(records_by_increment.items()):
            model = apps.get_model(model_label)
            # ``update()`` sends no signal: counting leaves the page cache alone (cache.py).
            model._default_manager.filter(pk__in=sorted(pks)).update(
                **{field_name: F(field_name) + amount}
            )


counts = CounterBuffer()
atexit.register(counts.flush)


def count(instance, field_name):
    """One more view, download… of ``instance``; written now or with the next batch."""
    counts.add(instance._meta.label, instance.pk, field_name)
