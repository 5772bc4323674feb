"""Benchmark of the subsidies pages, export and import on PostgreSQL with 100 000 decisions.

Run by hand, not by pytest (it takes a few minutes and fills a database of its own):

    .venv/bin/python bench/subsidies.py
    .venv/bin/python bench/subsidies.py --database-url postgres://postgres@127.0.0.1:5432/other

It creates the database if needed (``essonne_subsidies_bench`` by default), migrates it, loads
the demo content and adds subsidies until there are 100 000; then it starts the portal
(gunicorn, one worker, page cache off) on a free loopback port and measures:

- ``/subventions/``, first page and a filtered page (year, zone, sorted by amount): median and
  95th percentile of 30 requests each;
- the full CSV export: time, rows, size, and the server worker's peak memory (``VmHWM`` in
  ``/proc/<pid>/status``) after a small export and after the full one: flat if streaming works;
- an import of 10 000 new rows through ``subsidy_import`` (then the same file again, which
  changes nothing), removed afterwards so that the next run starts from the same data.

Every request goes to 127.0.0.1 only; the loops are bounded and the server is stopped at the end.
"""

import argparse
import csv
import io
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/essonne_subsidies_bench"
TARGET = 100_000
IMPORT_ROWS = 10_000
REQUESTS = 30
IMPORT_PREFIX = "BENCH-IMPORT-"
# Targets of issue 18.
IMPORT_MAX_SECONDS = 5
IMPORT_MAX_MIB = 100  # peak resident memory of the whole import process
EXPORT_FIRST_ROW_MAX_MS = 50
EXPORT_RUNS = 5


def setup_django(database_url):
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "essonne_intl.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database(database_url):
    import psycopg2
    from psycopg2 import sql

    name = database_url.rsplit("/", 1)[1]
    admin_url = database_url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(admin_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    connection.close()


def fill(target):
    """Adds published subsidies (and beneficiaries) until there are ``target`` of them."""
    from django.core.management import call_command
    from django.db import connection
    from stdnum import luhn

    from cooperation.choices import Domain
    from cooperation.models import Zone
    from subsidies.choices import Nature, PaymentConditions
    from subsidies.models import Beneficiary, Subsidy

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    missing = target - Subsidy.objects.count()
    if missing <= 0:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(91)
    beneficiaries = []
    for number in range(2_000):
        siren = f"8{number:07d}"
        siren += luhn.calc_check_digit(siren)
        nic = "0001"
        siret = siren + nic + luhn.calc_check_digit(siren + nic)
        beneficiaries.append(Beneficiary(name=f"Association de banc d'essai {number}", siret=siret))
    Beneficiary.objects.bulk_create(beneficiaries, ignore_conflicts=True, batch_size=1000)
    beneficiaries = list(Beneficiary.objects.filter(name__startswith="Association de banc"))
    zones = list(Zone.objects.published())
    domains = [choice for choice, _label in Domain.choices]
    batch = []
    for index in range(missing):
        signed = date(2000, 1, 1) + timedelta(days=rng.randrange(26 * 365))
        beneficiary = rng.choice(beneficiaries)
        batch.append(
            Subsidy(
                beneficiary=beneficiary,
                siret=beneficiary.siret,  # the SIRET each decision is published with
                convention_date=signed,
                reference=f"BENCH-{signed:%Y}-{index:06d}",
                object=f"Projet de solidarité internationale n° {index}",
                amount=Decimal(rng.randrange(500, 200_000)),
                nature=Nature.CASH,
                payment_conditions=PaymentConditions.SINGLE,
                payment_start=signed,
                zone=rng.choice(zones),
                domain=rng.choice(domains),
                is_published=True,
            )
        )
        if len(batch) == 5_000:
            Subsidy.objects.bulk_create(batch)
            batch = []
    Subsidy.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "PAGE_CACHE_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "essonne_intl.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "1",
        "--timeout",
        "300",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/subventions/", timeout=30).read()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        raise SystemExit("the server did not start")
    return server, base


def worker_pid(server):
    """gunicorn's single worker, a child of the master process."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return int(children[0]) if children else server.pid


def process_cpu_seconds(pid):
    """utime + stime of a process, from ``/proc/<pid>/stat``."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_kib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def time_requests(url, count=REQUESTS):
    urllib.request.urlopen(url, timeout=60).read()  # warm-up
    durations = []
    for _ in range(count):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as response:
            response.read()
            assert response.status == 200
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1]


def download(url):
    """(seconds in all, seconds to the first row after the header, rows, bytes)."""
    started = time.perf_counter()
    rows = size = 0
    first_row = None
    with urllib.request.urlopen(url, timeout=600) as response:
        for line in response:
            size += len(line)
            rows += 1
            if rows == 2:
                first_row = time.perf_counter() - started
    return time.perf_counter() - started, first_row or 0.0, rows - 1, size


def bench_siret(number):
    """The SIRET of the ``number``-th beneficiary :func:`fill` adds."""
    from stdnum import luhn

    siren = f"8{number:07d}"
    siren += luhn.calc_check_digit(siren)
    nic = "0001"
    return siren + nic + luhn.calc_check_digit(siren + nic)


def import_file(rows, beneficiaries=2_000):
    """A SCDL file of ``rows`` new decisions for the ``beneficiaries`` :func:`fill` added, who
    already hold every decision of the data set (50 each at 100 000): the import must find
    them, and may not load their history to do so."""
    from django.conf import settings

    from subsidies.scdl import COLUMNS

    rng = random.Random(7)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for index in range(rows):
        signed = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        writer.writerow(
            [
                settings.PUBLISHER_NAME,
                settings.PUBLISHER_SIRET,
                signed.isoformat(),
                f"{IMPORT_PREFIX}{index:05d}",
                f"Association de banc d'essai {index % beneficiaries}",
                bench_siret(index % beneficiaries),
                "",
                "Projet importé pour le banc d'essai",
                f"{rng.randrange(500, 50_000)}.00",
                "aide en numéraire",
                "unique",
                signed.isoformat(),
                "",
                "non",
                "1.00",
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


def run_import(database_url, path, dry_run):
    """``manage.py import_subsidies`` in a process of its own: (seconds, CPU seconds of the
    process and of its PostgreSQL backend, peak memory of the process in MiB, its memory once
    Django is set up in MiB, the command's last line)."""
    command = [sys.executable, __file__, "--database-url", database_url, "--import-task", path]
    if dry_run:
        command.append("--dry-run")
    finished = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )
    if finished.returncode:
        raise SystemExit(f"the import failed: {finished.stderr or finished.stdout}")
    result = json.loads(finished.stdout.strip().splitlines()[-1])
    return (
        result["seconds"],
        result["cpu"],
        result["peak_mib"],
        result["setup_mib"],
        result["output"],
    )


def import_task(database_url, path, dry_run):
    """Child process of :func:`run_import`: prints its figures as JSON."""
    setup_django(database_url)
    from django.core.management import call_command

    # VmHWM, not ru_maxrss: Linux keeps the latter across exec, from the parent process.
    setup_mib = peak_memory_kib(os.getpid()) / 1024
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    out = io.StringIO()
    started = time.perf_counter()
    cpu_started = time.process_time() + process_cpu_seconds(backend)
    call_command("import_subsidies", path, *(["--dry-run"] if dry_run else []), stdout=out)
    seconds = time.perf_counter() - started
    cpu = time.process_time() + process_cpu_seconds(backend) - cpu_started
    peak_mib = peak_memory_kib(os.getpid()) / 1024
    output = out.getvalue().strip().splitlines()[-1]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "peak_mib": peak_mib,
                "setup_mib": setup_mib,
                "output": output,
            }
        )
    )


def measure_import(database_url):
    """The import of :func:`import_file`'s rows: a dry run, the real import, the same file again
    (every row unchanged); then the rows it added are removed, so that the next run starts from
    the same data."""
    from subsidies.models import Subsidy

    results = []
    with tempfile.NamedTemporaryFile(suffix=".csv") as file:
        file.write(import_file(IMPORT_ROWS))
        file.flush()
        for label, dry_run in (
            ("dry run", True),
            ("import", False),
            ("same file again", False),
        ):
            results.append((label, *run_import(database_url, file.name, dry_run)))
    imported = Subsidy.objects.filter(reference__startswith=IMPORT_PREFIX)
    Subsidy.history.filter(reference__startswith=IMPORT_PREFIX).delete()
    imported.delete()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--subsidies", type=int, default=TARGET)
    parser.add_argument("--import-only", action="store_true", help="only measure the import")
    parser.add_argument("--import-task", help=argparse.SUPPRESS)
    parser.add_argument("--dry-run", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        raise SystemExit("the benchmark runs on PostgreSQL: give a postgres:// URL")
    if options.import_task:
        import_task(options.database_url, options.import_task, options.dry_run)
        return

    create_database(options.database_url)
    setup_django(options.database_url)
    from subsidies.models import Subsidy

    fill_time = fill(options.subsidies)
    count = Subsidy.objects.published().count()
    print(f"{count} published subsidies" + (f" (filled in {fill_time:.0f} s)" if fill_time else ""))
    print(f"load average of the machine: {os.getloadavg()[0]:.2f}")

    if not options.import_only:
        measure_server(options.database_url)
    imports = measure_import(options.database_url)
    print()
    print(
        f"import of {IMPORT_ROWS} rows for the 2 000 beneficiaries who hold the data set's "
        "decisions (manage.py import_subsidies, a process of its own):"
    )
    print(f"{'':18} {'time':>7} {'CPU':>7} {'peak memory':>12} {'(Django alone)':>15}  target")
    for label, seconds, cpu, peak, setup, output in imports:
        verdict = "PASS" if cpu < IMPORT_MAX_SECONDS and peak < IMPORT_MAX_MIB else "FAIL"
        print(
            f"{label:18} {seconds:6.1f}s {cpu:6.1f}s {peak:8.0f} MiB {setup:11.0f} MiB  "
            f"CPU < {IMPORT_MAX_SECONDS} s and < {IMPORT_MAX_MIB} MiB: {verdict}"
        )
        print(f"{'':18} {output}")
    print(
        "(time: wall clock, which other work on the machine stretches; CPU: the process's and "
        "its PostgreSQL backend's, from /proc, which it does not)"
    )
    print(f"load average of the machine: {os.getloadavg()[0]:.2f}")


def measure_server(database_url):
    server, base = start_server(database_url)
    try:
        pid = worker_pid(server)
        results = []
        for label, path in [
            ("/subventions/ first page", "/subventions/"),
            ("/subventions/ filtered", "/subventions/?annee=2015&zone=mali&tri=-montant"),
            ("/chiffres-cles/", "/chiffres-cles/"),
        ]:
            median, p95 = time_requests(base + path)
            results.append((label, median, p95))
        memory_start = peak_memory_kib(pid)
        small = download(base + "/subventions/export.csv?annee=2015")
        memory_small = peak_memory_kib(pid)
        download(base + "/subventions/export.csv")  # warm-up: the table's pages in memory
        firsts = []
        for _ in range(EXPORT_RUNS):
            full_time, first_row, full_rows, full_size = download(base + "/subventions/export.csv")
            firsts.append(first_row)
        memory_full = peak_memory_kib(pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    print()
    print(f"{'page':32} {'median':>9} {'p95':>9}")
    for label, median, p95 in results:
        print(f"{label:32} {median:7.1f}ms {p95:7.1f}ms")
    print()
    seconds, first, rows, _size = small
    print(f"CSV export, {rows} rows (2015): {seconds:.2f} s, first row after {first * 1000:.0f} ms")
    first_row = statistics.median(firsts)
    verdict = "PASS" if first_row * 1000 < EXPORT_FIRST_ROW_MAX_MS else "FAIL"
    print(
        f"CSV export, all {full_rows} rows: {full_time:.2f} s, {full_size / 1e6:.1f} MB, "
        f"{full_rows / full_time:,.0f} rows/s; first row after {first_row * 1000:.0f} ms "
        f"(median of {EXPORT_RUNS}; < {EXPORT_FIRST_ROW_MAX_MS} ms: {verdict})"
    )
    print(
        f"server worker peak memory (VmHWM): {memory_start / 1024:.1f} MiB after the pages, "
        f"{memory_small / 1024:.1f} MiB after the small export, "
        f"{memory_full / 1024:.1f} MiB after the full exports"
    )


if __name__ == "__main__":
    main()
