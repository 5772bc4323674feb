from django.core.management.base import BaseCommand

from cooperation.map import LAND_FILE, land_svg


class Command(BaseCommand):
    help = (
        "Écrit l'image du fond de carte des zones partenaires (static/img/zone-map-land.svg) "
        "à partir des données de Natural Earth (cooperation/data/)."
    )

    def handle(self, *args, **options):
        LAND_FILE.write_text(land_svg(), encoding="utf-8")
        self.stdout.write(f"{LAND_FILE.name}: {LAND_FILE.stat().st_size} octets")
