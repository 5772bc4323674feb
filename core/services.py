from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


def login_records_purge_expired(*, now=None, dry_run=False):
    """Deletes the admin login records (address, browser, user name tried) older than
    ``PERSONAL_DATA_RETENTION_DAYS``; returns how many were (or would be) deleted."""
    limit = (now or timezone.now()) - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    querysets = [
        model.objects.filter(attempt_time__lt=limit)
        for model in (AccessAttempt, AccessLog, AccessFailureLog)
    ]
    count = sum(queryset.count() for queryset in querysets)
    if not dry_run:
        for queryset in querysets:
            queryset.delete()
    return count
