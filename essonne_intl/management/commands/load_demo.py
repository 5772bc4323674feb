"""Loads the demo content drawn from the seed page. Running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cooperation import demo as cooperation_demo
from cresi import demo as cresi_demo
from europe import demo as europe_demo
from subsidies import demo as subsidies_demo

# Each app's loader, in dependency order: later apps link to earlier apps' records.
LOADERS = [
    ("cooperation", cooperation_demo.load),
    ("subsidies", subsidies_demo.load),
    ("cresi", cresi_demo.load),
    ("europe", europe_demo.load),
]


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (zones, actions, subventions, CRESI, Europe)."

    def handle(self, *args, **options):
        with transaction.atomic():
            for label, load in LOADERS:
                count = load()
                self.stdout.write(f"{label}: {count} enregistrements à jour")
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
