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
    assert "mission Europe closes\xa0: 1" in output
    assert set(SupportRequest.objects.all()) == {recent, still_open}


def test_dry_run_only_counts(requests):
    output = purge("--dry-run")
    assert "mission Europe closes\xa0: 1" in output
    assert "seraient supprimés" in output
    assert SupportRequest.objects.count() == 3
