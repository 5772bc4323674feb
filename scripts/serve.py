"""Serves the portal for development: Django's ``runserver`` and, next to it, the worker of the
e-mail queue (``manage.py db_worker``), which sends what the pages queue. ``make run`` runs it.

Usage: ``.venv/bin/python scripts/serve.py 127.0.0.1:8000``

Both reload when the code changes. The worker runs in a process group of its own, which is
stopped (``SIGTERM``: it finishes the e-mail it is sending) whenever this script ends: the
server stopped by Ctrl-C or a signal, or failing to start (its port taken).
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

MANAGE = [sys.executable, str(Path(__file__).resolve().parent.parent / "manage.py")]
STOP_TIMEOUT = 10


def stop(process, *, group):
    """Asks ``process`` (its whole group with ``group``) to stop, then forces it if it lingers."""
    if process.poll() is not None and not group:
        return
    send = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    try:
        send(signal.SIGTERM)
        process.wait(timeout=STOP_TIMEOUT)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait()


def raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def main(address):
    signal.signal(signal.SIGTERM, raise_exit)
    worker = subprocess.Popen([*MANAGE, "db_worker"], start_new_session=True)
    server = None
    try:
        server = subprocess.Popen([*MANAGE, "runserver", address])
        return server.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        if server is not None:
            stop(server, group=False)
        stop(worker, group=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:8000"))
