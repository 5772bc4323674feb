import csv
import io
from datetime import date
from decimal import Decimal

import factory
from django.conf import settings
from stdnum import luhn

from subsidies.choices import BeneficiaryKind, Nature, PaymentConditions, ProgrammeLine
from subsidies.models import Beneficiary, BudgetLine, Subsidy
from subsidies.scdl import COLUMNS


def valid_siret(n, establishment=1):
    """A made-up SIRET whose SIREN and SIRET keys are both valid, different for each ``n``;
    ``establishment`` numbers the establishments of one SIREN (an association that moved)."""
    siren = f"7{n:07d}"
    siren += luhn.calc_check_digit(siren)
    nic = f"{establishment:04d}"
    return siren + nic + luhn.calc_check_digit(siren + nic)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    year = 2010
    line = ProgrammeLine.DECENTRALISED_COOPERATION
    amount = Decimal("880000.00")
    is_published = True


class BeneficiaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beneficiary

    name = factory.Sequence(lambda n: f"Association {n}")
    siret = factory.Sequence(valid_siret)
    rna = factory.Sequence(lambda n: f"W91{n:07d}")
    kind = BeneficiaryKind.ASSOCIATION


class SubsidyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subsidy

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    # The identifiers it is published with: its beneficiary's, as the admin takes them.
    siret = factory.SelfAttribute("beneficiary.siret")
    rna = factory.SelfAttribute("beneficiary.rna")
    convention_date = date(2010, 3, 22)
    reference = factory.Sequence(lambda n: f"CP-2010-{n:04d}")
    object = factory.Sequence(lambda n: f"Projet de coopération {n}")
    amount = Decimal("10000.00")
    share = Decimal("1")
    nature = Nature.CASH
    payment_conditions = PaymentConditions.SINGLE
    payment_start = factory.SelfAttribute("convention_date")
    payment_end = None
    domain = ""
    is_published = True


def scdl_row(**values):
    """One valid SCDL row (as text) attributed by the Département; keyword arguments override."""
    row = {
        "nomAttribuant": settings.PUBLISHER_NAME,
        "idAttribuant": settings.PUBLISHER_SIRET,
        "dateConvention": "2010-03-22",
        "referenceDecision": "CP-2010-03-22-001",
        "nomBeneficiaire": "Eau Vive Essonne-Sahel",
        "idBeneficiaire": valid_siret(1),
        "rnaBeneficiaire": "W912004518",
        "objet": "Puits et latrines au Mali",
        "montant": "85000.00",
        "nature": "aide en numéraire",
        "conditionsVersement": "échelonné",
        "datesPeriodeVersement": "2010-03-22/2010-12-31",
        "idRAE": "",
        "notificationUE": "non",
        "pourcentageSubvention": "1.00",
        "dispositifAide": "",
    }
    row.update(values)
    return row


def scdl_csv(rows, *, delimiter=",", encoding="utf-8", columns=None):
    """A CSV file (bytes) of ``rows`` (dicts) with a header line of ``columns``."""
    columns = columns or COLUMNS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return buffer.getvalue().encode(encoding)
