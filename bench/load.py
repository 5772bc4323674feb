#!/usr/bin/env python
"""Load benchmark of the public pages on PostgreSQL with a large data set (issue 7).

Run by hand from the repository, with the project's venv (never by pytest)::

    .venv/bin/python bench/load.py                      # small and large data, cached and not
    .venv/bin/python bench/load.py --size large --cache off --duration 5

For each data size it (1) creates the database if needed (``--reset`` drops it first),
migrates it, loads the demo content and bulk-fills it up to the size's row counts
(``bench/dataset.py``); (2) counts the SQL queries of each page in-process; (3) for each cache
mode, runs ``collectstatic`` and starts gunicorn on 127.0.0.1 with the production settings
(``bench.settings``: the portal's, plus ``/bench/trivial/``, the baseline), then drives the
baseline and each page with ``wrk`` for a fixed time and number of connections. It prints, per
page, requests per second, median and 95th percentile latency, the ratio to the baseline's
throughput and the verdict against the targets, and writes everything to ``bench/results/``.

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
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
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
    ("subsidies", "/subventions/"),
    ("subsidies, filtered", "/subventions/?annee=2010&zone=mali"),
    ("key figures", "/chiffres-cles/"),
    ("search", "/recherche/?q=eau"),
    ("resource download", None),  # a demo resource with a real file, found in the database
]
# Targets of issue 7, judged at the large size.
CACHED_MIN_RATIO = 0.5  # every page at least half the baseline's throughput when cached
UNCACHED_MAX_P95_MS = 100.0
# « No page slower with 100 000 subsidies than with 100 by more than its pagination explains »:
# every page shows at most one page of rows at both sizes, so its median must not grow by more
# than this factor (plus a small allowance for the noise of a shared 2-core machine).
GROWTH_MAX_RATIO = 1.5
GROWTH_ALLOWANCE_MS = 2.0

WRK_SCRIPT = r"""
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH-RESULT {\"requests\": %d, \"duration_us\": %d, \"bytes\": %d, " ..
    "\"connect_errors\": %d, \"read_errors\": %d, \"write_errors\": %d, " ..
    "\"status_errors\": %d, \"timeouts\": %d, \"p50_us\": %d, \"p95_us\": %d, " ..
    "\"p99_us\": %d, \"max_us\": %d}\n",
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max))
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


def prepare_database(database_url, size, reset):
    check_database_name(database_url)
    ensure_database(database_url, reset)
    env = base_env(database_url)
    started = time.monotonic()
    log(f"Migrating {database_name(database_url)}")
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=600)
    log("Loading the demo content")
    run([PYTHON, "manage.py", "load_demo"], env, timeout=600)
    log(f"Filling the {size} data set")
    counts = run_task("fill", database_url, size, timeout=900)
    log(f"Database ready in {time.monotonic() - started:.0f} s: {counts}")
    return counts


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

    def __init__(self, database_url, page_cache_seconds, workers, port):
        self.port = port
        self.base = f"http://{HOST}:{port}"
        self.env = base_env(database_url, PAGE_CACHE_SECONDS=str(page_cache_seconds))
        self.workers = workers
        self.process = None
        self.log_path = BENCH_VAR / f"gunicorn-{port}.log"

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
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL
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
            return
        self.process.send_signal(signal.SIGTERM)  # the master stops its workers gracefully
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this script started
            self.process.wait(timeout=10)


def wrk(url, duration, connections, threads, script):
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
    output = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-RESULT "))
    raw = json.loads(line.removeprefix("BENCH-RESULT "))
    errors = sum(raw[key] for key in raw if key.endswith(("_errors", "timeouts")))
    return {
        "rps": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "requests": raw["requests"],
        "errors": errors,
        "kb_per_request": raw["bytes"] / max(raw["requests"], 1) / 1024,
    }


def measure(server, pages, args, script):
    """Baseline first and last (its mean is the reference), each page in between."""
    results = {}
    targets = [BASELINE, *pages]
    for label, path in targets:
        status, _length = get(server.base + path)
        if status != 200:
            raise RuntimeError(f"{label} {path} answered {status}; see {server.log_path}")
        if args.warmup:  # every worker fills its own page cache, connection, template cache
            wrk(server.base + path, args.warmup, *args.load, script)
    for label, path in targets:
        results[label] = {"url": path, **wrk(server.base + path, args.duration, *args.load, script)}
        log(f"    {label:<24} {path:<40} {results[label]['rps']:8.0f} req/s")
    again = wrk(server.base + BASELINE[1], args.duration, *args.load, script)
    log(f"    {'baseline, again':<24} {BASELINE[1]:<40} {again['rps']:8.0f} req/s")
    first = results[BASELINE[0]]
    first["rps_first"], first["rps_last"] = first["rps"], again["rps"]
    first["rps"] = (first["rps"] + again["rps"]) / 2
    return results


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


def task_queries(size_name):
    """Per page: queries and in-process time uncached, and queries of a second, cached request."""
    django_setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(headers={"host": HOST})
    answer = {"download_path": download_path(), "pages": {}}
    for label, path in PAGES:
        path = path or answer["download_path"]
        timings = []
        with override_settings(PAGE_CACHE_SECONDS=0):
            for _ in range(6):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(path)
                    b"".join(response) if response.streaming else response.content
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
        # Read now: the next request empties the connection's query log.
        queries = captured.captured_queries
        slowest = sorted(queries, key=lambda query: -float(query["time"]))[:3]
        cache.clear()
        with override_settings(PAGE_CACHE_SECONDS=600):
            client.get(path)
            with CaptureQueriesContext(connection) as cached:
                client.get(path)
            cached_queries = len(cached.captured_queries)
        answer["pages"][label] = {
            "url": path,
            "queries": len(queries),
            "cached_queries": cached_queries,
            "ms": statistics.median(timings[1:]),
            "slowest_sql": [
                {"ms": float(query["time"]) * 1000, "sql": query["sql"][:300]} for query in slowest
            ],
        }
    return answer


TASKS = {"fill": task_fill, "queries": task_queries}


# --- Report ------------------------------------------------------------------------------------


def verdict_cached(page):
    if page["ratio"] >= CACHED_MIN_RATIO:
        return "PASS"
    return "FAIL" + (" (never cached)" if page.get("cached_queries") else "")


def verdict_uncached(page):
    return "PASS" if page["p95_ms"] < UNCACHED_MAX_P95_MS else "FAIL"


def print_table(runs):
    header = (
        f"{'size':<6} {'cache':<5} {'page':<24} {'url':<44} {'req/s':>7} {'p50 ms':>7} "
        f"{'p95 ms':>7} {'ratio':>6} {'SQL':>4} {'KB':>5} {'err':>4}  target"
    )
    log()
    log(header)
    log("-" * len(header))
    for run_ in runs:
        size, mode = run_["size"], run_["cache"]
        for label, page in run_["pages"].items():
            is_baseline = label == BASELINE[0]
            if is_baseline:
                target = f"baseline (first {page['rps_first']:.0f}, last {page['rps_last']:.0f})"
            elif size != "large":
                target = "(targets judged at the large size)"
            elif mode == "on":
                target = f"ratio >= {CACHED_MIN_RATIO}: {page['verdict']}"
            else:
                target = f"p95 < {UNCACHED_MAX_P95_MS:.0f} ms: {page['verdict']}"
            queries = "" if is_baseline else page.get("queries_served", "")
            log(
                f"{size:<6} {mode:<5} {label:<24} {page['url'][:44]:<44} {page['rps']:7.0f} "
                f"{page['p50_ms']:7.1f} {page['p95_ms']:7.1f} {page['ratio']:6.2f} "
                f"{queries!s:>4} {page['kb_per_request']:5.0f} {page['errors']:>4}  {target}"
            )
        log(f"{'':<13}(load average before the run: {run_.get('load_average', 0):.2f})")
        log()


def growth_table(runs, queries):
    """Large against small data, uncached: the median latency and the number of queries."""
    by_key = {(run_["size"], run_["cache"]): run_ for run_ in runs}
    small, large = by_key.get(("small", "off")), by_key.get(("large", "off"))
    rows = []
    for label, _path in PAGES:
        row = {"page": label}
        if "small" in queries and "large" in queries:
            row["queries_small"] = queries["small"]["pages"][label]["queries"]
            row["queries_large"] = queries["large"]["pages"][label]["queries"]
            row["queries_verdict"] = (
                "PASS" if row["queries_small"] == row["queries_large"] else "FAIL"
            )
            row["inproc_small_ms"] = queries["small"]["pages"][label]["ms"]
            row["inproc_large_ms"] = queries["large"]["pages"][label]["ms"]
        if small and large:
            row["p50_small_ms"] = small["pages"][label]["p50_ms"]
            row["p50_large_ms"] = large["pages"][label]["p50_ms"]
            row["growth"] = row["p50_large_ms"] / row["p50_small_ms"]
            limit = row["p50_small_ms"] * GROWTH_MAX_RATIO + GROWTH_ALLOWANCE_MS
            row["growth_verdict"] = "PASS" if row["p50_large_ms"] <= limit else "FAIL"
        rows.append(row)
    if not rows or len(rows[0]) == 1:
        return rows
    log("Large (100 000 subsidies) against small (100), uncached")
    header = (
        f"{'page':<24} {'SQL small':>9} {'SQL large':>9}  {'fixed':<5} {'1-req ms S':>10} "
        f"{'1-req ms L':>10} {'p50 ms S':>9} {'p50 ms L':>9} {'growth':>6}  verdict"
    )
    log(header)
    log("-" * len(header))
    for row in rows:
        log(
            f"{row['page']:<24} {row.get('queries_small', ''):>9} "
            f"{row.get('queries_large', ''):>9}  {row.get('queries_verdict', ''):<5} "
            f"{row.get('inproc_small_ms', 0):10.1f} {row.get('inproc_large_ms', 0):10.1f} "
            f"{row.get('p50_small_ms', 0):9.1f} {row.get('p50_large_ms', 0):9.1f} "
            f"{row.get('growth', 0):6.2f}  {row.get('growth_verdict', '')}"
        )
    log(
        f"(growth PASS: large p50 <= small p50 x {GROWTH_MAX_RATIO} + {GROWTH_ALLOWANCE_MS} ms; "
        "1-req ms: one request at a time, in-process, no HTTP)"
    )
    return rows


# --- Main --------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--size", choices=["small", "large", "both"], default="both")
    parser.add_argument("--cache", choices=["on", "off", "both"], default="both")
    parser.add_argument("--reset", action="store_true", help="drop and refill the database(s)")
    parser.add_argument("--skip-fill", action="store_true", help="use the databases as they are")
    parser.add_argument("--fill-only", action="store_true", help="only prepare the data")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
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
    modes = {"both": [("on", 600), ("off", 0)], "on": [("on", 600)], "off": [("off", 0)]}
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    started_at = datetime.now(UTC)
    report = {
        "started": started_at.isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "wrk_threads": args.threads,
            "duration_s": args.duration,
        },
        "counts": {},
        "queries": {},
        "runs": [],
    }
    script = BENCH_VAR / "wrk-report.lua"
    script.write_text(WRK_SCRIPT)

    for size in sizes:
        url = database_url_for(args.database_url, size, both=len(sizes) > 1)
        check_database_name(url)
        log(f"== {size} data set: {database_name(url)}")
        if not args.skip_fill:
            report["counts"][size] = prepare_database(url, size, args.reset)
        if args.fill_only:
            continue
        collectstatic(url)
        log("Counting the queries of each page (in-process)")
        queries = run_task("queries", url, size, timeout=600)
        report["queries"][size] = queries
        pages = [(label, path or queries["download_path"]) for label, path in PAGES]
        for mode, seconds in modes[args.cache]:
            load_average = wait_idle(args.wait_idle)
            log(
                f"  cache {mode} (PAGE_CACHE_SECONDS={seconds}), {args.workers} workers, "
                f"{args.connections} connections, {args.duration} s per page, "
                f"load average {load_average:.2f}"
            )
            with Server(url, seconds, args.workers, free_port()) as server:
                results = measure(server, pages, args, script)
            baseline_rps = results[BASELINE[0]]["rps"]
            for label, page in results.items():
                page["ratio"] = page["rps"] / baseline_rps
                if label == BASELINE[0]:
                    continue
                counted = queries["pages"][label]
                page["queries"] = counted["queries"]
                page["cached_queries"] = counted["cached_queries"]
                page["queries_served"] = counted["cached_queries" if mode == "on" else "queries"]
                page["verdict"] = verdict_cached(page) if mode == "on" else verdict_uncached(page)
            report["runs"].append(
                {"size": size, "cache": mode, "load_average": load_average, "pages": results}
            )

    if not report["runs"]:
        return
    print_table(report["runs"])
    report["growth"] = growth_table(report["runs"], report["queries"])
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"load-{started_at:%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, default=str))
    log(f"\nFigures written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
