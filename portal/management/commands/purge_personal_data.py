"""Deletes the personal data whose retention period is over (``PERSONAL_DATA_RETENTION_DAYS``).

Each app that keeps personal data declares its purges on its ``AppConfig``
(``personal_data_purges()``): a label and a service called as ``purge(now=…, dry_run=…)`` that
returns how many records it deleted (or would delete).
Run it daily (cron or a scheduled task); ``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.registry import portal_apps

NBSP = "\xa0"


def all_purges():
    return [purge for config in portal_apps() for purge in config.personal_data_purges()]


class Command(BaseCommand):
    help = "Supprime les données personnelles dont la durée de conservation est écoulée."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Compte ce qui serait supprimé, sans rien supprimer.",
        )

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        total = 0
        with transaction.atomic():
            for label, purge in all_purges():
                count = purge(now=now, dry_run=dry_run)
                total += count
                self.stdout.write(f"{label}{NBSP}: {count}")
        verb = "seraient supprimés" if dry_run else "supprimés"
        self.stdout.write(self.style.SUCCESS(f"{total} enregistrements {verb}."))
