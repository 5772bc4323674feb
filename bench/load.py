#!/usr/bin/env python
"""Load benchmark of the public pages on PostgreSQL with a large data set (issues 7 and 18).

Run by hand from the repository, with the project's venv (never by pytest)::

    .venv/bin/python bench/load.py                      # small and large data, 3 cache modes
    .venv/bin/python bench/load.py --size large --cache off --pages subsidies,search

For each data size it (1) creates the database if needed (``--reset`` drops it first),
migrates it, loads the demo content and bulk-fills it up to the size's row counts
(``bench/dataset.py``); (2) counts the SQL queries of each page in-process; (3) for each cache
mode (``on``: page cache; ``off``: page cache off, costly figures still cached; ``cold``: nothing
cached), migrates again, runs ``collectstatic`` (the tree may have changed meanwhile) and starts
gunicorn on 127.0.0.1 with the production settings (``bench.settings``: the portal's, plus
``/bench/trivial/``, the baseline), then drives the baseline and each page in turn with ``wrk``,
in rounds of short slices (so that load from other work on the machine weighs on all alike),
with fixed connections. It prints, per page, the CPU time per request (the server's processes
and the PostgreSQL backends serving them, from ``/proc``: what the page costs, whatever else runs
on the machine), requests per second, median and 95th percentile latency, the ratio to the
baseline's throughput and the verdict against the targets (issue 18: judged on CPU time), then
the large data set against the small one (queries, CPU time per request in-process over many
requests), with the machine's load average, and writes everything to ``bench/results/``.

Load traffic only ever targets 127.0.0.1. Needs Debian's ``wrk`` (``apt-get install -y wrk``;
``--install-wrk`` runs that) and a PostgreSQL server the given URL can create databases on.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path, where bench/subsidies.py would shadow
# the subsidies app: import from the repository's root instead.
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)
PYTHON = sys.executable
BENCH_VAR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/essonne_bench"
HOST = "127.0.0.1"  # the only address load traffic may target
DB_PREFIX = "essonne_bench"  # the script refuses to fill or drop any other database

BASELINE = ("trivial view (baseline)", "/bench/trivial/")
PAGES = [
    ("home", "/"),
    ("zone", "/cooperation/mali/"),
    ("action list", "/cooperation/actions/"),
    ("action with results", "/cooperation/actions/mali-environnement-eau-assainissement/"),
    ("actions by SDG and DAC code", "/cooperation/actions/?odd=6&secteur=14030"),
    ("subsidies", "/subventions/"),
    ("subsidies, filtered", "/subventions/?annee=2010&zone=mali"),
    ("key figures", "/chiffres-cles/"),
    ("search", "/recherche/?q=eau"),
    ("actors", "/acteurs/"),
    ("actors, filtered", "/acteurs/?zone=mali"),
    ("actor profile", "/acteurs/ecoles-du-sahel-91/"),
    ("calls", "/appels-a-projets/"),
    ("call with funded projects", "/appels-a-projets/solidarite-internationale-2010/"),
    ("resource download", None),  # a demo resource with a real file, found in the database
    ("open data", "/donnees/"),
    ("IATI activities", "/donnees/iati/activites.xml"),
    ("API actions", "/api/actions/"),
    ("API subsidies, filtered", "/api/subventions/?annee=2010&zone=mali"),
    ("API documentation", "/api/docs/"),
    ("news", "/actualites/"),
    ("news feed", "/actualites/flux.rss"),
    ("agenda", "/agenda/"),
    ("agenda iCalendar", "/agenda/agenda.ics"),
]
# Pages about one record, judged against the detail target; every other page is a list page.
DETAIL_PAGES = {"zone", "resource download"}
# Cache modes: the server's environment for each. ``off`` is a page-cache miss in production (the
# costly figures still come from their own cache); ``cold`` caches nothing at all, like the first
# request after a content change.
CACHE_MODES = {
    "on": {"PAGE_CACHE_SECONDS": "600"},
    "off": {"PAGE_CACHE_SECONDS": "0"},
    "cold": {"PAGE_CACHE_SECONDS": "0", "FIGURES_CACHE_SECONDS": "0"},
}
# Targets of issue 18, judged at the large size on CPU time per request (the server's worker plus
# the PostgreSQL backend that served it): unlike latency and throughput, it hardly moves when
# other work shares the machine's cores.
CACHED_MIN_RATIO = 0.9  # cached, every page at least 0.9 x the baseline (trivial view)
UNCACHED_MAX_CPU_MS = 15.0  # uncached: home, lists, key figures, search
UNCACHED_DETAIL_MAX_CPU_MS = 5.0  # uncached: a page about one record
# « No page slower with 100 000 subsidies than with 100 by more than its pagination explains »:
# every page shows at most one page of rows at both sizes, so its CPU time per request (over
# ``GROWTH_REQUESTS`` requests, in-process) must not grow by more than this factor, plus a small
# allowance for the resolution of the backend's CPU clock (10 ms ticks over the requests).
GROWTH_MAX_RATIO = 1.5
GROWTH_ALLOWANCE_MS = 1.0
GROWTH_REQUESTS = 25
# Connections kept for the whole run, so that each backend's CPU time is read before it closes
# (production keeps them 60 s: reconnecting once a minute costs nothing measurable).
BENCH_CONN_MAX_AGE = "3600"

# wrk's report: its totals, then its latency quantiles every 0.5 % (microseconds), so that the
# slices of a page measured over several rounds merge into one distribution. (Debian's wrk
# gives no access to the histogram itself.)
WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH-RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, \"errors\": %d}\n",
    summary.requests, summary.duration, summary.bytes,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
  local quantiles = {}
  for i = 1, 199 do quantiles[i] = latency:percentile(i * 0.5) end
  io.write("BENCH-QUANTILES " .. table.concat(quantiles, " ") .. "\n")
end
"""


# --- Helpers run in the parent process (no Django here) ----------------------------------------


def log(message=""):
    print(message, flush=True)


def database_url_for(base_url, size, both):
    """``--size both`` keeps the two data sets in two databases: ``<name>_small`` and ``<name>``."""
    if size == "small" and both:
        parts = urlsplit(base_url)
        return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_small"))
    return base_url


def database_name(url):
    return urlsplit(url).path.lstrip("/")


def check_database_name(url):
    name = database_name(url)
    if not name.startswith(DB_PREFIX):
        sys.exit(f"Refusing to use database {name!r}: its name must start with {DB_PREFIX!r}.")


def ensure_database(url, reset):
    """Creates the database (dropping it first with ``reset``) through the server's ``postgres``."""
    import psycopg2  # a dependency of the portal

    parts = urlsplit(url)
    name = database_name(url)
    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if reset:
            log(f"Dropping database {name}")
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            log(f"Creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def base_env(database_url, **extra):
    """The environment of every child process: production settings, bench paths, no Redis."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AWS_", "EMAIL_"))
        and key not in {"REDIS_URL", "DEBUG", "ROOT_URLCONF", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=f"{HOST},testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(BENCH_VAR / "media"),
        STATIC_ROOT=str(BENCH_VAR / "static"),
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
        CONN_MAX_AGE=BENCH_CONN_MAX_AGE,
    )
    env.update(extra)
    return env


def run(command, env, timeout):
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=timeout)


def run_task(task, database_url, size, timeout, **extra):
    """Runs one of this script's Django tasks in a child process; returns its JSON answer."""
    with tempfile.NamedTemporaryFile(suffix=".json") as answer:
        command = [PYTHON, __file__, "--task", task, "--size", size, "--answer", answer.name]
        run(command, base_env(database_url, **extra), timeout)
        return json.loads(Path(answer.name).read_text() or "null")


def prepare_database(database_url, size, reset, fill=True):
    """Creates and migrates the database (always: the code may have new migrations), then loads
    the demo content and fills it up to ``size`` unless ``fill`` is false."""
    check_database_name(database_url)
    ensure_database(database_url, reset)
    env = base_env(database_url)
    started = time.monotonic()
    log(f"Migrating {database_name(database_url)}")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=600)
    if not fill:
        return None
    log("Loading the demo content")
    run([PYTHON, "manage.py", "load_demo"], env, timeout=600)
    log(f"Filling the {size} data set")
    counts = run_task("fill", database_url, size, timeout=900)
    log(f"Database ready in {time.monotonic() - started:.0f} s: {counts}")
    return counts


def refresh(database_url):
    """Migrations and static files as the working tree now has them (quietly)."""
    env = base_env(database_url)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=600)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"], env, timeout=600)


def collectstatic(database_url):
    log("Collecting static files (hashed, compressed, for WhiteNoise)")
    run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        base_env(database_url),
        timeout=600,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(url, timeout=10):
    """(status, body length) of a GET on the local server."""
    assert urlsplit(url).hostname == HOST
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:
        return error.code, 0


class Server:
    """gunicorn serving the portal on 127.0.0.1, as the README's production command does."""

    def __init__(self, database_url, cache_env, workers, port):
        self.port = port
        self.base = f"http://{HOST}:{port}"
        self.env = base_env(database_url, **cache_env)
        self.workers = workers
        self.process = None
        self.log_path = BENCH_VAR / f"gunicorn-{port}.log"
        self.log_file = None

    def __enter__(self):
        command = [
            PYTHON,
            "-m",
            "gunicorn",
            "essonne_intl.wsgi",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--error-logfile",
            str(self.log_path),
        ]
        self.log_file = self.log_path.open("ab")  # the portal's own log (errors) goes there too
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=self.log_file,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                if get(self.base + "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within 60 s; see {self.log_path}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            self.log_file.close()
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this script started
            self.process.wait(timeout=10)
        self.log_file.close()


def wrk(url, duration, connections, threads, script):
    """One wrk run: its totals and its latency quantiles as (microseconds, weight) points."""
    assert urlsplit(url).hostname == HOST
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={script}",
        url,
    ]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if finished.returncode:
        raise RuntimeError(f"wrk failed on {url}: {finished.stderr or finished.stdout}")
    output = finished.stdout.splitlines()
    totals = next(line for line in output if line.startswith("BENCH-RESULT "))
    totals = json.loads(totals.removeprefix("BENCH-RESULT "))
    quantiles = next(line for line in output if line.startswith("BENCH-QUANTILES "))
    quantiles = [int(float(value)) for value in quantiles.split()[1:]]
    # Each quantile stands for an equal share of the slice's requests.
    weight = totals["requests"] / len(quantiles)
    return totals, [(value, weight) for value in quantiles]


def percentile_ms(points, percent):
    """The ``percent`` percentile of weighted latency points (microseconds), in ms."""
    points = sorted(points)
    total = sum(weight for _value, weight in points)
    seen = 0.0
    for value, weight in points:
        seen += weight
        if seen * 100 >= total * percent:
            return value / 1000
    return 0.0


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu_seconds(pid):
    """utime + stime of a process (``/proc/<pid>/stat``, fields 14 and 15); 0 once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # the name, in parentheses, may hold spaces
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def child_pids(pid):
    pids = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids.extend(int(child) for child in (task / "children").read_text().split())
        except OSError:
            continue
    return pids


class CpuMeter:
    """CPU time spent serving the benchmark: gunicorn's master and workers, and the PostgreSQL
    backends connected to the benchmark's database (same machine: their ``/proc`` entries).

    Other work on the machine does not add to it, whereas it stretches latency and cuts
    throughput; only the slower cores and caches of a busy machine still show a little. The
    backends are found through ``pg_stat_activity`` by a connection to another database, which
    is thus never counted.
    """

    def __init__(self, server, database_url):
        import psycopg2  # a dependency of the portal

        parts = urlsplit(database_url)
        self.server = server
        self.database = database_name(database_url)
        self.monitor = psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username,
            password=parts.password,
            dbname="postgres",
        )
        self.monitor.autocommit = True

    def close(self):
        self.monitor.close()

    def pids(self):
        master = self.server.process.pid
        with self.monitor.cursor() as cursor:
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database])
            backends = [row[0] for row in cursor.fetchall()]
        return [master, *child_pids(master), *backends]

    def snapshot(self):
        return {pid: process_cpu_seconds(pid) for pid in self.pids()}

    @staticmethod
    def used(before, after):
        """CPU seconds between two snapshots; a process started since counts from zero."""
        return sum(max(seconds - before.get(pid, 0.0), 0.0) for pid, seconds in after.items())


def measure(server, pages, args, script, meter):
    """Each page and the baseline in turn, ``args.rounds`` times: load on the machine from
    elsewhere then weighs on all of them alike. Slices merge into one figure per page."""
    results, targets = {}, []
    for label, path in [BASELINE, *pages]:
        status, _length = get(server.base + path)
        if status != 200:  # reported as such, not measured
            log(f"    {label} {path} answered {status}: see {server.log_path}")
            results[label] = {"url": path, "error": f"HTTP {status}"}
            continue
        targets.append((label, path))
        if args.warmup:  # every worker fills its own page cache, connection, template cache
            wrk(server.base + path, args.warmup, *args.load, script)
    if BASELINE not in targets:
        raise RuntimeError(f"The baseline does not answer; see {server.log_path}")
    merged = {
        label: {"totals": Counter(), "points": [], "slices": [], "cpu_s": 0.0}
        for label, _ in targets
    }
    for round_ in range(args.rounds):
        line = []
        for label, path in targets:
            before = meter.snapshot()
            totals, points = wrk(server.base + path, args.slice, *args.load, script)
            merged[label]["cpu_s"] += meter.used(before, meter.snapshot())
            merged[label]["totals"].update(totals)
            merged[label]["points"].extend(points)
            merged[label]["slices"].append(totals["requests"] / (totals["duration_us"] / 1e6))
            line.append(f"{merged[label]['slices'][-1]:.0f}")
        log(f"    round {round_ + 1}/{args.rounds}, req/s (baseline first): {' '.join(line)}")
    for label, path in targets:
        totals, points = merged[label]["totals"], merged[label]["points"]
        results[label] = {
            "url": path,
            "rps": totals["requests"] / (totals["duration_us"] / 1e6),
            "p50_ms": percentile_ms(points, 50),
            "p95_ms": percentile_ms(points, 95),
            "p99_ms": percentile_ms(points, 99),
            "requests": totals["requests"],
            "errors": totals["errors"],
            "kb_per_request": totals["bytes"] / max(totals["requests"], 1) / 1024,
            "cpu_ms": merged[label]["cpu_s"] * 1000 / max(totals["requests"], 1),
            "slices_rps": merged[label]["slices"],
        }
    return results


def code_version():
    """The commit measured, with ``+changes`` when the working tree differs from it."""

    def git(*command):
        return subprocess.run(
            ["git", *command], cwd=ROOT, capture_output=True, text=True, timeout=30
        ).stdout.strip()

    changed = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + ("+changes" if changed else "")


def wait_idle(seconds):
    """Waits (at most ``seconds``) for the machine to be quiet; returns the 1-minute load."""
    deadline = time.monotonic() + seconds
    while os.getloadavg()[0] >= 1.0 and time.monotonic() < deadline:
        time.sleep(5)
    return os.getloadavg()[0]


# --- Tasks run in a child process, with Django set up on the bench database --------------------


def django_setup():
    import django

    django.setup()


def task_fill(size_name):
    django_setup()
    from bench import dataset

    dataset.fill(dataset.SIZES[size_name], log=log)
    return dataset.counts()


def download_path():
    """A published demo resource whose file is really stored (not one of the generated rows)."""
    from cresi.models import Resource

    candidates = (
        Resource.objects.published()
        .exclude(file="")
        .exclude(slug__startswith="bench-")
        .order_by("slug")
    )
    for resource in candidates:
        if resource.file.storage.exists(resource.file.name):
            return resource.get_download_url()
    raise RuntimeError("No demo resource with a stored file: did load_demo run?")


def backend_pid(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def measure_in_process(client, path, repeat, **settings):
    """(queries of the last request, its slowest SQL, fastest of the last ``repeat - 1`` in ms,
    CPU ms per request over the last ``repeat - 1``: this process plus its PostgreSQL backend).

    The fastest time is the least disturbed by whatever else runs on the machine; the CPU time,
    added up over many requests, barely depends on it at all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, override_settings

    timings = []
    with override_settings(**settings):
        for index in range(repeat):
            if index == 1:  # the first request warms up: connection, templates, translations
                backend = backend_pid(connection)
                cpu_started = time.process_time() + process_cpu_seconds(backend)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(path)
                b"".join(response) if response.streaming else response.content
                timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (path, response.status_code)
            # Read now: the next request empties the connection's query log. The content
            # version's read, once a second per process (core/cache.py), is left out.
            queries = [
                query
                for query in captured.captured_queries
                if "core_contentversion" not in query["sql"]
            ]
        cpu = time.process_time() + process_cpu_seconds(backend) - cpu_started
    slowest = sorted(queries, key=lambda query: -float(query["time"]))[:3]
    slowest = [{"ms": float(query["time"]) * 1000, "sql": query["sql"][:300]} for query in slowest]
    return len(queries), slowest, min(timings[1:]), cpu * 1000 / (repeat - 1)


def task_queries(size_name):
    """Per page, in-process: queries, time and CPU time with nothing cached (``cold``), with the
    page cache off but the figures cache warm (``queries``), and the queries of a page served
    from the page cache (``cached_queries``: 0 when the page is cached)."""
    django_setup()
    from django.core.cache import cache
    from django.test import Client

    client = Client(headers={"host": HOST})
    answer = {"download_path": download_path(), "pages": {}}
    for label, path in PAGES:
        path = path or answer["download_path"]
        cold, slowest, cold_ms, cold_cpu = measure_in_process(
            client, path, GROWTH_REQUESTS + 1, PAGE_CACHE_SECONDS=0, FIGURES_CACHE_SECONDS=0
        )
        cache.clear()
        warm, _slowest, warm_ms, warm_cpu = measure_in_process(
            client, path, GROWTH_REQUESTS + 1, PAGE_CACHE_SECONDS=0
        )
        cache.clear()
        cached, _slowest, _ms, _cpu = measure_in_process(client, path, 2, PAGE_CACHE_SECONDS=600)
        answer["pages"][label] = {
            "url": path,
            "queries_cold": cold,
            "queries": warm,
            "cached_queries": cached,
            "ms_cold": cold_ms,
            "ms": warm_ms,
            "cpu_ms_cold": cold_cpu,
            "cpu_ms": warm_cpu,
            "slowest_sql_cold": slowest,
        }
    return answer


TASKS = {"fill": task_fill, "queries": task_queries}


# --- Report ------------------------------------------------------------------------------------


def cpu_target(label):
    return UNCACHED_DETAIL_MAX_CPU_MS if label in DETAIL_PAGES else UNCACHED_MAX_CPU_MS


def verdict_cached(page):
    """Cached: at least ``CACHED_MIN_RATIO`` x the baseline, in CPU time per request (what the
    machine could serve were the page alone on it), and its throughput shown beside."""
    if page["cpu_ratio"] >= CACHED_MIN_RATIO:
        return "PASS"
    queries = page.get("cached_queries")
    return "FAIL" + (f" ({queries} queries even when cached)" if queries else "")


def verdict_uncached(label, page):
    return "PASS" if page["cpu_ms"] <= cpu_target(label) else "FAIL"


def print_table(runs):
    header = (
        f"{'size':<6} {'cache':<5} {'page':<22} {'url':<38} {'CPU ms':>6} {'x base':>6} "
        f"{'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'ratio':>6} {'SQL':>4} {'KB':>5} "
        f"{'err':>4}  target"
    )
    log()
    log(header)
    log("-" * len(header))
    for run_ in runs:
        size, mode = run_["size"], run_["cache"]
        for label, page in run_["pages"].items():
            if "error" in page:
                log(f"{size:<6} {mode:<5} {label:<22} {page['url'][:38]:<38} {page['error']}")
                continue
            is_baseline = label == BASELINE[0]
            if is_baseline:
                slices = page["slices_rps"]
                target = f"baseline (slices {min(slices):.0f} to {max(slices):.0f} req/s)"
            elif size != "large":
                target = "(targets judged at the large size)"
            elif mode == "on":
                target = (
                    f"CPU ratio {page['cpu_ratio']:.2f} >= {CACHED_MIN_RATIO}: {page['verdict']}"
                )
            else:
                target = f"CPU <= {cpu_target(label):.0f} ms: {page['verdict']}"
                if mode == "cold":
                    target += " (nothing cached)"
            queries = "" if is_baseline else page.get("queries_served", "")
            log(
                f"{size:<6} {mode:<5} {label:<22} {page['url'][:38]:<38} {page['cpu_ms']:6.1f} "
                f"{1 / page['cpu_ratio'] if page['cpu_ratio'] else 0:6.1f} "
                f"{page['rps']:7.0f} {page['p50_ms']:7.1f} {page['p95_ms']:7.1f} "
                f"{page['ratio']:6.2f} {queries!s:>4} {page['kb_per_request']:5.0f} "
                f"{page['errors']:>4}  {target}"
            )
        log(
            f"{'':<13}(load average of the machine: {run_.get('load_average', 0):.2f} before "
            f"the run, {run_.get('load_average_after', 0):.2f} after)"
        )
        log()
    log(
        "CPU ms: CPU time per request of the server's processes and of the PostgreSQL backends "
        "serving them (from /proc), added up over every request of the page; x base: the same "
        "against the baseline's (a machine busy enough to slow every request slows both alike); "
        "ratio: throughput "
        "against the baseline's (cached pages are judged on their CPU time against the "
        "baseline's instead: throughput follows the load of the machine)."
    )
    log()


def growth_table(runs, queries, mode):
    """Large against small data in one uncached ``mode``: query counts and the CPU time per
    request in-process over ``GROWTH_REQUESTS`` requests (the verdict: latency under load on a
    shared machine is too noisy to compare two runs), with the fastest request and the HTTP
    medians beside them."""
    if "small" not in queries or "large" not in queries:
        return []
    by_key = {(run_["size"], run_["cache"]): run_ for run_ in runs}
    small_run, large_run = by_key.get(("small", mode)), by_key.get(("large", mode))
    counted = "queries_cold" if mode == "cold" else "queries"
    timed = "ms_cold" if mode == "cold" else "ms"
    cpu = "cpu_ms_cold" if mode == "cold" else "cpu_ms"
    rows = []
    for label, _path in PAGES:
        small, large = queries["small"]["pages"][label], queries["large"]["pages"][label]
        row = {
            "page": label,
            "mode": mode,
            "queries_small": small[counted],
            "queries_large": large[counted],
            "queries_verdict": "PASS" if small[counted] == large[counted] else "FAIL",
            "ms_small": small[timed],
            "ms_large": large[timed],
            "cpu_small": small[cpu],
            "cpu_large": large[cpu],
            "growth": large[cpu] / small[cpu] if small[cpu] else 0.0,
        }
        limit = small[cpu] * GROWTH_MAX_RATIO + GROWTH_ALLOWANCE_MS
        row["growth_verdict"] = "PASS" if large[cpu] <= limit else "FAIL"
        for size, run_ in (("small", small_run), ("large", large_run)):
            if run_ and "p50_ms" in run_["pages"].get(label, {}):
                row[f"p50_{size}_ms"] = round(run_["pages"][label]["p50_ms"], 1)
        rows.append(row)
    log(f"Large (100 000 subsidies) against small (100), cache {mode}")
    header = (
        f"{'page':<22} {'SQL small':>9} {'SQL large':>9}  {'fixed':<5} {'CPU small':>9} "
        f"{'CPU large':>9} {'growth':>6}  {'verdict':<7} {'ms small':>8} {'ms large':>8} "
        f"{'HTTP p50 small':>14} {'large':>7}"
    )
    log(header)
    log("-" * len(header))
    for row in rows:
        log(
            f"{row['page']:<22} {row['queries_small']:>9} {row['queries_large']:>9}  "
            f"{row['queries_verdict']:<5} {row['cpu_small']:9.1f} {row['cpu_large']:9.1f} "
            f"{row['growth']:6.2f}  {row['growth_verdict']:<7} {row['ms_small']:8.1f} "
            f"{row['ms_large']:8.1f} {row.get('p50_small_ms', ''):>14} "
            f"{row.get('p50_large_ms', ''):>7}"
        )
    log(
        f"(CPU: ms per request in-process, this process plus its PostgreSQL backend, over "
        f"{GROWTH_REQUESTS} requests; growth PASS when large <= small x {GROWTH_MAX_RATIO} + "
        f"{GROWTH_ALLOWANCE_MS} ms: every page shows one page of rows at most, so the data size "
        "should not show. ms: the fastest request alone, for reference)"
    )
    log()
    return rows


# --- Main --------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--size", choices=["small", "large", "both"], default="both")
    parser.add_argument(
        "--cache",
        choices=[*CACHE_MODES, "all"],
        default="all",
        help="on: page cache; off: page cache off, figures cache on; cold: nothing cached",
    )
    parser.add_argument(
        "--pages", help="comma-separated page labels to measure (default: all), e.g. home,zone"
    )
    parser.add_argument("--reset", action="store_true", help="drop and refill the database(s)")
    parser.add_argument("--skip-fill", action="store_true", help="migrate only, no fill")
    parser.add_argument("--fill-only", action="store_true", help="only prepare the data")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--rounds", type=int, default=5, help="slices the duration is cut into")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (2-4)")
    parser.add_argument("--connections", type=int, default=None, help="default: --workers")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--wait-idle",
        type=int,
        default=0,
        help="before each run, wait up to this many seconds for the load average to drop below 1",
    )
    parser.add_argument("--install-wrk", action="store_true", help="apt-get install -y wrk")
    parser.add_argument("--task", choices=sorted(TASKS), help=argparse.SUPPRESS)
    parser.add_argument("--answer", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 1 <= args.duration <= 120 or not 0 <= args.warmup <= 30:
        parser.error("--duration must be 1-120 s and --warmup 0-30 s")
    if not 0 <= args.wait_idle <= 1800:
        parser.error("--wait-idle must be 0-1800 s")
    if not 1 <= args.workers <= 8:
        parser.error("--workers must be 1-8")
    if not 1 <= args.rounds <= args.duration:
        parser.error("--rounds must be 1 to --duration")
    args.slice = args.duration // args.rounds
    if args.pages:
        args.pages = {label.strip() for label in args.pages.split(",")}
        unknown = args.pages - {label for label, _path in PAGES}
        if unknown:
            parser.error(f"unknown pages {sorted(unknown)}; known: {[p for p, _ in PAGES]}")
    args.connections = args.connections or args.workers
    args.threads = min(args.threads, args.connections)
    args.load = (args.connections, args.threads)
    return args


def main():
    args = parse_args()
    if args.task:
        answer = TASKS[args.task](args.size)
        Path(args.answer).write_text(json.dumps(answer, default=str))
        return

    if shutil.which("wrk") is None:
        if not args.install_wrk:
            sys.exit("wrk is missing: apt-get install -y wrk (or run with --install-wrk)")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, timeout=600)

    sizes = ["small", "large"] if args.size == "both" else [args.size]
    modes = [mode for mode in CACHE_MODES if args.cache in (mode, "all")]
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    started_at = datetime.now(UTC)
    report = {
        "started": started_at.isoformat(timespec="seconds"),
        "commit": code_version(),
        "cpus": os.cpu_count(),
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "duration_s": args.duration,
            "rounds": args.rounds,
        },
        "counts": {},
        "queries": {},
        "runs": [],
    }
    script = BENCH_VAR / "wrk-report.lua"
    script.write_text(WRK_SCRIPT)

    log(f"Code: {report['commit']}, {report['cpus']} CPUs")
    for size in sizes:
        url = database_url_for(args.database_url, size, both=len(sizes) > 1)
        check_database_name(url)
        log(f"== {size} data set: {database_name(url)}")
        report["counts"][size] = prepare_database(url, size, args.reset, not args.skip_fill)
        if args.fill_only:
            continue
        collectstatic(url)
        log("Counting the queries of each page (in-process)")
        queries = run_task("queries", url, size, timeout=600)
        report["queries"][size] = queries
        pages = [
            (label, path or queries["download_path"])
            for label, path in PAGES
            if not args.pages or label in args.pages
        ]
        for mode in modes:
            load_average = wait_idle(args.wait_idle)
            settings = " ".join(f"{key}={value}" for key, value in CACHE_MODES[mode].items())
            log(
                f"  cache {mode} ({settings}), {args.workers} workers, {args.connections} "
                f"connections, {args.rounds} x {args.slice} s per page, "
                f"load average {load_average:.2f}"
            )
            refresh(url)  # the code may have changed since: new migrations, new static files
            with Server(url, CACHE_MODES[mode], args.workers, free_port()) as server:
                meter = CpuMeter(server, url)
                try:
                    results = measure(server, pages, args, script, meter)
                finally:
                    meter.close()
            load_after = os.getloadavg()[0]
            baseline_rps = results[BASELINE[0]]["rps"]
            baseline_cpu = results[BASELINE[0]]["cpu_ms"]
            for label, page in results.items():
                if "error" in page:
                    page["verdict"] = "ERROR"
                    continue
                page["ratio"] = page["rps"] / baseline_rps
                page["cpu_ratio"] = baseline_cpu / page["cpu_ms"] if page["cpu_ms"] else 0.0
                if label == BASELINE[0]:
                    continue
                counted = queries["pages"][label]
                page["cached_queries"] = counted["cached_queries"]
                page["queries_served"] = counted[
                    {"on": "cached_queries", "off": "queries", "cold": "queries_cold"}[mode]
                ]
                page["verdict"] = (
                    verdict_cached(page) if mode == "on" else verdict_uncached(label, page)
                )
            report["runs"].append(
                {
                    "size": size,
                    "cache": mode,
                    "load_average": load_average,
                    "load_average_after": load_after,
                    "pages": results,
                }
            )

    if not report["runs"]:
        return
    print_table(report["runs"])
    report["growth"] = {
        mode: growth_table(report["runs"], report["queries"], mode) for mode in ("off", "cold")
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"load-{started_at:%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    log(f"\nFigures written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
