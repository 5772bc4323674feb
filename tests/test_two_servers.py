"""Two app servers on one PostgreSQL and one Redis keep the guarantees of one.

Each test starts two real gunicorn servers (production-like: DEBUG off, page cache on, Redis
for the cache and the rate limits) on this test's database, and talks to them over HTTP as
browsers would. Nothing here waits a fixed time to decide: each wait polls with a deadline.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from cooperation.models import Zone
from core.tokens import token_digest
from portal.models import LegalPage
from tests.cresi.factories import RegistrationFactory, TrainingSessionFactory
from tests.europe.test_views import FORM_URL, VALID_FORM
from tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db(transaction=True)

REDIS_HOST = ("127.0.0.1", 6379)
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def redis_answers():
    try:
        with socket.create_connection(REDIS_HOST, timeout=1) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def free_address():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


def wait_until(condition, *, seconds=20, what="the condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {seconds} s")


class Browser:
    """A visitor with cookies, talking to one server."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            NoRedirect(),
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path):
        return self.request(path)

    def post_form(self, path, data, form_path=None):
        """Posts ``data`` with the CSRF token of the page that shows the form."""
        _status, page = self.get(form_path or path)
        token = CSRF_FIELD.search(page).group(1)
        return self.request(path, {**data, "csrfmiddlewaretoken": token})


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def servers(tmp_path, settings):
    """Two gunicorn servers, A and B, sharing this test's database and a Redis database."""
    # Passwords hashed as the servers check them (the tests' fast MD5 is not among theirs).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    if connection.vendor != "postgresql":
        pytest.skip("two servers need a database both can reach (PostgreSQL)")
    if not redis_answers():
        if os.environ.get("CI"):
            pytest.fail("Redis does not answer on 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("no Redis on 127.0.0.1:6379")
    # A database of this run's own (and worker's, under pytest -n), emptied before and after.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    run = os.getppid() if worker else os.getpid()
    redis_db = 1 + (run * 7 + int((worker or "gw0").removeprefix("gw"))) % 15
    flush_redis(redis_db)
    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    environment = {
        **os.environ,
        "DJANGO_ENV": "development",
        "DEBUG": "0",
        "SECRET_KEY": "two-servers-share-one-secret-key-for-their-sessions-and-tokens",
        "DATABASE_URL": f"postgres://{credentials}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}",
        "REDIS_URL": f"redis://{REDIS_HOST[0]}:{REDIS_HOST[1]}/{redis_db}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "MEDIA_ROOT": str(tmp_path),
        "PAGE_CACHE_SECONDS": "600",
        "COUNTER_FLUSH_SECONDS": "0.2",
        "FORM_RATE_LIMIT": "2/h",
        "AXES_FAILURE_LIMIT": "3",
    }
    addresses = [free_address(), free_address()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "essonne_intl.wsgi", "--workers=2", f"--bind={a}"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for a in addresses
    ]
    bases = [f"http://{address}" for address in addresses]
    try:
        for base in bases:
            # Generous: a busy machine starts gunicorn slowly, and only a failure waits it out.
            wait_until(lambda base=base: answers(base), seconds=180, what=f"{base} answering")
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                process.kill()  # its connections would keep the test database from being dropped
                process.wait()
        flush_redis(redis_db)


def answers(base):
    try:
        urllib.request.urlopen(base + "/healthz", timeout=2).close()
        return True
    except OSError:
        return False


def flush_redis(db):
    with socket.create_connection(REDIS_HOST, timeout=5) as redis:
        redis.sendall(f"SELECT {db}\r\nFLUSHDB\r\n".encode())
        redis.recv(64)


def test_a_change_made_through_one_server_shows_on_the_other_at_once(servers):
    a, b = servers
    get_user_model().objects.create_superuser("agent", password="le-bon-mot-de-passe")
    page, _created = LegalPage.objects.get_or_create(
        key="legal-notice", defaults={"title": "Mentions légales", "body": "Éditeur : …"}
    )
    visitor = Browser(b)
    assert "Mentions légales" in visitor.get("/mentions-legales/")[1]
    assert "Mentions légales" in visitor.get("/mentions-legales/")[1]  # from B's cache now

    staff = Browser(a)
    status, _page = staff.post_form(
        "/admin/login/?next=/admin/",
        {"username": "agent", "password": "le-bon-mot-de-passe"},
    )
    assert status == 302
    status, _page = staff.post_form(
        f"/admin/portal/legalpage/{page.pk}/change/",
        {"title": "Mentions légales du portail", "body": page.body, "title_en": "", "body_en": ""},
    )
    assert status == 302
    assert "Mentions légales du portail" in visitor.get("/mentions-legales/")[1]


def test_form_rate_limits_and_login_lockouts_count_across_both_servers(servers):
    a, b = servers
    assert Browser(a).post_form(FORM_URL, VALID_FORM)[0] == 302
    assert Browser(b).post_form(FORM_URL, VALID_FORM)[0] == 302
    assert Browser(a).post_form(FORM_URL, VALID_FORM)[0] == 429  # the third, wherever it lands

    get_user_model().objects.create_superuser("agent", password="le-bon-mot-de-passe")
    wrong = {"username": "agent", "password": "faux"}
    statuses = [Browser(base).post_form("/admin/login/", wrong)[0] for base in (a, b, a)]
    assert statuses == [200, 200, 429]  # the third failure, on either server, locks
    right = {"username": "agent", "password": "le-bon-mot-de-passe"}
    assert Browser(b).post_form("/admin/login/", right)[0] == 429  # locked on B too


def test_views_counted_by_both_servers_add_up(servers):
    a, b = servers
    zone = ZoneFactory(slug="mali")
    for base, views in ((a, 3), (b, 2)):
        for _ in range(views):
            assert Browser(base).get(f"/cooperation/{zone.slug}/")[0] == 200
    wait_until(
        lambda: Zone.objects.get(pk=zone.pk).view_count == 5,
        what="five views written by the two servers",
    )


def test_a_training_session_is_never_overbooked_across_both_servers(servers):
    """Eight people confirm their address at the same moment, half through each server, for
    three places: three hold a place, five are told the session is full, whatever the order."""
    a, b = servers
    session = TrainingSessionFactory(capacity=3)
    tokens = [f"jeton-de-confirmation-{number}" for number in range(8)]
    for token in tokens:
        RegistrationFactory(session=session, pending=True, confirm_token_hash=token_digest(token))
    visitors = [(Browser(a if number % 2 else b), token) for number, token in enumerate(tokens)]
    forms = []
    for visitor, token in visitors:
        path = f"/cresi/formations/confirmation/{token}/"
        status, page = visitor.get(path)
        assert status == 200 and "Confirmer mon inscription" in page
        forms.append((visitor, path, CSRF_FIELD.search(page).group(1)))

    start = threading.Barrier(len(forms))

    def confirm(visitor, path, csrf_token):
        start.wait()
        return visitor.request(path, {"csrfmiddlewaretoken": csrf_token})

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        answers = list(pool.map(lambda form: confirm(*form), forms))

    assert [status for status, _page in answers] == [200] * 8
    confirmed = [page for _status, page in answers if "Votre inscription est confirmée" in page]
    full = [page for _status, page in answers if "La session s'est remplie" in page]
    assert (len(confirmed), len(full)) == (3, 5)
    assert session.registrations.filter(confirmed_at__isnull=False).count() == 3
    assert session.registrations.count() == 3  # the refused requests are erased
