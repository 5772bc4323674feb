"""Views and downloads are added up in memory and written in batches (core/counters.py)."""

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from django.db import DatabaseError, connection

from cooperation.models import Zone
from core import counters
from core.content_version import content_version
from cresi.models import Resource
from tests.cresi.factories import ResourceFactory
from tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def batched(settings):
    settings.COUNTER_FLUSH_SECONDS = 3600
    counters.counts.flush()  # starts a new interval


def test_cached_page_views_are_written_in_one_batch(client, batched, django_assert_num_queries):
    ZoneFactory(slug="mali")
    ZoneFactory(slug="haiti")
    content_version()
    for _ in range(5):
        client.get("/cooperation/mali/")
    client.get("/cooperation/haiti/")
    with django_assert_num_queries(0):  # served from the cache, counted in memory
        client.get("/cooperation/mali/")
    assert set(Zone.objects.values_list("view_count", flat=True)) == {0}

    # The rows locked in key order, then one UPDATE per increment, in one transaction.
    with django_assert_num_queries(3 + 2):  # + the savepoint the test's transaction needs
        counters.counts.flush()
    assert dict(Zone.objects.values_list("slug", "view_count")) == {"mali": 6, "haiti": 1}
    assert counters.counts.pending() == {}


def test_downloads_are_written_with_the_next_batch(client, batched, settings):
    resource = ResourceFactory(slug="guide")
    for _ in range(3):
        response = client.get("/cresi/ressources/guide/telecharger/")
        b"".join(response.streaming_content)
    assert Resource.objects.get().download_count == 0
    settings.COUNTER_FLUSH_SECONDS = 0  # the interval has passed: the next count writes all
    client.get("/cresi/ressources/guide/telecharger/")
    resource.refresh_from_db()
    assert resource.download_count == 4


def test_counts_kept_when_the_database_refuses_them(batched, monkeypatch):
    zone = ZoneFactory()
    zone.record_view()

    def refuse(counts):
        raise DatabaseError("the server is restarting")

    monkeypatch.setattr(counters, "write_counts", refuse)
    counters.counts.flush()
    assert counters.counts.pending() == {("cooperation.Zone", "view_count", zone.pk): 1}
    monkeypatch.undo()
    zone.record_view()
    counters.counts.flush()
    assert Zone.objects.get().view_count == 2


def test_a_count_of_a_deleted_record_is_dropped_quietly(batched):
    zone = ZoneFactory()
    kept = ZoneFactory()
    zone.record_view()
    kept.record_view()
    zone.delete()
    counters.counts.flush()
    assert Zone.objects.get().view_count == 1
    assert counters.counts.pending() == {}


def test_a_page_shows_the_count_including_this_view(client, batched, settings):
    settings.PAGE_CACHE_SECONDS = 0
    ZoneFactory(slug="mali")
    assert "1 vue" in client.get("/cooperation/mali/").text
    assert "2 vues" in client.get("/cooperation/mali/").text  # held, not yet written
    counters.counts.flush()
    assert "3 vues" in client.get("/cooperation/mali/").text


@pytest.mark.django_db(transaction=True)
def test_a_server_stopping_writes_the_counts_it_holds(tmp_path):
    """gunicorn workers stopped gracefully (a deploy, a restart) write their counts first."""
    if connection.vendor != "postgresql":
        pytest.skip("the server needs a database another process can reach")
    ZoneFactory(slug="mali")
    database = connection.settings_dict
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "COUNTER_FLUSH_SECONDS": "3600",
        "MEDIA_ROOT": str(tmp_path),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "essonne_intl.wsgi", "--workers=2", f"--bind={address}"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Until the server answers, asked on a page that counts nothing: a counted page whose
        # answer came too late for the client (a busy machine) would still have been counted.
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://{address}/healthz", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        url = f"http://{address}/cooperation/mali/"
        for _ in range(5):
            urllib.request.urlopen(url, timeout=60).close()
        assert Zone.objects.get().view_count == 0  # held by the workers
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    assert Zone.objects.get().view_count == 5


@pytest.mark.django_db(transaction=True)
def test_the_timer_writes_the_counts_without_waiting_for_another_visit(
    client, settings, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("the timer's thread needs a database another connection can reach")
    settings.COUNTER_FLUSH_SECONDS = 0.2
    # The timer waits for the test to have seen the counts held, however slow the machine.
    counts_seen = threading.Event()
    flush_from_timer = counters.counts._flush_from_timer

    def flush_once_seen():
        counts_seen.wait(timeout=30)
        flush_from_timer()

    monkeypatch.setattr(counters.counts, "_flush_from_timer", flush_once_seen)
    ZoneFactory(slug="mali")
    client.get("/cooperation/mali/")
    client.get("/cooperation/mali/")
    assert Zone.objects.get().view_count == 0
    counts_seen.set()
    for _attempt in range(50):
        time.sleep(0.1)
        if Zone.objects.get().view_count:
            break
    assert Zone.objects.get().view_count == 2
    assert counters.counts.pending() == {}


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_process_starts_with_no_counts_of_its_own(batched):
    """With gunicorn --preload, a count held by the master would be written by every worker."""
    zone = ZoneFactory()
    zone.record_view()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe()
    child = context.Process(target=lambda: sender.send(counters.counts.pending()))
    child.start()
    assert receiver.recv() == {}
    child.join()
    assert counters.counts.pending() == {("cooperation.Zone", "view_count", zone.pk): 1}
