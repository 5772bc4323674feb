from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from europe.models import SupportRequest
from tests.europe.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


def purge(*args):
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def requests(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    now = timezone.now()
    old = SupportRequestFactory(status="closed", closed_at=now - timedelta(days=366))
    recent = SupportRequestFactory(status="closed", closed_at=now - timedelta(days=10))
    still_open = SupportRequestFactory(status="in_progress")
    return old, recent, still_open


def test_removes_closed_support_requests_past_retention(requests):
    _old, recent, still_open = requests
    output = purge()
    assert "clôturées de la mission Europe\xa0: 1" in output
    assert set(SupportRequest.objects.all()) == {recent, still_open}


def test_dry_run_only_counts(requests):
    output = purge("--dry-run")
    assert "clôturées de la mission Europe\xa0: 1" in output
    assert "seraient supprimés" in output
    assert SupportRequest.objects.count() == 3


def test_removes_admin_login_records_past_retention(settings):
    from axes.models import AccessAttempt, AccessLog

    old = timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    for model, extra in ((AccessAttempt, {"failures_since_start": 1}), (AccessLog, {})):
        record = {"user_agent": "x", "username": "agent", **extra}
        stale = model.objects.create(ip_address="203.0.113.9", **record)
        model.objects.filter(pk=stale.pk).update(attempt_time=old)
        model.objects.create(ip_address="203.0.113.10", **record)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "traces de connexion à l'administration\xa0: 2" in out.getvalue()
    assert AccessAttempt.objects.count() == 1 and AccessLog.objects.count() == 1
