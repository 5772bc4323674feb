"""Loads the official code lists (SDG goals and targets, DAC sectors and purpose codes) from the
IATI files vendored in ``cooperation/data/codelists/``, or from another folder.

    python manage.py refresh_codelists
    python manage.py refresh_codelists --from /path/to/newer/files --dry-run

Codes are added or renamed; a code the files withdraw or drop is kept, marked withdrawn.
"""

from django.core.management.base import BaseCommand, CommandError

from cooperation.codelists import VENDORED_DIR, CodeListError, refresh_codelists


class Command(BaseCommand):
    help = (
        "Charge les listes de codes officielles (ODD, secteurs et codes objet du CAD) depuis "
        "les fichiers IATI fournis avec le portail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from",
            dest="directory",
            default=VENDORED_DIR,
            help="Dossier des fichiers XML et de SOURCE.json (par défaut, ceux du portail).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Vérifie et compte, sans rien écrire."
        )

    def handle(self, *args, directory, dry_run, **options):
        try:
            report = refresh_codelists(directory=directory, dry_run=dry_run)
        except CodeListError as error:
            raise CommandError(str(error)) from error
        for name, (created, updated, withdrawn) in report.items():
            self.stdout.write(
                f"{name} : {created} ajouté(s), {updated} modifié(s), {withdrawn} retiré(s)"
            )
        verb = "seraient à jour (essai, rien n'est écrit)" if dry_run else "à jour"
        self.stdout.write(self.style.SUCCESS(f"Listes de codes {verb}."))
