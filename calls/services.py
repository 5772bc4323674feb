"""Writes of the calls for projects: applying (address check, private link, draft, submission),
instructing (statuses with who and when), granting (the subsidy decision) and the purges."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from cooperation.choices import ActionStatus
from cooperation.models import Action
from core.mail import enqueue_on_commit
from subsidies.choices import BeneficiaryKind, Nature, PaymentConditions
from subsidies.models import MAX_OBJECT_LENGTH, MAX_TEXT_LENGTH, Beneficiary, Subsidy

from .choices import TRANSITIONS, ApplicationStatus, BudgetSide
from .models import Application, Attachment, BudgetItem, Call, StatusChange
from .tasks import (
    send_application_address_check,
    send_application_decision,
    send_application_link,
    send_application_receipt,
)
from .tokens import digest, new_link_fields

logger = logging.getLogger(__name__)

# The applicant's fields the public form writes.
APPLICANT_FIELDS = (
    "organisation",
    "siret",
    "rna",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_phone",
    "title",
    "zone",
    "partner",
    "domain",
    "summary",
    "objectives",
    "expected_results",
    "indicators",
    "start_date",
    "end_date",
    "amount_requested",
)


class ApplicationError(Exception):
    """What cannot be done; ``message`` says why, for the person who asked."""

    message = _("La demande n'a pas pu être enregistrée.")

    def __str__(self):
        return str(self.message)


class CallClosed(ApplicationError):
    message = _("Cet appel à projets est clos : aucun dossier ne peut plus être déposé.")


class ApplicationLocked(ApplicationError):
    message = _("Ce dossier a été déposé : il ne peut plus être modifié.")


class ConfirmationExpired(ApplicationError):
    message = _("Ce lien de confirmation a expiré.")


class SubmissionRefused(ApplicationError):
    """The saved application is incomplete or wrong; ``errors`` is ``{field: [message]}``."""

    message = _("Le dossier ne peut pas être déposé en l'état.")

    def __init__(self, errors):
        super().__init__()
        self.errors = errors


class TransitionRefused(ApplicationError):
    message = _("Ce changement de statut n'est pas possible depuis le statut actuel.")


class AlreadyGranted(ApplicationError):
    message = _("Ce dossier a déjà été accordé : la décision de subvention existe.")


class EnvelopeExceeded(ApplicationError):
    message = _(
        "Ce montant dépasserait l'enveloppe de l'appel : motivez le dépassement pour l'accepter."
    )


def confirmation_deadline(call, now):
    return min(now + timedelta(hours=settings.CONFIRMATION_LINK_HOURS), call.closes_at)


@transaction.atomic
def application_start(*, call, email, language="fr", now=None):
    """Starts an application to ``call`` for ``email``, or sends its link again.

    A new application is a draft whose address is not confirmed: an e-mail with the link that
    confirms it is queued. For an address that already has an application to this call, the
    same e-mail is sent again if it was never confirmed, else its private link: the visitor
    sees the same page either way (who applies is nobody else's business). Raises
    :class:`CallClosed` outside the call's opening.
    """
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not call.is_published or not call.is_open(now):
        raise CallClosed
    applications = Application.objects.for_call(call)
    applications.unconfirmed_past_their_link(now).filter(email__iexact=email).delete()
    existing = applications.filter(email__iexact=email).first()
    if existing is not None:
        task = (
            send_application_link
            if existing.email_confirmed_at
            else (send_application_address_check)
        )
        enqueue_on_commit(task, existing.pk, language)
        return existing
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                email=email,
                language=language,
                consent_at=now,
                confirm_before=confirmation_deadline(call, now),
                **new_link_fields(),
            )
    except IntegrityError:  # the same address, a moment before
        return applications.get(email__iexact=email)
    enqueue_on_commit(send_application_address_check, application.pk, language)
    return application


def _by_token(field, token):
    if not token or len(token) > 100:
        return None
    return Application.objects.select_related("call").filter(**{field: digest(token)}).first()


def application_for_confirm_token(token):
    return _by_token("confirm_token_hash", token)


def application_for_access_token(token):
    return _by_token("access_token_hash", token)


@transaction.atomic
def application_confirm(*, application, now=None):
    """Confirms the application's address; its private link is then e-mailed. Confirming
    again changes nothing. Raises :class:`ConfirmationExpired` past ``confirm_before``."""
    now = now or timezone.now()
    application = Application.objects.select_for_update().filter(pk=application.pk).first()
    if application is None:
        raise ConfirmationExpired
    if application.email_confirmed_at is not None:
        return application
    if application.confirm_before <= now:
        raise ConfirmationExpired
    application.email_confirmed_at = now
    application.save(update_fields=["email_confirmed_at", "updated_at"])
    enqueue_on_commit(send_application_link, application.pk, application.language)
    return application


def _lock_editable(application, now):
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    if application.is_locked:
        raise ApplicationLocked
    if application.email_confirmed_at is None or not application.call.is_open(now):
        raise CallClosed
    return application


@transaction.atomic
def application_save(*, application, values, expenses, resources, files, now=None):
    """Saves the draft: ``values`` of the applicant's fields, the budget table (``expenses``
    and ``resources``, lists of ``(label, amount)``, replacing the former lines) and
    ``files`` (``{AttachmentKind: checked upload}``, replacing the former file of that kind).

    Refused after the call's closing time, whenever the form was opened (:class:`CallClosed`),
    and once submitted (:class:`ApplicationLocked`)."""
    now = now or timezone.now()
    application = _lock_editable(application, now)
    for name, value in values.items():
        if name not in APPLICANT_FIELDS:
            raise ValueError(name)
        setattr(application, name, value)
    application.full_clean(exclude=["call", "subsidy"], validate_unique=False)
    application.save()
    application.budget_items.all().delete()
    BudgetItem.objects.bulk_create(
        BudgetItem(application=application, side=side, label=label, amount=amount, position=i)
        for side, rows in ((BudgetSide.EXPENSE, expenses), (BudgetSide.RESOURCE, resources))
        for i, (label, amount) in enumerate(rows)
    )
    for kind, upload in files.items():
        if kind.call_id != application.call_id:
            raise ValueError(kind)
        old = application.attachments.filter(kind=kind).first()
        if old is not None:
            transaction.on_commit(
                lambda name=old.file.name, storage=old.file.storage: storage.delete(name)
            )
            old.delete()
        Attachment.objects.create(application=application, kind=kind, file=upload, uploaded_at=now)
    return application


def next_reference(year):
    """``AAP-2026-014``: the 14th application submitted in 2026."""
    prefix = f"AAP-{year}-"
    taken = Application.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    number = max((int(reference.removeprefix(prefix)) for reference in taken), default=0) + 1
    return f"{prefix}{number:03d}"


def application_submit(*, application, now=None):
    """Submits the saved application: every rule is checked at once (``submission_errors``),
    then it is locked, numbered and a receipt is e-mailed. Raises :class:`CallClosed` past the
    closing time (even for a form opened before), :class:`ApplicationLocked` when it was
    submitted already and :class:`SubmissionRefused` with every error."""
    now = now or timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                return _submit(application, now)
        except IntegrityError:  # another application took the same number at the same moment
            if attempt == 4:
                raise
    return None


def _submit(application, now):
    application = _lock_editable(application, now)
    errors = application.submission_errors()
    if errors:
        raise SubmissionRefused(errors)
    with transaction.atomic():
        application.reference = next_reference(timezone.localdate(now).year)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["reference", "status", "submitted_at", "updated_at"])
    StatusChange.objects.create(
        application=application,
        from_status=ApplicationStatus.DRAFT,
        to_status=ApplicationStatus.SUBMITTED,
        changed_at=now,
    )
    enqueue_on_commit(send_application_receipt, application.pk, application.language)
    return application


NOTIFIED = {ApplicationStatus.NOT_ADMISSIBLE, ApplicationStatus.REFUSED}


@transaction.atomic
def application_change_status(
    *, application, to_status, by, note="", committee_date=None, proposed_amount=None, now=None
):
    """Moves an application along its instruction (``choices.TRANSITIONS``), recording who and
    when. Not admissible and refused need the reason, which the applicant is e-mailed;
    proposing to the committee needs its date (the call's by default) and the amount proposed.
    Granting has its own service, :func:`application_grant`."""
    now = now or timezone.now()
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    to_status = ApplicationStatus(to_status)
    if to_status == ApplicationStatus.GRANTED:
        raise TransitionRefused
    if to_status not in TRANSITIONS[ApplicationStatus(application.status)]:
        raise TransitionRefused
    errors = {}
    note = note.strip()
    if to_status in NOTIFIED and not note:
        errors["note"] = [_("Indiquez le motif : il est envoyé au candidat.")]
    if to_status == ApplicationStatus.NOT_ADMISSIBLE:
        application.not_admissible_reason = note
    if to_status == ApplicationStatus.REFUSED:
        application.refusal_reason = note
    if to_status == ApplicationStatus.PROPOSED:
        application.committee_date = committee_date or application.call.committee_date
        if application.committee_date is None:
            errors["committee_date"] = [_("Indiquez la date du comité.")]
        if proposed_amount is None or proposed_amount <= 0:
            errors["proposed_amount"] = [_("Indiquez le montant proposé.")]
        elif proposed_amount > application.amount_requested:
            errors["proposed_amount"] = [_("Le montant proposé dépasse le montant demandé.")]
        application.proposed_amount = proposed_amount
    if errors:
        raise ValidationError(errors)
    StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to_status,
        changed_by=by,
        changed_at=now,
        note=note,
    )
    application.status = to_status
    application.save()
    if to_status in NOTIFIED:
        enqueue_on_commit(send_application_decision, application.pk, application.language)
    return application


def beneficiary_for_application(application):
    """The beneficiary known by the application's SIRET, else its RNA number; created when
    neither is known. The name of a known one is kept (Finances keeps it)."""
    if application.siret:
        found = Beneficiary.objects.filter(siret=application.siret).first()
        if found is not None:
            return found
    if application.rna:
        found = Beneficiary.objects.filter(rna=application.rna).first()
        if found is not None:
            return found
    beneficiary = Beneficiary(
        name=application.organisation,
        siret=application.siret,
        rna=application.rna,
        kind=BeneficiaryKind.ASSOCIATION,
    )
    beneficiary.full_clean()
    beneficiary.save()
    return beneficiary


@transaction.atomic
def application_grant(*, application, amount, by, override_reason="", now=None):
    """Grants ``amount`` to a proposed application and creates its subsidy decision, not yet
    published (Finances publishes it): its beneficiary (found or created by SIRET or RNA), the
    amount, the committee date as convention date (``dateConvention``), the application's
    reference, the call as ``dispositifAide``, its zone and domain. Nobody retypes a figure.

    The call's row is locked first, then the application's, so that two staff granting at
    once grant once (the second gets :class:`AlreadyGranted`) and the envelope is counted with
    every other grant of the call. Going past the envelope needs ``override_reason``, kept in
    the status history and logged; else :class:`EnvelopeExceeded`."""
    now = now or timezone.now()
    call = Call.objects.select_for_update().get(pk=application.call_id)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status in (ApplicationStatus.GRANTED, ApplicationStatus.SIGNED):
        raise AlreadyGranted
    if application.status != ApplicationStatus.PROPOSED:
        raise TransitionRefused
    if amount is None or amount <= 0 or amount > application.amount_requested:
        raise ValidationError(
            {"amount": [_("Le montant accordé va de 0,01 € au montant demandé.")]}
        )
    granted = (
        Application.objects.for_call(call)
        .filter(status__in=[ApplicationStatus.GRANTED, ApplicationStatus.SIGNED])
        .committee_totals()["granted"]
    )
    override_reason = override_reason.strip()
    over = granted + amount > call.envelope
    if over and not override_reason:
        raise EnvelopeExceeded
    convention_date = application.committee_date or call.committee_date
    beneficiary = beneficiary_for_application(application)
    subsidy = Subsidy(
        beneficiary=beneficiary,
        siret=application.siret,
        rna=application.rna,
        convention_date=convention_date,
        reference=application.reference,
        object=application.title[:MAX_OBJECT_LENGTH],
        amount=amount,
        nature=Nature.CASH,
        payment_conditions=PaymentConditions.SINGLE,
        payment_start=convention_date,
        aid_scheme=call.title[:MAX_TEXT_LENGTH],
        zone=application.zone,
        domain=application.domain,
        is_published=False,
    )
    subsidy.full_clean()
    subsidy.save()
    StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=ApplicationStatus.GRANTED,
        changed_by=by,
        changed_at=now,
        note=override_reason,
        envelope_override=over,
    )
    if over:
        logger.warning(
            "Envelope of call %s exceeded by granting application %s (by user %s): %s",
            call.pk,
            application.reference,
            getattr(by, "pk", None),
            override_reason,
        )
    application.status = ApplicationStatus.GRANTED
    application.granted_amount = amount
    application.subsidy = subsidy
    application.envelope_override_reason = override_reason if over else ""
    application.save()
    enqueue_on_commit(send_application_decision, application.pk, application.language)
    return application


@transaction.atomic
def applications_purge_unconfirmed(*, now=None, dry_run=False):
    unconfirmed = Application.objects.unconfirmed_past_their_link(now)
    count = unconfirmed.count()
    if not dry_run:
        _delete(unconfirmed)
    return count


@transaction.atomic
def applications_purge_expired(*, now=None, dry_run=False):
    """Deletes applications kept past ``PERSONAL_DATA_RETENTION_DAYS`` (their files and the
    admin's history about them included). A granted application's subsidy decision stays: it
    is the Département's public act."""
    expired = Application.objects.expired(now=now)
    if dry_run:
        return expired.count()
    return _delete(expired)


def _delete(applications):
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id__in=applications.values(id_text=Cast("pk", models.TextField())),
    ).delete()
    files = list(
        Attachment.objects.filter(application__in=applications).values_list("file", flat=True)
    )
    storage = Attachment._meta.get_field("file").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in files])
    _total, per_model = applications.delete()
    return per_model.get(Application._meta.label, 0)


def application_update(*, application, values, expenses, resources, files, submit=False, now=None):
    """Saves the draft and, with ``submit``, submits it, all or nothing: a submission refused
    (:class:`SubmissionRefused`, :class:`CallClosed`…) leaves the application as it was, and
    removes the files this request stored."""
    now = now or timezone.now()
    stored = []
    try:
        with transaction.atomic():
            application = application_save(
                application=application,
                values=values,
                expenses=expenses,
                resources=resources,
                files=files,
                now=now,
            )
            stored = list(
                application.attachments.filter(uploaded_at=now).values_list("file", flat=True)
            )
            if submit:
                application = application_submit(application=application, now=now)
    except Exception:
        storage = Attachment._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    return application


class ActionExists(ApplicationError):
    message = _("Ce projet est déjà une action de coopération.")


@transaction.atomic
def application_create_action(*, application):
    """Makes a granted project a cooperation action, in draft for the editors to publish: its
    zone, domain, title, summary, years, budget, the Département's contribution (the amount
    granted) and, in its description, its objectives, expected results and indicators. The
    subsidy decision is linked to it. Raises :class:`TransitionRefused` for a project not
    granted, :class:`ActionExists` when its decision already funds an action."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.subsidy_id is None or application.status not in (
        ApplicationStatus.GRANTED,
        ApplicationStatus.SIGNED,
    ):
        raise TransitionRefused
    subsidy = Subsidy.objects.select_for_update().get(pk=application.subsidy_id)
    if subsidy.action_id is not None:
        raise ActionExists
    expenses, _resources = application.budget_totals()
    sections = [
        (_("Objectifs"), application.objectives),
        (_("Résultats attendus"), application.expected_results),
        (_("Indicateurs"), application.indicators),
    ]
    action = Action(
        zone=application.zone,
        title=application.title,
        slug=slugify(f"{application.title} {application.reference}")[:200],
        domain=application.domain,
        status=ActionStatus.PLANNED,
        start_year=application.start_date.year,
        end_year=application.end_date.year,
        budget=expenses or None,
        contribution=application.granted_amount,
        summary=application.summary[:300],
        body="\n\n".join(f"## {title}\n\n{text}" for title, text in sections if text),
        is_published=False,
    )
    action.full_clean()
    action.save()
    subsidy.action = action
    subsidy.full_clean()
    subsidy.save(update_fields=["action", "updated_at"])
    return action
