"""Writes of the subsidies app: importing a SCDL file (from the command line or the admin).

The admin imports in two steps: ``subsidy_import_stage`` checks an uploaded file and keeps it
under a signed token, ``subsidy_import_confirm`` imports the file a token names.

An import is all or nothing. A row is recognised by what identifies it: the reference of the
decision, the beneficiary, the date of the convention and the object (one decision may fund
several objects of one beneficiary); when a decision of that reference, beneficiary and date has
one row in the file and one unmatched in the database, the file corrects that one's object. The
attributing body is always the Département (``PUBLISHER_SIRET``). Importing a row again updates
its SCDL values if they changed, the SIRET and RNA number it is published with included, and
leaves the rest alone: the zone, action, domain and published state staff gave it, and the
beneficiary's name and kind.

A beneficiary is found by its SIRET, its RNA number, or its SIREN: an establishment that moved
(same SIREN, same RNA number) is the same beneficiary, whose SIRET becomes that of its latest
decision; each decision keeps the SIRET it was published with. A beneficiary known by its SIRET
gets the file's RNA number if it had none (and the other way round); a file that gives a SIRET
and an RNA number belonging to two different beneficiaries is refused.

The parts of one decision (same reference, date, object and amount, one row per co-beneficiary)
may not have shares adding up to more than 1, with the parts already recorded; less than 1 is a
warning. No import may take the sum of the amounts granted past what the kept totals hold.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.db.models.functions import Substr
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.content_version import forget_content_version
from core.templatetags.formatting import euros

from .choices import BeneficiaryKind
from .models import MAX_TOTAL, ZERO_EUROS, Beneficiary, Subsidy, split_to_the_cent
from .scdl_reader import MAX_ERRORS, RowError, parse_scdl

BATCH_SIZE = 500
LOOKUP_CHUNK = 1000

# A previewed file waits in storage for its confirmation, named by a signed, expiring token.
STAGED_DIR = "subsidy-imports"
STAGED_SALT = "subsidies.import"
STAGED_MAX_AGE = 60 * 60  # a preview may be confirmed within the hour

# The SCDL values of a row, which an import sets and compares.
SCDL_FIELDS = (
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
    "siret",
    "rna",
)
# What a decision's parts share, and what it is found by in the database.
KNOWN_FIELDS = ("id", "reference", "convention_date", "beneficiary_id", *SCDL_FIELDS)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class RecordChange:
    """One record an import changes: which (the line of the file, the record) and how."""

    line: int
    record: str
    changes: list[FieldChange]


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or a refused file, would have done)."""

    filename: str = ""
    dry_run: bool = False
    encoding: str = ""
    delimiter: str = ""
    row_count: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    beneficiaries_created: int = 0
    total_amount: Decimal = ZERO_EUROS
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    changes: list[RecordChange] = field(default_factory=list)

    @property
    def accepted(self):
        return not self.errors

    @property
    def written(self):
        return self.accepted and not self.dry_run

    @property
    def more_errors(self):
        """How many errors were counted beyond those kept (``MAX_ERRORS``)."""
        return self.error_count - len(self.errors)

    def error(self, line, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, column, str(message)))


def chunks(items, size=LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class ImportPlan:
    new_beneficiaries: dict = field(default_factory=dict)
    changed_beneficiaries: dict = field(default_factory=dict)
    # [{field: value}] of each new decision
    new_subsidies: list = field(default_factory=list)
    # {decision id: {field: new value}}
    changed_subsidies: dict = field(default_factory=dict)
    unchanged: int = 0


def subsidy_import(*, data, filename="", dry_run=False, publish=True, user=None):
    """Imports the SCDL CSV file ``data`` (bytes); returns an ImportReport.

    Nothing is written if any row is refused, nor on a dry run. New decisions are published
    when ``publish`` is true (the law makes them public data); ``user`` is recorded in their
    history.
    """
    parsed = parse_scdl(data, publisher_siret=settings.PUBLISHER_SIRET)
    report = ImportReport(
        filename=filename,
        dry_run=dry_run,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
        row_count=parsed.row_count,
        errors=list(parsed.errors),
        error_count=parsed.error_count,
        warnings=list(parsed.warnings),
    )
    if report.errors:
        return report

    plan = plan_import(parsed.rows, report, publish=publish)
    report.created = len(plan.new_subsidies)
    report.updated = len(plan.changed_subsidies)
    report.unchanged = plan.unchanged
    report.beneficiaries_created = len(plan.new_beneficiaries)
    if report.errors or dry_run:
        return report

    reason = _("Import SCDL %(file)s") % {"file": filename} if filename else _("Import SCDL")
    try:
        subsidy_import_write(plan, user=user, reason=reason)
    except IntegrityError:
        report.error(
            0,
            "",
            _(
                "une autre modification des mêmes décisions a eu lieu pendant l'import ; "
                "rien n'a été enregistré, relancez l'import."
            ),
        )
    return report


def plan_import(rows, report, *, publish):
    """Matches each row with the beneficiaries and decisions already known, then checks what
    only the database can tell: the shares of each decision and the totals."""
    plan = ImportPlan()
    beneficiaries = KnownBeneficiaries(rows)
    resolved = []
    first_lines = {}
    for row in rows:
        beneficiary = beneficiaries.resolve(row, plan, report)
        if beneficiary is None:
            continue
        # Two rows may name one beneficiary differently (by SIRET here, by RNA there).
        key = (row.reference, id(beneficiary), row.convention_date, row.object)
        first_line = first_lines.setdefault(key, row.line)
        if first_line != row.line:
            report.error(
                row.line,
                "referenceDecision",
                _("même décision qu'à la ligne %(line)s (même bénéficiaire).")
                % {"line": first_line},
            )
            continue
        resolved.append((row, beneficiary))
    beneficiaries.settle_moves(plan, report)

    known = known_decisions({row.reference for row, _beneficiary in resolved})
    matched = match_rows(resolved, known, report)
    parts = decision_parts(matched, known)
    granted = check_decisions(parts, report)
    check_totals(parts, granted, report)
    report.total_amount = sum((granted[row.line] for row, *_rest in matched), ZERO_EUROS)

    for row, beneficiary, decision in matched:
        values = scdl_values(row)
        if decision is None:
            # The fields only: the records are made batch by batch as they are written.
            plan.new_subsidies.append(
                {
                    "beneficiary": beneficiary,
                    "convention_date": row.convention_date,
                    "reference": row.reference,
                    "is_published": publish,
                    **values,
                }
            )
            continue
        changes = {name: value for name, value in values.items() if decision[name] != value}
        if not changes:
            plan.unchanged += 1
            continue
        plan.changed_subsidies[decision["id"]] = changes
        if len(report.changes) < MAX_ERRORS:
            report.changes.append(
                RecordChange(
                    row.line,
                    _("Décision %(reference)s du %(date)s, %(beneficiary)s, « %(object)s »")
                    % {
                        "reference": row.reference,
                        "date": formats.date_format(row.convention_date, "SHORT_DATE_FORMAT"),
                        "beneficiary": beneficiary.name,
                        "object": decision["object"],
                    },
                    [
                        FieldChange(label(name), shown(name, decision[name]), shown(name, value))
                        for name, value in changes.items()
                    ],
                )
            )
    return plan


def scdl_values(row):
    return {name: getattr(row, name) for name in SCDL_FIELDS}


def label(name, model=Subsidy):
    return str(model._meta.get_field(name).verbose_name)


def shown(name, value, model=Subsidy):
    """A value as the preview shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if name == "amount":
        return euros(value)
    if name == "share":
        return formats.number_format(value.normalize())
    if name == "payment_conditions":
        return str(dict(model._meta.get_field(name).flatchoices).get(value, value))
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def known_decisions(references):
    """The rows already recorded under the file's references, as dictionaries: only what the
    file names, never every past decision of its beneficiaries."""
    known = []
    for chunk in chunks(sorted(references)):
        known.extend(
            Subsidy.objects.filter(reference__in=chunk)
            .order_by("id")
            .values(*KNOWN_FIELDS, "granted_amount")
        )
    return known


def match_rows(resolved, known, report):
    """``[(row, beneficiary, recorded row or None)]``: each row of the file with the row it
    updates. Within one decision of one beneficiary (reference, beneficiary, date), rows are
    matched by object; one row left on each side is the same one with its object corrected;
    more than one left on both sides cannot be told apart and is refused."""
    recorded = defaultdict(list)
    for decision in known:
        key = (decision["reference"], decision["beneficiary_id"], decision["convention_date"])
        recorded[key].append(decision)
    groups = defaultdict(list)
    for row, beneficiary in resolved:
        groups[(row.reference, beneficiary.pk, row.convention_date)].append((row, beneficiary))
    matched = []
    for key, members in groups.items():
        candidates = recorded.get(key, []) if key[1] else []
        by_object = {decision["object"]: decision for decision in candidates}
        left = []
        for row, beneficiary in members:
            decision = by_object.pop(row.object, None)
            if decision is None:
                left.append((row, beneficiary))
            else:
                matched.append((row, beneficiary, decision))
        unmatched = list(by_object.values())
        if len(left) == 1 and len(unmatched) == 1:
            matched.append((*left[0], unmatched[0]))
        elif left and unmatched:
            objects = ", ".join(f"« {decision['object']} »" for decision in unmatched)
            for row, _beneficiary in left:
                report.error(
                    row.line,
                    "objet",
                    _(
                        "cette décision compte déjà pour ce bénéficiaire les objets %(objects)s, "
                        "absents du fichier : impossible de dire lequel cette ligne corrige. "
                        "Reprenez l'objet enregistré, ou corrigez-le d'abord dans "
                        "l'administration."
                    )
                    % {"objects": objects},
                )
        else:
            matched.extend((row, beneficiary, None) for row, beneficiary in left)
    matched.sort(key=lambda item: item[0].line)
    return matched


@dataclass
class Part:
    """One part of a decision once the file is imported: a file's row (``row``), or a row
    recorded and left as it is (``row`` None), in the order the database splits them."""

    share: Decimal
    order: tuple
    row: object = None
    recorded: dict | None = None


def decision_parts(matched, known):
    """``{decision key: [Part]}`` for every decision the file touches, as it will stand."""
    updated = {decision["id"] for _row, _beneficiary, decision in matched if decision}
    parts = defaultdict(list)
    for row, _beneficiary, decision in matched:
        # The database splits by id: rows recorded first, then new ones in the file's order.
        order = (0, decision["id"]) if decision else (1, row.line)
        parts[row.decision_key].append(Part(row.share, order, row, decision))
    for decision in known:
        key = tuple(decision[name] for name in ("reference", "convention_date", "object"))
        key = (*key, decision["amount"])
        if decision["id"] not in updated and key in parts:
            parts[key].append(Part(decision["share"], (0, decision["id"]), None, decision))
    for members in parts.values():
        members.sort(key=lambda part: part.order)
    return parts


def check_decisions(parts, report):
    """Refuses the rows of a decision whose shares add up to more than 1 and warns of those
    that add up to less; returns what each row of the file grants, ``{line: amount}``, and
    each recorded part, ``{("id", id): amount}``, split to the cent."""
    granted = {}
    short = []
    for (reference, _date, _object, amount), members in parts.items():
        shares = [part.share for part in members]
        total = sum(shares)
        lines = [part.row.line for part in members if part.row]
        if total > 1:
            recorded = sum(1 for part in members if part.row is None)
            for line in lines:
                report.error(
                    line,
                    "pourcentageSubvention",
                    _(
                        "les parts de la décision %(reference)s (même date, objet et montant ; "
                        "lignes %(lines)s, et %(recorded)s part(s) déjà enregistrée(s)) font "
                        "%(total)s, plus que 1."
                    )
                    % {
                        "reference": reference,
                        "lines": ", ".join(map(str, lines)),
                        "recorded": recorded,
                        "total": f"{total.normalize():f}",
                    },
                )
        elif total < 1:
            short.append(lines[0])
        for part, value in zip(members, split_to_the_cent(amount, shares), strict=True):
            granted[part.row.line if part.row else ("id", part.recorded["id"])] = value
    if short:
        shown_lines = ", ".join(map(str, short[:20])) + (" …" if len(short) > 20 else "")
        report.warnings.append(
            _(
                "%(count)s décision(s) dont les parts font moins que 1 (le reste revient à "
                "d'autres bénéficiaires, absents du fichier ?) : lignes %(lines)s."
            )
            % {"count": len(short), "lines": shown_lines}
        )
    return granted


def check_totals(parts, granted, report):
    """Refuses the row past which the sum of every amount granted would exceed what the kept
    totals hold (``models.MAX_TOTAL``): a row error, not a database error."""
    total = Subsidy.objects.granted_total()
    file_rows = []
    for members in parts.values():
        for part in members:
            if part.recorded:
                total -= part.recorded["granted_amount"]
            if part.row is None:
                total += granted[("id", part.recorded["id"])]
            else:
                file_rows.append(part.row)
    for row in sorted(file_rows, key=lambda row: row.line):
        total += granted[row.line]
        if total > MAX_TOTAL:
            report.error(
                row.line,
                "montant",
                _(
                    "avec ce montant, le total des subventions dépasserait ce que le portail "
                    "peut tenir (%(limit)s)."
                )
                % {"limit": euros(MAX_TOTAL)},
            )
            return


def zip_chunks(*collections):
    split = [list(chunks(sorted(collection))) for collection in collections]
    for index in range(max(len(chunked) for chunked in split)):
        yield [chunked[index] if index < len(chunked) else [] for chunked in split]


class KnownBeneficiaries:
    """The beneficiaries the rows of a file name, looked up once by SIRET, RNA number and
    SIREN, and those the file adds."""

    def __init__(self, rows):
        sirets = {row.siret for row in rows if row.siret}
        rnas = {row.rna for row in rows if row.rna}
        sirens = {siret[:9] for siret in sirets}
        self.by_siret, self.by_rna, self.by_siren = {}, {}, defaultdict(dict)
        # {id(beneficiary): (beneficiary, [(date, SIRET, line)] of its rows)}
        self.moves = {}
        for siret_chunk, rna_chunk, siren_chunk in zip_chunks(sirets, rnas, sirens):
            found = Beneficiary.objects.annotate(siren=Substr("siret", 1, 9)).filter(
                Q(siret__in=siret_chunk) | Q(rna__in=rna_chunk) | Q(siren__in=siren_chunk)
            )
            for beneficiary in found:
                self.add(beneficiary)

    def add(self, beneficiary, siret=None):
        siret = siret or beneficiary.siret
        if siret:
            self.by_siret[siret] = beneficiary
            self.by_siren[siret[:9]][id(beneficiary)] = beneficiary
        if beneficiary.rna:
            self.by_rna[beneficiary.rna] = beneficiary

    def resolve(self, row, plan, report):
        """The beneficiary of a row: a known one, possibly completed, or a new one."""
        by_siret = self.by_siret.get(row.siret) if row.siret else None
        by_rna = self.by_rna.get(row.rna) if row.rna else None
        if by_siret and by_rna and by_siret is not by_rna:
            report.error(
                row.line,
                "rnaBeneficiaire",
                _(
                    "ce numéro RNA appartient au bénéficiaire « %(other)s », et non à "
                    "celui du SIRET %(siret)s."
                )
                % {"other": by_rna.name, "siret": row.siret},
            )
            return None
        beneficiary = by_siret or by_rna
        if beneficiary is None and row.siret:
            # An establishment that moved: another SIRET of the same SIREN.
            same_siren = list(self.by_siren.get(row.siret[:9], {}).values())
            if len(same_siren) == 1 and not (row.rna and same_siren[0].rna):
                beneficiary = same_siren[0]
        if beneficiary is None:
            return self.create(row, plan)

        if row.rna and beneficiary.rna and row.rna != beneficiary.rna:
            report.error(
                row.line,
                "rnaBeneficiaire",
                _("le bénéficiaire « %(name)s » est déjà enregistré avec %(current)s.")
                % {"name": beneficiary.name, "current": beneficiary.rna},
            )
            return None
        if row.siret and beneficiary.siret and row.siret[:9] != beneficiary.siret[:9]:
            report.error(
                row.line,
                "idBeneficiaire",
                _(
                    "le bénéficiaire « %(name)s » est déjà enregistré avec %(current)s, d'un "
                    "autre SIREN."
                )
                % {"name": beneficiary.name, "current": beneficiary.siret},
            )
            return None
        for name in ("siret", "rna"):
            value = getattr(row, name)
            if value and not getattr(beneficiary, name):
                setattr(beneficiary, name, value)
                if beneficiary.pk:
                    plan.changed_beneficiaries[beneficiary.pk] = beneficiary
                    changed_beneficiary(report, row.line, beneficiary, name, "", value)
        self.seen(beneficiary, row)
        return beneficiary

    def seen(self, beneficiary, row):
        if row.siret:
            self.moves.setdefault(id(beneficiary), (beneficiary, []))[1].append(
                (row.convention_date, row.siret, row.line)
            )
            self.add(beneficiary, row.siret)

    def create(self, row, plan):
        beneficiary = plan.new_beneficiaries.get(row.beneficiary_key)
        if beneficiary is None:
            beneficiary = Beneficiary(
                name=row.beneficiary_name,
                siret=row.siret,
                rna=row.rna,
                kind=BeneficiaryKind.ASSOCIATION if row.rna else BeneficiaryKind.OTHER,
            )
            plan.new_beneficiaries[row.beneficiary_key] = beneficiary
        self.add(beneficiary)
        self.seen(beneficiary, row)
        return beneficiary

    def settle_moves(self, plan, report):
        """Gives each beneficiary whose rows carry several SIRET of its SIREN the SIRET of its
        latest decision, in the file or already recorded."""
        for beneficiary, seen in self.moves.values():
            if {siret for _date, siret, _line in seen} <= {beneficiary.siret}:
                continue
            latest = max(seen, key=lambda item: item[0])
            if beneficiary.pk:
                recorded = (
                    Subsidy.objects.filter(beneficiary=beneficiary)
                    .exclude(siret="")
                    .aggregate(date=Max("convention_date"))["date"]
                )
                if recorded and recorded > latest[0]:
                    continue
            if latest[1] != beneficiary.siret:
                old, beneficiary.siret = beneficiary.siret, latest[1]
                if beneficiary.pk:
                    plan.changed_beneficiaries[beneficiary.pk] = beneficiary
                    changed_beneficiary(report, latest[2], beneficiary, "siret", old, latest[1])


def changed_beneficiary(report, line, beneficiary, name, old, new):
    if len(report.changes) < MAX_ERRORS:
        report.changes.append(
            RecordChange(
                line,
                _("Bénéficiaire « %(name)s »") % {"name": beneficiary.name},
                [FieldChange(label(name, Beneficiary), old or "—", new)],
            )
        )


@transaction.atomic
def subsidy_import_write(plan, *, user, reason):
    """Writes an import plan, with one history record per row written.

    The database moves the content version, bulk writes included; bulk writes send no
    ``post_save``, so this process is told to read it again here.
    """
    forget_content_version()
    now = timezone.now()
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    new_beneficiaries = list(plan.new_beneficiaries.values())
    if new_beneficiaries:
        bulk_create_with_history(new_beneficiaries, Beneficiary, batch_size=BATCH_SIZE, **history)
    if plan.changed_beneficiaries:
        changed = list(plan.changed_beneficiaries.values())
        for beneficiary in changed:
            beneficiary.updated_at = now
        bulk_update_with_history(
            changed,
            Beneficiary,
            ["siret", "rna", "updated_at"],
            batch_size=BATCH_SIZE,
            **history,
        )
    for batch in chunks(plan.new_subsidies, BATCH_SIZE):
        subsidies = [Subsidy(**fields) for fields in batch]
        bulk_create_with_history(subsidies, Subsidy, batch_size=BATCH_SIZE, **history)
    for ids in chunks(plan.changed_subsidies):
        changed = list(Subsidy.objects.filter(pk__in=ids).order_by("pk"))
        names = set()
        for subsidy in changed:
            for name, value in plan.changed_subsidies[subsidy.pk].items():
                setattr(subsidy, name, value)
                names.add(name)
            subsidy.updated_at = now
        bulk_update_with_history(
            changed, Subsidy, [*sorted(names), "updated_at"], batch_size=BATCH_SIZE, **history
        )


@dataclass
class StagedImport:
    """A file checked for the admin's preview: what importing it would do, and the token that
    confirms it ("" for a refused file: there is nothing to confirm)."""

    report: ImportReport
    token: str = ""


class StagedImportExpired(Exception):
    """The token is not valid (expired, altered, another user's) or its file is gone (already
    imported, or forgotten as stale)."""


def subsidy_import_stage(*, data, filename, publish, user):
    """Checks the SCDL file ``data`` (bytes) as a dry run and, if it is accepted, keeps it for
    ``user`` to confirm within ``STAGED_MAX_AGE`` seconds; returns a :class:`StagedImport`.

    No record is written. ``publish`` is kept with the file for the import to come.
    """
    report = subsidy_import(data=data, filename=filename, dry_run=True)
    if not report.accepted:
        return StagedImport(report)
    remove_stale_staged_files()
    name = default_storage.save(f"{STAGED_DIR}/{uuid.uuid4().hex}.csv", ContentFile(data))
    token = signing.dumps(
        {"name": name, "filename": filename, "publish": publish, "user": user.pk},
        salt=STAGED_SALT,
    )
    return StagedImport(report, token)


def subsidy_import_confirm(*, token, user):
    """Imports the file ``user`` staged under ``token``, all or nothing (``subsidy_import``,
    whose writes are one transaction); returns its :class:`ImportReport`.

    Once written, the staged file is deleted: a preview is confirmed once. A file refused now
    (the records changed since the preview) stays until it is stale. Raises
    :class:`StagedImportExpired` when the token names nothing ``user`` may confirm.
    """
    try:
        staged = signing.loads(token, salt=STAGED_SALT, max_age=STAGED_MAX_AGE)
    except signing.BadSignature as error:
        raise StagedImportExpired from error
    if staged["user"] != user.pk or not default_storage.exists(staged["name"]):
        raise StagedImportExpired
    with default_storage.open(staged["name"], "rb") as stored:
        data = stored.read()
    report = subsidy_import(
        data=data, filename=staged["filename"], publish=staged["publish"], user=user
    )
    if report.written:
        default_storage.delete(staged["name"])
    return report


def remove_stale_staged_files():
    """Forgets previews never confirmed, once they can no longer be."""
    limit = timezone.now() - timedelta(seconds=STAGED_MAX_AGE)
    try:
        _dirs, files = default_storage.listdir(STAGED_DIR)
        for name in files:
            path_name = f"{STAGED_DIR}/{name}"
            if default_storage.get_modified_time(path_name) < limit:
                default_storage.delete(path_name)
    except (FileNotFoundError, NotImplementedError):
        return
