"""Deletes the personal data whose retention period is over (``PERSONAL_DATA_RETENTION_DAYS``).

Each app that keeps personal data adds its purge to ``PURGES``: a label and a service called as
``purge(now=…, dry_run=…)`` that returns how many records it deleted (or would delete).
Run it daily (cron or a scheduled task); ``--dry-run`` only counts.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cresi.services import registrations_purge_expired
from essonne_intl.services import login_records_purge_expired
from europe.services import support_requests_purge_closed

NBSP = "\xa0"

PURGES = [
    ("inscriptions aux formations du CRESI", registrations_purge_expired),
    ("demandes d'accompagnement clôturées de la mission Europe", support_requests_purge_closed),
    ("traces de connexion à l'administration", login_records_purge_expired),
]


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
            for label, purge in PURGES:
                count = purge(now=now, dry_run=dry_run)
                total += count
                self.stdout.write(f"{label}{NBSP}: {count}")
        verb = "seraient supprimés" if dry_run else "supprimés"
        self.stdout.write(self.style.SUCCESS(f"{total} enregistrements {verb}."))
