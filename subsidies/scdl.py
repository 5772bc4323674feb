"""The national SCDL « subventions » 2.1.1 format: its columns, its values and how ours map to them.

Shared by the open-data export and the import, so that what one writes the other reads back.
"""

from decimal import Decimal

from .choices import Nature, PaymentConditions

SCHEMA_VERSION = "2.1.1"

COLUMNS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)

NATURE_TO_SCDL = {
    Nature.CASH: "aide en numéraire",
    Nature.IN_KIND: "aide en nature",
    Nature.CASH_AND_IN_KIND: "aide en numéraire;aide en nature",
}
SCDL_TO_NATURE = {
    **{scdl: nature for nature, scdl in NATURE_TO_SCDL.items()},
    "aide en nature;aide en numéraire": Nature.CASH_AND_IN_KIND,
}

# ``conditionsVersement`` is free text (256 characters at most) with three known values; any other
# text is kept as it was published, in ``payment_conditions_text``.
CONDITIONS_TO_SCDL = {
    PaymentConditions.SINGLE: "unique",
    PaymentConditions.STAGGERED: "échelonné",
    PaymentConditions.OTHER: "autre",
}
SCDL_TO_CONDITIONS = {scdl: conditions for conditions, scdl in CONDITIONS_TO_SCDL.items()}

SCDL_BOOLEANS = {"oui": True, "non": False}

# The model fields an export reads, in the order ``scdl_values`` expects them: the decision's
# own values, identifiers included, and its beneficiary's name.
EXPORT_FIELDS = (
    "convention_date",
    "reference",
    "beneficiary__name",
    "siret",
    "rna",
    "object",
    "amount",
    "nature",
    "payment_conditions",
    "payment_conditions_text",
    "payment_start",
    "payment_end",
    "rae_id",
    "eu_notification",
    "share",
    "aid_scheme",
)


# The order of an export not sorted otherwise: latest first, then by what the rows publish, so
# that the same decisions always give the same file, whatever ids a database gave them.
EXPORT_ORDER = ("-convention_date", "reference", "object", "siret", "rna", "amount", "id")


def format_decimal(value):
    """``Decimal("47800.2")`` → ``"47800.20"``: a decimal point and two decimals."""
    return f"{Decimal(value):.2f}"


def format_share(value):
    """``Decimal("0.4500")`` → ``"0.45"``, ``Decimal("0.3333")`` → ``"0.3333"``: two decimals,
    more when the share has them (four at most)."""
    text = f"{Decimal(value):.4f}".rstrip("0")
    whole, decimals = text.split(".")
    return f"{whole}.{decimals:0<2}"


def format_conditions(conditions, text):
    """The ``conditionsVersement`` published: « unique », « échelonné », or the text of other
    conditions as it was published (« autre » when none was given)."""
    if conditions == PaymentConditions.OTHER and text:
        return text
    return CONDITIONS_TO_SCDL[conditions]


def parse_conditions(value):
    """``conditionsVersement`` → (``payment_conditions``, ``payment_conditions_text``)."""
    if value in SCDL_TO_CONDITIONS:
        return SCDL_TO_CONDITIONS[value], ""
    return PaymentConditions.OTHER, value


def format_period(start, end):
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def scdl_values(row, *, publisher_name, publisher_siret):
    """The 16 SCDL values, as text, of one row of ``queryset.values_list(*EXPORT_FIELDS)``."""
    (
        convention_date,
        reference,
        beneficiary_name,
        siret,
        rna,
        obj,
        amount,
        nature,
        conditions,
        conditions_text,
        payment_start,
        payment_end,
        rae_id,
        eu_notification,
        share,
        aid_scheme,
    ) = row
    return [
        publisher_name,
        publisher_siret,
        convention_date.isoformat(),
        reference,
        beneficiary_name,
        siret,
        rna,
        obj,
        format_decimal(amount),
        NATURE_TO_SCDL[nature],
        format_conditions(conditions, conditions_text),
        format_period(payment_start, payment_end),
        rae_id,
        "oui" if eu_notification else "non",
        format_share(share),
        aid_scheme,
    ]


def scdl_json_record(values):
    """The JSON object of one row: same keys and text as the CSV, numbers and a boolean typed."""
    record = dict(zip(COLUMNS, values, strict=True))
    # max_digits=12 keeps every amount exact as a double, and ``repr`` prints it back exactly.
    record["montant"] = float(record["montant"])
    record["pourcentageSubvention"] = float(record["pourcentageSubvention"])
    record["notificationUE"] = record["notificationUE"] == "oui"
    return record
