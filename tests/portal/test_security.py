import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

STRONG_KEY = "k7#Qz9!vR2@pL5$wX8^mN1&bT4*yH6(jC3)fG0-sD_eA+uK=oI"


def run_manage(*args, env_overrides):
    # The browser tests relax Django's async-safety check for their own process only.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "international.essonne.fr",
    "CSRF_TRUSTED_ORIGINS": "https://international.essonne.fr",
    "PUBLICATION_DIRECTOR": "Prénom Nom, président du conseil départemental de l'Essonne",
}


def test_deploy_checks_pass_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_checks_pass_with_redis_too():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret", ["", "short-key"])
def test_production_refuses_to_start_without_a_strong_secret(secret):
    result = run_manage("check", env_overrides={**PRODUCTION_ENV, "SECRET_KEY": secret})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_security_headers_on_every_response(client):
    for url in ["/", "/cooperation/", "/cooperation/introuvable/", "/admin/login/"]:
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp


def test_public_pages_carry_no_inline_script_or_style(client):
    for url in ["/", "/cooperation/", "/cooperation/actions/", "/cooperation/urgences/"]:
        page = client.get(url).text
        assert "<script>" not in page and "<script type" not in page
        assert " style=" not in page and "<style" not in page
        assert " onclick=" not in page and " onload=" not in page


class TestAdminLogin:
    def login(self, client, password):
        return client.post(
            "/admin/login/?next=/admin/",
            {"username": "agent", "password": password},
            REMOTE_ADDR="203.0.113.7",
        )

    def test_locked_out_after_repeated_failures(self, client, settings):
        get_user_model().objects.create_user("agent", password="le-bon-mot-de-passe", is_staff=True)
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.login(client, "mauvais").status_code == 200
        assert self.login(client, "mauvais").status_code == 429
        locked = self.login(client, "le-bon-mot-de-passe")
        assert locked.status_code == 429
        assert "bloqué" in locked.text

    def test_success_before_the_limit_logs_in(self, client):
        get_user_model().objects.create_user("agent", password="le-bon-mot-de-passe", is_staff=True)
        self.login(client, "mauvais")
        response = self.login(client, "le-bon-mot-de-passe")
        assert response.status_code == 302


def test_password_validation_refuses_weak_passwords():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["essonne", "123456789012", "password1234"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("Coopération-Mali-2010-Kayes")


def test_site_url_defaults_to_the_first_allowed_host_in_production():
    script = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
    }
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="essonne_intl.settings")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "https://international.essonne.fr", result.stderr
