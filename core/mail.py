"""E-mail that is never lost: sent by a persistent task queue, tried again while the mail server
is away.

Every e-mail of the portal is written and sent by a task of Django's tasks framework declared with
:func:`email_task`. With the database queue (``django_tasks_db``, the ``TASKS`` setting) a task is
a row of the portal's database, written by :func:`enqueue_on_commit` in the same transaction as
the records it reads, and run by a worker process (``manage.py db_worker``), never by the web
request. Django's tasks are run once: when sending fails because the mail server cannot be
reached or refuses for now, the task queues its next attempt itself, later
(``EMAIL_RETRY_FIRST_DELAY``, doubled at each attempt, at most ``EMAIL_RETRY_MAX_DELAY``), up to
``EMAIL_SEND_ATTEMPTS`` attempts; the attempt that failed stays in the queue's table as failed
with :class:`RetryScheduled`, the last one with its own error. Staff follow them in the admin
(``core/admin.py``).

A task's arguments are stored by the queue (and shown in the admin): they are record ids and a
language, never a token nor what a visitor typed. The task reads the rest from the database.
"""

import contextlib
import functools
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend

logger = logging.getLogger(__name__)

#: ``{task module path: label}`` of every e-mail task, for the admin.
EMAIL_TASKS = {}


class RetryScheduled(Exception):
    """This attempt failed for a reason that may pass; the next one is queued (see its cause)."""


RETRY_SCHEDULED = f"{RetryScheduled.__module__}.{RetryScheduled.__qualname__}"


def email_task_label(task_path):
    """The label of the e-mail task stored as ``task_path``; its name if it no longer exists."""
    if task_path not in EMAIL_TASKS:
        with contextlib.suppress(ImportError):
            import_string(task_path)  # declares it, if its module was not imported yet
    return EMAIL_TASKS.get(task_path, task_path.rpartition(".")[2])


def is_temporary(error):
    """Whether trying again later may succeed: the server could not be reached, closed the
    connection, timed out or answered with a 4xx code. A 5xx refusal of every recipient or of
    the message itself is final; other 5xx answers (authentication, sender) come from the
    portal's configuration, which staff can mend in the meantime."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(not 500 <= code < 600 for code, _message in error.recipients.values())
    if isinstance(error, smtplib.SMTPDataError):
        return not 500 <= error.smtp_code < 600
    return isinstance(error, OSError)  # smtplib's errors, refused connections, timeouts, DNS


def retry_delay(attempt):
    """How long to wait after the failed ``attempt`` (1 for the first): doubled each time."""
    first = settings.EMAIL_RETRY_FIRST_DELAY
    return timedelta(seconds=min(first * 2 ** (attempt - 1), settings.EMAIL_RETRY_MAX_DELAY))


def email_task(label):
    """Declares a task that sends e-mail, with ``label`` for the admin; failures that may pass
    are tried again later (see the module's docstring).

    The decorated function takes record ids (and plain values) and returns ``False`` when there
    was nothing left to send (the record was deleted meanwhile). The task it becomes takes one
    more keyword argument, ``attempt``, given by the retries.
    """

    def decorate(function):
        @functools.wraps(function)
        def attempt_to_send(*args, attempt=1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception as error:
                next_attempt = _queue_next_attempt(queued, args, kwargs, attempt, error)
                if next_attempt is None:
                    raise
                raise RetryScheduled(
                    f"attempt {attempt} of {settings.EMAIL_SEND_ATTEMPTS} failed "
                    f"({type(error).__name__}: {error}); attempt {attempt + 1} is queued "
                    f"({next_attempt.id}) to run after {next_attempt.task.run_after.isoformat()}"
                ) from error

        queued = task(attempt_to_send)
        EMAIL_TASKS[queued.module_path] = label
        return queued

    return decorate


def _queue_next_attempt(queued, args, kwargs, attempt, error):
    """Queues the attempt after ``attempt`` if ``error`` may pass and attempts are left; returns
    its result, or ``None``. A queue that cannot run a task later (the immediate backend, which
    runs it inside the web request) never retries."""
    if not is_temporary(error) or attempt >= settings.EMAIL_SEND_ATTEMPTS:
        logger.error("E-mail task %s failed for good at attempt %s", queued.name, attempt)
        return None
    if not queued.get_backend().supports_defer:
        return None
    run_after = timezone.now() + retry_delay(attempt)
    logger.warning(
        "E-mail task %s failed at attempt %s (%s); trying again after %s",
        queued.name,
        attempt,
        type(error).__name__,
        run_after.isoformat(),
    )
    return queued.using(run_after=run_after).enqueue(*args, attempt=attempt + 1, **kwargs)


def enqueue_on_commit(queued, *args, **kwargs):
    """Queues ``queued`` so that it runs if, and only once, the current transaction commits.

    On the database queue the task's row is written at once, in the current transaction: it is
    committed with the records the task will read, or rolled back with them, and the worker
    cannot see it before. No moment exists where the records are saved and their e-mail not
    queued. Another backend (the immediate one in the tests) is handed the task after the
    commit.
    """
    if isinstance(queued.get_backend(), DatabaseBackend):
        queued.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(functools.partial(queued.enqueue, *args, **kwargs))
