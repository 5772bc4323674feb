"""Writes of the subsidies app: importing a SCDL file (from the command line or the admin).

The admin imports in two steps: ``subsidy_import_stage`` checks an uploaded file and keeps it
under a signed token, ``subsidy_import_confirm`` imports the file a token names.

An import is all or nothing. A decision is recognised by its natural key: the reference of the
decision, the beneficiary (by SIRET, else by RNA number) and the date of the convention; the
attributing body is always the Département (``PUBLISHER_SIRET``). Importing a decision again
updates its SCDL values if they changed and leaves the rest alone: the zone, action, domain and
published state staff gave it, and the beneficiary's name and kind. A beneficiary known by its
SIRET gets the file's RNA number if it had none (and the other way round); a file that gives a
SIRET and an RNA number belonging to two different beneficiaries is refused.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.content_version import forget_content_version

from .choices import BeneficiaryKind
from .models import Beneficiary, Subsidy
from .scdl_reader import RowError, parse_scdl

BATCH_SIZE = 500
LOOKUP_CHUNK = 1000

# A previewed file waits in storage for its confirmation, named by a signed, expiring token.
STAGED_DIR = "subsidy-imports"
STAGED_SALT = "subsidies.import"
STAGED_MAX_AGE = 60 * 60  # a preview may be confirmed within the hour

# The SCDL values of a decision, which an import sets and compares.
SCDL_FIELDS = (
    "object",
    "amount",
    "nature",
    "payment_conditions",
    "payment_start",
    "payment_end",
    "rae_id",
    "eu_notification",
    "share",
    "aid_scheme",
)


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
    total_amount: Decimal = Decimal("0.00")
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def accepted(self):
        return not self.errors

    @property
    def written(self):
        return self.accepted and not self.dry_run


def chunks(items, size=LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class ImportPlan:
    new_beneficiaries: dict = field(default_factory=dict)
    changed_beneficiaries: dict = field(default_factory=dict)
    new_subsidies: list = field(default_factory=list)
    changed_subsidies: list = field(default_factory=list)
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
        warnings=list(parsed.warnings),
        total_amount=sum((row.granted_amount for row in parsed.rows), Decimal("0.00")),
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
        report.errors.append(
            RowError(
                0,
                "",
                _(
                    "une autre modification des mêmes décisions a eu lieu pendant l'import ; "
                    "rien n'a été enregistré, relancez l'import."
                ),
            )
        )
    return report


def plan_import(rows, report, *, publish):
    """Matches each row with the beneficiaries and decisions already known."""
    plan = ImportPlan()
    known = known_beneficiaries(rows)
    matched = []
    first_lines = {}
    for row in rows:
        beneficiary = resolve_beneficiary(row, known, plan, report)
        if beneficiary is None:
            continue
        # Two rows may name one beneficiary differently (by SIRET here, by RNA there).
        key = (row.reference, id(beneficiary), row.convention_date)
        first_line = first_lines.setdefault(key, row.line)
        if first_line != row.line:
            report.errors.append(
                RowError(
                    row.line,
                    "referenceDecision",
                    _("même décision qu'à la ligne %(line)s (même bénéficiaire).")
                    % {"line": first_line},
                )
            )
            continue
        matched.append((row, beneficiary))

    existing = known_decisions({beneficiary.pk for _row, beneficiary in matched if beneficiary.pk})
    for row, beneficiary in matched:
        subsidy = existing.get((row.reference, beneficiary.pk, row.convention_date))
        if subsidy is None:
            plan.new_subsidies.append(
                Subsidy(
                    beneficiary=beneficiary,
                    convention_date=row.convention_date,
                    reference=row.reference,
                    is_published=publish,
                    **scdl_values(row),
                )
            )
            continue
        changes = {
            name: value
            for name, value in scdl_values(row).items()
            if getattr(subsidy, name) != value
        }
        if changes:
            for name, value in changes.items():
                setattr(subsidy, name, value)
            plan.changed_subsidies.append(subsidy)
        else:
            plan.unchanged += 1
    return plan


def scdl_values(row):
    return {name: getattr(row, name) for name in SCDL_FIELDS}


def known_beneficiaries(rows):
    sirets = {row.siret for row in rows if row.siret}
    rnas = {row.rna for row in rows if row.rna}
    known = {"siret": {}, "rna": {}}
    for siret_chunk, rna_chunk in zip_chunks(sirets, rnas):
        for beneficiary in Beneficiary.objects.filter(
            Q(siret__in=siret_chunk) | Q(rna__in=rna_chunk)
        ):
            if beneficiary.siret:
                known["siret"][beneficiary.siret] = beneficiary
            if beneficiary.rna:
                known["rna"][beneficiary.rna] = beneficiary
    return known


def zip_chunks(first, second):
    first_chunks = list(chunks(sorted(first)))
    second_chunks = list(chunks(sorted(second)))
    for index in range(max(len(first_chunks), len(second_chunks))):
        yield (
            first_chunks[index] if index < len(first_chunks) else [],
            second_chunks[index] if index < len(second_chunks) else [],
        )


def known_decisions(beneficiary_ids):
    decisions = {}
    for chunk in chunks(beneficiary_ids):
        for subsidy in Subsidy.objects.filter(beneficiary_id__in=chunk):
            key = (subsidy.reference, subsidy.beneficiary_id, subsidy.convention_date)
            decisions[key] = subsidy
    return decisions


def resolve_beneficiary(row, known, plan, report):
    """The beneficiary of a row: a known one, possibly completed, or a new one."""
    by_siret = known["siret"].get(row.siret) if row.siret else None
    by_rna = known["rna"].get(row.rna) if row.rna else None
    if by_siret and by_rna and by_siret is not by_rna:
        report.errors.append(
            RowError(
                row.line,
                "rnaBeneficiaire",
                _(
                    "ce numéro RNA appartient au bénéficiaire « %(other)s », et non à "
                    "celui du SIRET %(siret)s."
                )
                % {"other": by_rna.name, "siret": row.siret},
            )
        )
        return None
    beneficiary = by_siret or by_rna
    if beneficiary is None:
        beneficiary = plan.new_beneficiaries.get(row.beneficiary_key)
        if beneficiary is None:
            beneficiary = Beneficiary(
                name=row.beneficiary_name,
                siret=row.siret,
                rna=row.rna,
                kind=BeneficiaryKind.ASSOCIATION if row.rna else BeneficiaryKind.OTHER,
            )
            plan.new_beneficiaries[row.beneficiary_key] = beneficiary
            if row.siret:
                known["siret"][row.siret] = beneficiary
            if row.rna:
                known["rna"][row.rna] = beneficiary
        return beneficiary

    for column, name in (("idBeneficiaire", "siret"), ("rnaBeneficiaire", "rna")):
        value = getattr(row, name)
        current = getattr(beneficiary, name)
        if value and current and value != current:
            report.errors.append(
                RowError(
                    row.line,
                    column,
                    _("le bénéficiaire « %(name)s » est déjà enregistré avec %(current)s.")
                    % {"name": beneficiary.name, "current": current},
                )
            )
            return None
        if value and not current:
            setattr(beneficiary, name, value)
            known[name][value] = beneficiary
            if beneficiary.pk:
                plan.changed_beneficiaries[beneficiary.pk] = beneficiary
    return beneficiary


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
    if plan.new_subsidies:
        bulk_create_with_history(plan.new_subsidies, Subsidy, batch_size=BATCH_SIZE, **history)
    if plan.changed_subsidies:
        for subsidy in plan.changed_subsidies:
            subsidy.updated_at = now
        bulk_update_with_history(
            plan.changed_subsidies,
            Subsidy,
            [*SCDL_FIELDS, "updated_at"],
            batch_size=BATCH_SIZE,
            **history,
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
