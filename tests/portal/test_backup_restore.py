"""A backup of a loaded PostgreSQL database, restored into an empty one, gives the same site."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.db import connection

pytestmark = [pytest.mark.django_db(transaction=True)]

# Renders pages and computes totals in a separate process against DATABASE_URL/MEDIA_ROOT.
PROBE = r"""
import hashlib, json, os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "essonne_intl.settings"
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.PAGE_CACHE_SECONDS = 0
from django.apps import apps
client = Client()
pages = {}
for url in json.loads(os.environ["PROBE_URLS"]):
    response = client.get(url)
    body = b"".join(response) if response.streaming else response.content
    pages[url] = [response.status_code, hashlib.sha256(body).hexdigest()]
counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()
          if m._meta.app_label in {"cooperation", "subsidies", "cresi", "europe"}}
media = sorted(
    os.path.relpath(os.path.join(root, name), settings.MEDIA_ROOT)
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT) for name in files
)
print(json.dumps({"pages": pages, "counts": counts, "media": media}))
"""


def probe(database_url, media_root, urls):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root), PROBE_URLS=json.dumps(urls))
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_script(script, database_url, media_root, folder):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        ["bash", f"scripts/{script}", str(folder)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run(script, database_url, media_root, folder):
    result = run_script(script, database_url, media_root, folder)
    assert result.returncode == 0, result.stdout + result.stderr


def test_backup_then_restore_into_an_empty_database_gives_the_same_site(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("backups are made with pg_dump: PostgreSQL only")
    from django.core.management import call_command

    media = settings.MEDIA_ROOT  # the test's own folder (tests/conftest.py)
    call_command("load_demo", verbosity=0)

    params = connection.settings_dict
    base = f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    source_url = f"{base}/{params['NAME']}"
    restored_name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        urls = [
            "/",
            "/cooperation/",
            "/cooperation/mali/",
            "/cooperation/actions/",
            "/subventions/",
            "/subventions/export.csv",
            "/chiffres-cles/",
            "/cresi/",
            "/cresi/ressources/",
            "/europe/",
            "/recherche/?q=haiti",
        ]
        run("backup.sh", source_url, media, tmp_path / "backup")
        before = probe(source_url, media, urls)
        restored_media = tmp_path / "restored-media"
        run("restore.sh", f"{base}/{restored_name}", restored_media, tmp_path / "backup")
        after = probe(f"{base}/{restored_name}", restored_media, urls)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)')

    assert before["counts"] == after["counts"]
    assert before["media"] == after["media"] and before["media"], "demo files are backed up"
    for url in urls:
        assert before["pages"][url][0] == 200, url
    # Pages that count views count one in each probe, from the same backed-up count.
    assert before["pages"] == after["pages"]


@pytest.mark.django_db
def test_backup_refuses_a_missing_media_folder(tmp_path):
    result = run_script(
        "backup.sh", "postgres://nobody@127.0.0.1:1/nowhere", tmp_path / "absent", tmp_path / "out"
    )
    assert result.returncode != 0
    assert "no media folder" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.django_db
def test_restore_refuses_to_mix_files_into_a_full_media_folder(tmp_path):
    backup = tmp_path / "backup"
    backup.mkdir()
    (backup / "database.dump").write_bytes(b"")
    (backup / "media.tar.gz").write_bytes(b"")
    media = tmp_path / "media"
    media.mkdir()
    (media / "stray.pdf").write_bytes(b"%PDF")
    result = run_script("restore.sh", "postgres://nobody@127.0.0.1:1/x", media, backup)
    assert result.returncode != 0
    assert "not empty" in result.stderr
