#!/usr/bin/env python
"""Where one page spends its CPU, with nothing cached: counts that do not depend on the load.

Run by hand on a database ``bench/load.py`` filled (never by pytest)::

    .venv/bin/python bench/profile_page.py /                       # the home page
    .venv/bin/python bench/profile_page.py /chiffres-cles/ --top 40 --sort tottime

It renders the page in-process once to warm up (templates, URL resolvers, translations), then
``--repeat`` times under cProfile with the page and figures caches off, and prints the CPU time
per request (this process, and the PostgreSQL backend that served it, from ``/proc``), the
number of function calls, of SQL queries, of ``reverse()`` and translation calls, the size of the
HTML, and the functions that cost most. Function-call counts are the same on an idle and on a
busy machine: compare them before and after a change.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/essonne_bench"


def backend_cpu_seconds(connection):
    """CPU time the PostgreSQL backend of ``connection`` has used (``/proc``, same machine)."""
    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    return process_cpu_seconds(pid)


def process_cpu_seconds(pid):
    """utime + stime of a process, from ``/proc/<pid>/stat``; 0 when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="/")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime", "calls"])
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    # Production settings, as bench/load.py serves them: DEBUG off, templates cached.
    os.environ.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        PAGE_CACHE_SECONDS="0",
        FIGURES_CACHE_SECONDS="0",
        LOG_LEVEL="WARNING",
        STATIC_ROOT=str(ROOT / "var" / "bench" / "static"),
        MEDIA_ROOT=str(ROOT / "var" / "bench" / "media"),
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)  # the hashed names
    client = Client(headers={"host": "127.0.0.1"})
    response = client.get(args.path)
    assert response.status_code == 200, response.status_code
    size = len(b"".join(response) if response.streaming else response.content)

    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    queries = [q for q in captured.captured_queries if "core_contentversion" not in q["sql"]]

    profiler = cProfile.Profile()
    backend_before = backend_cpu_seconds(connection)
    cpu_before = time.process_time()
    profiler.enable()
    for _ in range(args.repeat):
        response = client.get(args.path)
        b"".join(response) if response.streaming else response.content
    profiler.disable()
    cpu = (time.process_time() - cpu_before) / args.repeat
    backend = (backend_cpu_seconds(connection) - backend_before) / args.repeat

    # Without the profiler's own overhead: the CPU time a request really costs.
    cpu_before = time.process_time()
    backend_before = backend_cpu_seconds(connection)
    for _ in range(args.repeat):
        response = client.get(args.path)
        b"".join(response) if response.streaming else response.content
    plain = (time.process_time() - cpu_before) / args.repeat
    backend = (backend_cpu_seconds(connection) - backend_before) / args.repeat

    stats = pstats.Stats(profiler)
    calls = {
        "reverse()": "reverse",
        "gettext()": "gettext",
        "Variable._resolve_lookup()": "_resolve_lookup",
    }
    counted = {label: 0 for label in calls}
    for (_file, _line, name), (_cc, ncalls, *_rest) in stats.stats.items():
        for label, function in calls.items():
            if name == function:
                counted[label] += ncalls
    print(f"{args.path}: {size / 1024:.1f} KB of HTML, {len(queries)} SQL queries")
    print(
        f"CPU per request: {plain * 1000:.1f} ms in Django, {backend * 1000:.1f} ms in "
        f"PostgreSQL (profiled: {cpu * 1000:.1f} ms)"
    )
    print(f"function calls per request: {stats.total_calls // args.repeat}")
    for label, count in counted.items():
        print(f"  {label}: {count // args.repeat} per request")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
