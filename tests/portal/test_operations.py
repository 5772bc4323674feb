import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.factories import ActionFactory, ZoneFactory


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.12")  # a balancer probes by address
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert response["Cache-Control"] == "no-store"


def test_healthz_answers_503_when_the_database_does_not():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code)"
    )
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/nowhere"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "essonne_intl.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip().splitlines()[-1] == "503", result.stderr


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


@pytest.mark.django_db
def test_sitemap_lists_published_pages_in_both_languages(client):
    action = ActionFactory(zone=ZoneFactory(slug="mali"))
    ActionFactory(slug="brouillon", is_published=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    body = response.text
    assert "http://testserver/cooperation/mali/" in body
    assert "http://testserver/en/cooperation/mali/" in body
    assert f"http://testserver{action.get_absolute_url()}" in body
    assert "brouillon" not in body


@pytest.mark.django_db
def test_friendly_404_in_the_site_look(client):
    response = client.get("/cooperation/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert 'class="site-header"' in response.text


def test_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Une erreur est survenue" in page


@pytest.mark.django_db
def test_healthz_carries_the_security_headers(client):
    response = client.get("/healthz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_refused_form_token_gets_a_page_in_the_site_look():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/europe/accompagnement/", {})
    assert response.status_code == 403
    assert "pas pu être vérifié" in response.text
    assert 'class="site-header"' in response.text


# The web server's transaction has read (a shared lock) when the queue's worker asks for the
# database (``db_worker`` takes it whole, ``BEGIN EXCLUSIVE``); the web server then writes.
SQLITE_WITH_A_WORKER = """
import sqlite3, sys, threading, time
import django
django.setup()
from django.db import connection, transaction

path = sys.argv[1]
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x integer)")

def worker():
    other = sqlite3.connect(path, timeout=10, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("COMMIT")

with transaction.atomic():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM t")
        thread = threading.Thread(target=worker)
        thread.start()
        time.sleep(0.5)  # the worker now waits for the database, holding its place in line
        cursor.execute("INSERT INTO t VALUES (1)")
thread.join()
print("written")
"""


def test_on_sqlite_the_web_server_and_the_queue_worker_share_the_database(tmp_path):
    """``make run`` serves from SQLite with the e-mail queue's worker beside it: a request
    that reads, then writes, while the worker asks for the database, waits for it rather than
    failing with « database is locked »."""
    path = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "essonne_intl.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_WITH_A_WORKER, str(path)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "written", result.stderr
