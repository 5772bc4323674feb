"""Loads the demo content drawn from the seed page. Running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import portal_apps


class Command(BaseCommand):
    help = "Charge le contenu de démonstration de chaque application du portail."

    def handle(self, *args, **options):
        with transaction.atomic():
            # INSTALLED_APPS order: an app's records link to those of the apps before it.
            for config in portal_apps():
                count = config.load_demo()
                if count is not None:
                    self.stdout.write(f"{config.label}: {count} enregistrements à jour")
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
