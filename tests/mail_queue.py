"""What the e-mail delivery tests need: the queue's worker run in the test's process, a real SMTP
server that can be stopped and started again, and a wait bounded by a deadline.

The fixtures that use them (``database_queue``, ``run_worker``, ``smtp_server``) are in
``tests/conftest.py``.
"""

import socket
import time
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker


def run_worker():
    """Runs ``manage.py db_worker --batch``'s loop here: every task due is run, then it returns
    (a task queued to run later is left for a later call)."""
    Worker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
    ).run()


def wait_until(condition, *, action=None, timeout=30, message="condition never met"):
    """Calls ``action`` (the worker, say) until ``condition()`` holds, for ``timeout`` seconds at
    most: the test decides on what happened, never on how long it slept."""
    deadline = time.monotonic() + timeout
    while True:
        if action:
            action()
        if condition():
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"{message} within {timeout} seconds")
        time.sleep(0.05)


class SMTPServer:
    """An SMTP server (aiosmtpd) on a free port of 127.0.0.1, in a thread; ``messages`` holds
    what it accepted, as ``email.message.EmailMessage`` objects. ``stop()`` closes the port (a
    client is then refused, as by a mail server that is down) and ``start()`` opens it again."""

    def __init__(self):
        self.messages = []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = None

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    @property
    def mailers(self):
        """The ``MAILERS`` setting that sends to this server."""
        options = {"host": "127.0.0.1", "port": self.port, "use_tls": False, "timeout": 5}
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": options,
            }
        }

    @property
    def is_running(self):
        return self._controller is not None

    def start(self):
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        self._controller.stop()
        self._controller = None
