"""Reads SCDL « subventions » CSV files as real ones come, and checks each row against the schema.

What it accepts: UTF-8 with or without a byte-order mark, or Windows-1252; ``,`` or ``;`` between
values (whichever the header line uses more); quoted values spanning several lines; the SCDL
column names in any order and any letter case, the optional ones (``idBeneficiaire`` or
``rnaBeneficiaire``, ``idRAE``, ``dispositifAide``) may be left out; columns it does not know are
ignored with a warning. What it checks: every rule of SCDL 2.1.1 (required values, SIRET with the
keys of its SIREN and of itself, RNA, dates ``AAAA-MM-JJ``, periods, ``nature``, amounts with a
decimal point, share from 0.01 to 1, lengths: ``objet`` and ``conditionsVersement`` free texts
of 256 characters, ``dispositifAide`` a free text), plus the portal's own documented rules: the
attributing body is the Département (``PUBLISHER_SIRET``), the reference of the decision is
given, dates exist and periods end after they start, amounts are in cents and shares have four
decimals at most, free texts hold 256 characters at most (200 for names), no text starts as a
spreadsheet formula would (``core.validators.validate_no_spreadsheet_formula``), no control
character but tab and line breaks is anywhere in the file, and no row appears twice (same
reference, beneficiary, date and object).

Nothing here touches the database: ``subsidies.services.subsidy_import`` does, with what this
module returns. Errors carry the line number in the file (the header is line 1; a row whose
values span several lines is numbered by its first line), the column and the reason; only the
first ``MAX_ERRORS`` are kept, with the count of all.
"""

import csv
import difflib
import functools
import io
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validators import validate_no_spreadsheet_formula

from .models import (
    MAX_OBJECT_LENGTH,
    MAX_RAE_ID_LENGTH,
    MAX_REFERENCE_LENGTH,
    MAX_TEXT_LENGTH,
    MIN_SHARE,
    SHARE_PLACES,
)
from .scdl import COLUMNS, SCDL_BOOLEANS, SCDL_TO_NATURE, parse_conditions
from .validators import validate_rna, validate_siret

REQUIRED_COLUMNS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "notificationUE",
    "pourcentageSubvention",
)
BENEFICIARY_ID_COLUMNS = ("idBeneficiaire", "rnaBeneficiaire")

MAX_NAME_LENGTH = 200
MAX_AMOUNT = Decimal("9999999999.99")
# A huge bad file is reported by its first errors, and how many there are in all.
MAX_ERRORS = 1000
# Columns of free text, where a value may not start as a spreadsheet formula.
TEXT_COLUMNS = (
    "nomAttribuant",
    "referenceDecision",
    "nomBeneficiaire",
    "objet",
    "conditionsVersement",
    "dispositifAide",
)
# A file that starts as a workbook, a PDF or UTF-16 text, or whose start holds NULs, is not text;
# a NUL here and there is a bad value, reported with its line and column.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\xff\xfe", b"\xfe\xff")
MAX_NULS_IN_TEXT = 8
# Control characters but tab, line feed and carriage return (NUL included).
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FRENCH_DATE_RE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")
PERIOD_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:/(\d{4}-\d{2}-\d{2}))?$")
NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
DIGITS_RE = re.compile(r"^\d+$")
NBSP = " "


def quoted(value):
    return f"«{NBSP}{value}{NBSP}»"


@dataclass(frozen=True)
class RowError:
    """One reason a file is refused: where (line, column) and why."""

    line: int
    column: str
    message: str

    def __str__(self):
        where = _("ligne %(line)s") % {"line": self.line}
        if self.column:
            where += f", {self.column}"
        return f"{where}{NBSP}: {self.message}"


@dataclass(frozen=True)
class ScdlRow:
    """One valid row, its values converted to what the models store."""

    line: int
    beneficiary_name: str
    siret: str
    rna: str
    convention_date: date
    reference: str
    object: str
    amount: Decimal
    nature: str
    payment_conditions: str
    payment_conditions_text: str
    payment_start: date
    payment_end: date | None
    rae_id: str
    eu_notification: bool
    share: Decimal
    aid_scheme: str

    @property
    def beneficiary_key(self):
        return self.siret or f"RNA:{self.rna}"

    @property
    def row_key(self):
        """What identifies a row in a file: one decision may fund several objects."""
        return (self.reference, self.beneficiary_key, self.convention_date, self.object)

    @property
    def decision_key(self):
        """What the parts of one decision share, one row for each co-beneficiary."""
        return (self.reference, self.convention_date, self.object, self.amount)


@dataclass
class ParsedFile:
    encoding: str = ""
    delimiter: str = ""
    row_count: int = 0
    rows: list[ScdlRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)

    def error(self, line, column, message):
        """Counts an error; keeps the first ``MAX_ERRORS``."""
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, column, str(message)))


class CellError(ValueError):
    pass


def decode(data):
    """The file's text and the name of its encoding; raises CellError if it is not text."""
    head = data[:4096]
    if head.startswith(BINARY_SIGNATURES) or head.count(b"\x00") > MAX_NULS_IN_TEXT:
        raise CellError(
            _(
                "Ce fichier n'est pas un fichier texte CSV (un classeur Excel ou LibreOffice ? "
                "Enregistrez-le au format CSV)."
            )
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as error:
        raise CellError(
            _("encodage non reconnu (octet %(byte)s) : enregistrez le fichier en UTF-8.")
            % {"byte": f"0x{data[error.start]:02X}"}
        ) from error


def sniff_delimiter(text):
    """``;`` if the header line has more semicolons than commas, else ``,``."""
    header = text.lstrip().split("\n", 1)[0]
    return ";" if header.count(";") > header.count(",") else ","


def normalise_header(name):
    return name.replace("\ufeff", "").strip()


def map_header(header, parsed):
    """Maps each known SCDL column to its index; reports missing, duplicated and unknown ones."""
    by_lower = {column.lower(): column for column in COLUMNS}
    positions = {}
    unknown = []
    for index, raw in enumerate(header):
        name = normalise_header(raw)
        column = by_lower.get(name.lower())
        if column is None:
            if name:
                unknown.append(name)
            continue
        if column in positions:
            parsed.error(1, column, _("colonne présente deux fois."))
            continue
        positions[column] = index

    if not positions:
        parsed.error(
            1,
            "",
            _(
                "la première ligne ne nomme aucune colonne du format SCDL (des titres en "
                "français ?) : elle doit porter les noms %(names)s."
            )
            % {"names": ", ".join(COLUMNS)},
        )
        return positions
    for column in REQUIRED_COLUMNS:
        if column not in positions:
            message = _("colonne obligatoire absente.")
            close = difflib.get_close_matches(column, unknown, n=1, cutoff=0.7)
            if close:
                message += " " + _("La colonne %(name)s est-elle une faute de frappe ?") % {
                    "name": quoted(close[0])
                }
            parsed.error(1, column, message)
    if not any(column in positions for column in BENEFICIARY_ID_COLUMNS):
        parsed.error(
            1,
            "idBeneficiaire",
            _("il faut une colonne idBeneficiaire (SIRET) ou rnaBeneficiaire (RNA)."),
        )
    if unknown:
        parsed.warnings.append(
            _("Colonnes ignorées, absentes du format SCDL : %(names)s.")
            % {"names": ", ".join(quoted(name) for name in unknown)}
        )
    return positions


def read(data):
    """Decodes and splits the file; returns a ParsedFile (without rows) and the records read."""
    parsed = ParsedFile()
    if not data.strip():
        parsed.error(1, "", _("le fichier est vide."))
        return parsed, None, []
    try:
        text, parsed.encoding = decode(data)
    except CellError as error:
        parsed.error(1, "", str(error))
        return parsed, None, []
    parsed.delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=parsed.delimiter, strict=True)
    records = []
    try:
        header = next(reader)
        previous_end = reader.line_num
        for values in reader:
            records.append((previous_end + 1, values))
            previous_end = reader.line_num
    except StopIteration:
        header = []
    except csv.Error as error:
        parsed.error(
            reader.line_num, "", _("fichier CSV mal formé : %(error)s.") % {"error": error}
        )
    return parsed, header, records


def parse_scdl(data, *, publisher_siret):
    """Reads and checks a whole file (bytes); every error found is in ``errors``."""
    parsed, header, records = read(data)
    if header is None:
        return parsed
    names = [normalise_header(name) for name in header]
    check_control_characters(1, header, names, parsed)
    positions = map_header(header, parsed)
    if not positions:
        parsed.row_count = sum(1 for _line, values in records if any(v.strip() for v in values))
        return parsed
    seen_rows = {}
    rna_by_siret = {}
    for line, values in records:
        if not any(value.strip() for value in values):
            continue
        parsed.row_count += 1
        if check_control_characters(line, values, names, parsed):
            continue
        if len(values) != len(header):
            parsed.error(
                line,
                "",
                _("%(count)s valeurs pour %(columns)s colonnes (séparateur ou guillemets ?).")
                % {"count": len(values), "columns": len(header)},
            )
            continue
        row = check_row(line, values, positions, parsed, publisher_siret)
        if row is None:
            continue
        first_line = seen_rows.setdefault(row.row_key, line)
        if first_line != line:
            parsed.error(
                line,
                "referenceDecision",
                _(
                    "même décision (référence, bénéficiaire, date de convention et objet) qu'à "
                    "la ligne %(line)s."
                )
                % {"line": first_line},
            )
            continue
        if row.siret and row.rna:
            known_rna = rna_by_siret.setdefault(row.siret, row.rna)
            if known_rna != row.rna:
                parsed.error(
                    line,
                    "rnaBeneficiaire",
                    _("ce SIRET porte ailleurs dans le fichier le numéro RNA %(rna)s.")
                    % {"rna": known_rna},
                )
                continue
        parsed.rows.append(row)
    if not parsed.row_count and not parsed.errors:
        parsed.error(2, "", _("aucune ligne de données après l'en-tête."))
    return parsed


def check_control_characters(line, values, names, parsed):
    """Reports each value holding a control character (a NUL, an escape…); returns whether
    one did. Tab and line breaks are text; any other would reach the database or a
    spreadsheet."""
    found = False
    for index, value in enumerate(values):
        match = CONTROL_CHARACTER.search(value)
        if match:
            column = names[index] if index < len(names) else f"#{index + 1}"
            parsed.error(
                line,
                column,
                _(
                    "caractère de contrôle U+%(code)s dans la valeur : enregistrez le fichier en "
                    "texte CSV."
                )
                % {"code": f"{ord(match.group()):04X}"},
            )
            found = True
    return found


def check_row(line, values, positions, parsed, publisher_siret):
    """Converts one row's values; reports each bad one; returns a ScdlRow or None."""
    raw = {column: values[index].strip() for column, index in positions.items()}
    cleaned = {}
    failed = False
    formulas = set()
    for column in TEXT_COLUMNS:
        if column in positions:
            message = formula_error(values[positions[column]])
            if message:
                parsed.error(line, column, f"{quoted(raw[column])}{NBSP}: {message}")
                formulas.add(column)
                failed = True
    for column, clean in CLEANERS.items():
        if column in formulas:
            continue
        if column not in positions:
            if column in REQUIRED_COLUMNS:
                failed = True  # already reported once, on the header line
            cleaned[column] = OPTIONAL_DEFAULTS.get(column, "")
            continue
        value = raw[column]
        try:
            if not value:
                if column in REQUIRED_COLUMNS:
                    raise CellError(_("valeur obligatoire manquante."))
                cleaned[column] = OPTIONAL_DEFAULTS.get(column, "")
                continue
            cleaned[column] = clean(value)
        except CellError as error:
            parsed.error(line, column, str(error))
            failed = True

    if not failed and cleaned["idAttribuant"] != publisher_siret:
        parsed.error(
            line,
            "idAttribuant",
            _(
                "ce portail ne publie que les décisions du Département (SIRET %(ours)s) ; "
                "cette ligne est attribuée par le SIRET %(theirs)s."
            )
            % {"ours": publisher_siret, "theirs": cleaned["idAttribuant"]},
        )
        failed = True
    has_id_column = any(column in positions for column in BENEFICIARY_ID_COLUMNS)
    if has_id_column and not (raw.get("idBeneficiaire") or raw.get("rnaBeneficiaire")):
        parsed.error(
            line,
            "idBeneficiaire",
            _("indiquez le SIRET (idBeneficiaire) ou le numéro RNA (rnaBeneficiaire)."),
        )
        failed = True
    if failed:
        return None
    payment_start, payment_end = cleaned["datesPeriodeVersement"]
    return ScdlRow(
        line=line,
        beneficiary_name=cleaned["nomBeneficiaire"],
        siret=cleaned["idBeneficiaire"],
        rna=cleaned["rnaBeneficiaire"],
        convention_date=cleaned["dateConvention"],
        reference=cleaned["referenceDecision"],
        object=cleaned["objet"],
        amount=cleaned["montant"],
        nature=cleaned["nature"],
        payment_conditions=cleaned["conditionsVersement"][0],
        payment_conditions_text=cleaned["conditionsVersement"][1],
        payment_start=payment_start,
        payment_end=payment_end,
        rae_id=cleaned["idRAE"],
        eu_notification=cleaned["notificationUE"],
        share=cleaned["pourcentageSubvention"],
        aid_scheme=cleaned["dispositifAide"],
    )


def formula_error(value):
    """Why a spreadsheet would run ``value`` (as read, then stripped) as a formula, or None: a
    tab or carriage return before it starts one too."""
    for candidate in (value.lstrip(" "), value.strip()):
        try:
            validate_no_spreadsheet_formula(candidate)
        except ValidationError as error:
            return error.messages[0]
    return None


def text_of_length(limit):
    def clean(value):
        value = value.replace("\r\n", "\n")
        if len(value) > limit:
            raise CellError(
                _("%(length)s caractères, au plus %(limit)s admis.")
                % {"length": len(value), "limit": limit}
            )
        return value

    return clean


@functools.lru_cache(maxsize=4096)
def is_siret(value):
    """A file names the same few SIRET on thousands of rows (the Département's own on every
    one): each is checked once (issue 18); the message of a wrong one is worked out again."""
    try:
        validate_siret(value)
    except ValidationError:
        return False
    return True


def clean_siret(value):
    if is_siret(value):
        return value
    try:
        validate_siret(value)
    except ValidationError as error:
        message = f"{quoted(value)}{NBSP}: {error.messages[0]}"
        if re.match(r"^\d+\.0+$", value):
            message += " " + _(
                "La valeur a été écrite comme un nombre (« .0 », zéro initial perdu ?) : "
                "le SIRET s'écrit comme un texte de 14 chiffres."
            )
        raise CellError(message) from error
    return value


def clean_rna(value):
    try:
        validate_rna(value)
    except ValidationError as error:
        raise CellError(f"{quoted(value)}{NBSP}: {error.messages[0]}") from error
    return value


def parse_iso_date(value):
    if not ISO_DATE_RE.match(value):
        message = _("date %(value)s au format AAAA-MM-JJ attendue") % {"value": quoted(value)}
        if FRENCH_DATE_RE.match(value):
            message += " " + _("(et non JJ/MM/AAAA)")
        raise CellError(message + ".")
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CellError(_("la date %(value)s n'existe pas.") % {"value": quoted(value)}) from error


def clean_period(value):
    match = PERIOD_RE.match(value)
    if not match:
        message = _(
            "%(value)s : une date AAAA-MM-JJ ou une période AAAA-MM-JJ/AAAA-MM-JJ attendue"
        ) % {"value": quoted(value)}
        if "_" in value:
            message += " " + _("(les deux dates sont séparées par « / », pas « _ »)")
        raise CellError(message + ".")
    start = parse_iso_date(match.group(1))
    end = parse_iso_date(match.group(2)) if match.group(2) else None
    if end is not None and end < start:
        raise CellError(_("la période %(value)s finit avant de commencer.") % {"value": value})
    return start, end


def parse_number(value):
    if not NUMBER_RE.match(value):
        message = _("nombre attendu, reçu %(value)s") % {"value": quoted(value)}
        if re.match(r"^-?\d+,\d+$", value):
            message += " " + _("(le séparateur décimal est le point)")
        raise CellError(message + ".")
    try:
        return Decimal(value)
    except InvalidOperation as error:  # pragma: no cover - the pattern already guarantees it
        raise CellError(_("nombre illisible.")) from error


def clean_amount(value):
    amount = parse_number(value)
    if amount <= 0:
        raise CellError(_("le montant doit être positif."))
    if amount > MAX_AMOUNT:
        raise CellError(_("montant trop élevé."))
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError(_("au plus deux décimales (des centimes)."))
    return amount.quantize(Decimal("0.01"))


def clean_share(value):
    share = parse_number(value)
    if not MIN_SHARE <= share <= 1:
        raise CellError(
            _(
                "%(value)s hors de l'intervalle 0.01 à 1 (un nombre décimal : 1.00 pour "
                "100 %%, 0.45 pour 45 %%)."
            )
            % {"value": quoted(value)}
        )
    places = Decimal(1).scaleb(-SHARE_PLACES)
    if share != share.quantize(places):
        raise CellError(
            _("au plus %(places)s décimales (0.45 pour 45 %%, 0.3333 pour un tiers).")
            % {"places": SHARE_PLACES}
        )
    return share.quantize(places)


def choice_cleaner(allowed, normalise=lambda value: value):
    def clean(value):
        key = normalise(value)
        if key not in allowed:
            raise CellError(
                _("valeur %(value)s non autorisée ; valeurs admises : %(allowed)s.")
                % {"value": quoted(value), "allowed": ", ".join(quoted(a) for a in allowed)}
            )
        return allowed[key]

    return clean


def clean_rae_id(value):
    if not DIGITS_RE.match(value) or len(value) > MAX_RAE_ID_LENGTH:
        raise CellError(
            _(
                "%(value)s n'est pas un numéro du Répertoire des aides aux entreprises (au plus "
                "%(limit)s chiffres) ; laissez vide si la subvention n'en relève pas."
            )
            % {"value": quoted(value), "limit": MAX_RAE_ID_LENGTH}
        )
    return value


def clean_conditions(value):
    """Free text: « unique », « échelonné », « autre » or the terms themselves."""
    return parse_conditions(text_of_length(MAX_TEXT_LENGTH)(value))


OPTIONAL_DEFAULTS = {"idBeneficiaire": "", "rnaBeneficiaire": "", "idRAE": "", "dispositifAide": ""}

CLEANERS = {
    "nomAttribuant": text_of_length(MAX_NAME_LENGTH),
    "idAttribuant": clean_siret,
    "dateConvention": parse_iso_date,
    "referenceDecision": text_of_length(MAX_REFERENCE_LENGTH),
    "nomBeneficiaire": text_of_length(MAX_NAME_LENGTH),
    "idBeneficiaire": clean_siret,
    "rnaBeneficiaire": clean_rna,
    "objet": text_of_length(MAX_OBJECT_LENGTH),
    "montant": clean_amount,
    "nature": choice_cleaner(SCDL_TO_NATURE, lambda value: re.sub(r"\s*;\s*", ";", value)),
    "conditionsVersement": clean_conditions,
    "datesPeriodeVersement": clean_period,
    "idRAE": clean_rae_id,
    "notificationUE": choice_cleaner(SCDL_BOOLEANS),
    "pourcentageSubvention": clean_share,
    "dispositifAide": text_of_length(MAX_TEXT_LENGTH),
}
