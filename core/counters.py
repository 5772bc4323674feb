"""View and download counters, added up in memory and written to the database in batches.

Writing each view as it happens costs an ``UPDATE`` and its commit (a disk flush) on every
request, several times what serving a cached page costs. Each process instead adds up its counts
and a background timer writes them ``COUNTER_FLUSH_SECONDS`` after the first one: one
``UPDATE … SET n = n + k`` per group of records, all in one transaction, so counts from many
processes and servers still add up exactly. What is left is written when the process exits; a
process killed outright loses at most that interval's counts. ``0`` writes each count at once
(the tests' setting).

Nothing about the visitor is kept: a count is a model, a record and a number.
"""

import atexit
import logging
import os
import threading
from collections import Counter, defaultdict

from django.apps import apps
from django.conf import settings
from django.db import Error, connection, transaction
from django.db.models import F

logger = logging.getLogger(__name__)


class CounterBuffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._pending = Counter()
        self._timer = None

    def add(self, model_label, pk, field_name, amount=1):
        delay = settings.COUNTER_FLUSH_SECONDS
        with self._lock:
            self._pending[model_label, field_name, pk] += amount
            if delay > 0 and self._timer is None:
                self._timer = threading.Timer(delay, self._flush_from_timer)
                self._timer.daemon = True
                self._timer.start()
        if delay <= 0:
            self.flush()

    def pending(self):
        with self._lock:
            return dict(self._pending)

    def held(self, model_label, pk, field_name):
        """The count of one record this process holds, not yet written."""
        with self._lock:
            return self._pending[model_label, field_name, pk]

    def clear(self):
        """Forgets the counts held and stops the timer (the tests start each afresh)."""
        with self._lock:
            self._pending.clear()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def after_fork(self):
        """A forked process starts with no count of its own and no timer (threads don't fork)."""
        self._lock = threading.Lock()
        self._pending = Counter()
        self._timer = None

    def _flush_from_timer(self):
        with self._lock:
            self._timer = None
        try:
            self.flush()
        finally:
            connection.close()  # this thread's own connection, opened for the batch

    def flush(self):
        """Writes the counts gathered so far; on a database error they are kept for next time."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
        if not pending:
            return
        try:
            write_counts(pending)
        except Error:
            logger.exception("Counts could not be written; they are kept for the next attempt.")
            with self._lock:
                self._pending.update(pending)


def write_counts(counts):
    """Adds ``{(model_label, field_name, pk): amount}`` to the records, in one transaction.

    The rows are locked in the order of their keys first, the same order in every process, so
    that two batches touching the same records wait for each other instead of deadlocking. Within
    a caller's transaction the batch is a savepoint: an error leaves that transaction usable.
    """
    by_model = defaultdict(lambda: defaultdict(list))
    for (model_label, field_name, pk), amount in counts.items():
        by_model[model_label][field_name, amount].append(pk)
    with transaction.atomic():
        for model_label, increments in sorted(by_model.items()):
            model = apps.get_model(model_label)
            pks = sorted({pk for pks in increments.values() for pk in pks})
            list(
                model._default_manager.filter(pk__in=pks)
                .order_by("pk")
                .select_for_update()
                .values_list("pk", flat=True)
            )
            for (field_name, amount), group in sorted(increments.items()):
                # ``update()`` sends no signal: counting leaves the page cache alone (cache.py).
                model._default_manager.filter(pk__in=group).update(
                    **{field_name: F(field_name) + amount}
                )


counts = CounterBuffer()
atexit.register(counts.flush)
os.register_at_fork(after_in_child=counts.after_fork)


def count(instance, field_name):
    """One more view, download… of ``instance``; written with the next batch."""
    counts.add(instance._meta.label, instance.pk, field_name)
