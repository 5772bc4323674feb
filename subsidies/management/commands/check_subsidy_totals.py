"""Compares the kept subsidy totals with a sum over every decision, and each decision's granted
amount with its part of the decision split to the cent; ``--rebuild`` makes both anew.

    python manage.py check_subsidy_totals            # exit status 1 if a total differs
    python manage.py check_subsidy_totals --rebuild

The totals are kept by database triggers (``subsidies.totals``), so they should never differ: a
difference means a write went around the triggers (a partial restore, triggers dropped by hand).
"""

from django.core.management.base import BaseCommand, CommandError

from subsidies import totals


class Command(BaseCommand):
    help = (
        "Vérifie que les totaux des subventions tenus par la base égalent la somme des "
        "décisions publiées ; --rebuild les recalcule."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Recalcule tous les totaux à partir des décisions.",
        )

    def handle(self, *args, rebuild, **options):
        if rebuild:
            totals.install()
            totals.rebuild()
        missing = sorted(set(totals.TRIGGERS) - totals.installed_triggers())
        if missing:
            raise CommandError(
                f"Déclencheurs absents : {', '.join(missing)}. "
                "python manage.py check_subsidy_totals --rebuild les remet."
            )
        split = totals.split_differences()
        if split:
            shown = ", ".join(map(str, split[:20]))
            self.stderr.write(
                f"{len(split)} décision(s) dont le montant accordé diffère de leur part au "
                f"centime : {shown}"
            )
        differences = totals.differences()
        for (year, zone_id, domain), values in sorted(differences.items(), key=str):
            self.stderr.write(
                f"{year}, zone {zone_id}, domaine « {domain} » : tenu {values['kept']}, "
                f"somme des décisions {values['summed']}"
            )
        if split:
            raise CommandError(
                "Des montants accordés diffèrent de la répartition au centime : "
                "python manage.py check_subsidy_totals --rebuild"
            )
        if differences:
            raise CommandError(
                f"{len(differences)} total(aux) diffèrent de la somme des décisions : "
                "python manage.py check_subsidy_totals --rebuild"
            )
        self.stdout.write("Les totaux des subventions égalent la somme des décisions publiées.")
