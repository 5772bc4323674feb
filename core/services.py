from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import EmailTask


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


@transaction.atomic
def email_tasks_send_again(*, tasks):
    """Queues a first attempt again for each e-mail of ``tasks`` that failed for good, and
    deletes that failure (the new attempt carries on); returns how many were queued."""
    count = 0
    for failed in tasks.failed_for_good():
        arguments = failed.args_kwargs
        kwargs = {name: value for name, value in arguments["kwargs"].items() if name != "attempt"}
        import_string(failed.task_path).enqueue(*arguments["args"], **kwargs)
        EmailTask.objects.filter(pk=failed.pk).delete()
        count += 1
    return count


def email_tasks_purge_finished(*, now=None, dry_run=False):
    """Deletes the e-mail tasks finished more than ``EMAIL_TASK_RETENTION_DAYS`` ago: their
    errors may quote an address. Returns how many were (or would be) deleted."""
    limit = (now or timezone.now()) - timedelta(days=settings.EMAIL_TASK_RETENTION_DAYS)
    finished = EmailTask.objects.finished_before(limit)
    count = finished.count()
    if not dry_run:
        finished.delete()
    return count
