"""Staff sessions end when idle or too old; the public site sets no session cookie; sign-in
attempts are throttled per user name (issue: hardening)."""

import time

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("agent", password="le-bon-mot-de-passe")
    client.force_login(user)
    return user


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_staff_session_ends_after_thirty_minutes_idle(client, staff, settings):
    assert settings.ADMIN_SESSION_IDLE_SECONDS == 30 * 60
    assert client.get("/admin/").status_code == 200
    age_session(client, last_seen_at=29 * 60)
    assert client.get("/admin/").status_code == 200
    age_session(client, last_seen_at=31 * 60)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_staff_session_ends_twelve_hours_after_signing_in_however_busy(client, staff, settings):
    assert settings.ADMIN_SESSION_MAX_SECONDS == 12 * 3600
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    client.get("/admin/")
    age_session(client, signed_in_at=12 * 3600 - 60, last_seen_at=10)
    assert client.get("/admin/").status_code == 200
    age_session(client, signed_in_at=12 * 3600 + 60, last_seen_at=10)
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "url", ["/", "/cooperation/", "/subventions/", "/cresi/", "/europe/accompagnement/", "/en/"]
)
def test_public_pages_set_no_session_cookie(client, url, settings):
    response = client.get(url)
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_sign_ins_are_throttled_per_user_name_from_any_address(client, settings):
    settings.ADMIN_LOGIN_USERNAME_RATE = "3/h"
    settings.AXES_FAILURE_LIMIT = 100  # the address lockout is not what is tried here
    get_user_model().objects.create_superuser("agent", password="le-bon-mot-de-passe")
    for host in range(3):
        client.post(
            "/admin/login/",
            {"username": "agent", "password": "faux"},
            REMOTE_ADDR=f"198.51.100.{host}",
        )
    response = client.post(
        "/admin/login/",
        {"username": "Agent ", "password": "le-bon-mot-de-passe"},
        REMOTE_ADDR="203.0.113.7",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    other = client.post(
        "/admin/login/", {"username": "autre", "password": "x"}, REMOTE_ADDR="203.0.113.7"
    )
    assert other.status_code == 200  # another name: the form again, with its error
