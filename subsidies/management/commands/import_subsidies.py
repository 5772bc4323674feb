"""Imports subsidy decisions from a SCDL « subventions » CSV file: all rows or none.

    python manage.py import_subsidies decisions-2024.csv --dry-run
    python manage.py import_subsidies decisions-2024.csv

Every refused row is listed with its line number, column and reason, and the command exits with
status 1; nothing is written. Importing the same file again updates the decisions it already
holds instead of duplicating them (see ``subsidies.services``).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.templatetags.formatting import euros
from subsidies.services import subsidy_import

MAX_FILE_SIZE = 200 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Importe des décisions de subvention depuis un fichier CSV au format SCDL "
        "« subventions » (tout ou rien)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV au format SCDL « subventions » 2.1.1.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifie le fichier et dit ce qui serait importé, sans rien enregistrer.",
        )
        parser.add_argument(
            "--unpublished",
            action="store_true",
            help="Enregistre les nouvelles décisions sans les publier.",
        )

    def handle(self, *args, file, dry_run, unpublished, **options):
        path = Path(file)
        try:
            if path.stat().st_size > MAX_FILE_SIZE:
                raise CommandError(f"{path} : fichier trop volumineux (200 Mo au plus).")
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path} : lecture impossible ({error.strerror}).") from error

        report = subsidy_import(
            data=data, filename=path.name, dry_run=dry_run, publish=not unpublished
        )
        read = f"{path.name} : {report.row_count} ligne(s) lue(s)"
        if report.encoding:
            read += f" ({report.encoding}, séparateur « {report.delimiter} »)"
        self.stdout.write(read)
        for warning in report.warnings:
            self.stdout.write(self.style.WARNING(f"Attention : {warning}"))
        if not report.accepted:
            for error in report.errors:
                self.stderr.write(str(error))
            if report.more_errors:
                self.stderr.write(f"… et {report.more_errors} autre(s) erreur(s).")
            raise CommandError(
                f"Fichier refusé : {report.error_count} erreur(s). Rien n'a été enregistré."
            )
        for record in report.changes:
            changes = " ; ".join(f"{c.label} : {c.old} → {c.new}" for c in record.changes)
            self.stdout.write(f"ligne {record.line}, {record.record} : {changes}")

        summary = (
            f"{report.created} décision(s) nouvelle(s), {report.updated} mise(s) à jour, "
            f"{report.unchanged} inchangée(s), {report.beneficiaries_created} bénéficiaire(s) "
            f"nouveau(x) ; montant total du fichier : {euros(report.total_amount)}."
        )
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Essai sans enregistrement : {summary}"))
        else:
            self.stdout.write(self.style.SUCCESS(f"Import terminé : {summary}"))
