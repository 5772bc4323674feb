"""Writes of the mission Europe: filing and confirming, moving and purging support requests."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.mail import enqueue_on_commit

from .choices import RequestStatus
from .models import SupportRequest
from .tasks import (
    notify_mission_europe,
    send_support_request_address_check,
    send_support_request_confirmation,
)
from .tokens import confirm_token_hash, new_link_fields

# Where a request may go from each state: forward through the follow-up, closed at any time,
# and reopened (back to « in progress ») if it was closed too early.
ALLOWED_TRANSITIONS = {
    RequestStatus.NEW: {RequestStatus.IN_PROGRESS, RequestStatus.CLOSED},
    RequestStatus.IN_PROGRESS: {RequestStatus.SUPPORTED, RequestStatus.CLOSED},
    RequestStatus.SUPPORTED: {RequestStatus.IN_PROGRESS, RequestStatus.CLOSED},
    RequestStatus.CLOSED: {RequestStatus.IN_PROGRESS},
}

# The link that confirms the address goes to whatever address is typed in the form: past this
# many requests from one address in 24 hours (confirmed or not), the form refuses it, so it
# cannot be used to flood someone's mailbox.
MAX_REQUESTS_PER_EMAIL_PER_DAY = 3


class ConfirmationExpired(Exception):
    """The request's link has expired (or the request is gone): nothing is confirmed."""


def _wait_for_other_requests_from(email):
    """Serialises, until the transaction ends, the requests filed from one address.

    Without it, simultaneous posts (from several addresses, to several app servers) would all
    count the same stored requests and all pass the daily limit. PostgreSQL only: SQLite lets a
    single writer in at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtext(%s))",
                [f"europe.supportrequest.email:{email.lower()}"],
            )


def _check_daily_limit(email, now):
    recent = SupportRequest.objects.from_email(email).created_since(now - timedelta(days=1))
    if recent.count() >= MAX_REQUESTS_PER_EMAIL_PER_DAY:
        raise ValidationError(
            {
                "email": ValidationError(
                    ngettext(
                        "Nous avons déjà reçu %(count)d demande de cette adresse électronique "
                        "en 24 heures. La mission Europe va y répondre ; pour une autre "
                        "demande, merci de réessayer demain.",
                        "Nous avons déjà reçu %(count)d demandes de cette adresse électronique "
                        "en 24 heures. La mission Europe va y répondre ; pour une autre "
                        "demande, merci de réessayer demain.",
                        MAX_REQUESTS_PER_EMAIL_PER_DAY,
                    ),
                    params={"count": MAX_REQUESTS_PER_EMAIL_PER_DAY},
                    code="too_many_requests",
                )
            }
        )


@transaction.atomic
def support_request_create(
    *,
    structure_name,
    structure_kind,
    contact_name,
    email,
    project_idea,
    progress,
    consent,
    siret="",
    rna="",
    phone="",
    programme="",
    language="fr",
    now=None,
):
    """Stores a request from the public form, unconfirmed, and queues with it the email that
    asks the owner of the address to confirm it: fixed words, nothing the visitor typed (the
    address is anyone's until confirmed). The mission Europe sees the request and hears of it
    only once confirmed (:func:`support_request_confirm`); past ``confirm_before`` it is
    deleted.

    Refused (``ValidationError`` on ``email``, code ``too_many_requests``) when the address
    already sent ``MAX_REQUESTS_PER_EMAIL_PER_DAY`` requests in the last 24 hours.
    """
    if not consent:
        raise ValidationError(_("Le consentement est nécessaire pour traiter la demande."))
    now = now or timezone.now()
    _wait_for_other_requests_from(email)
    _check_daily_limit(email, now)
    support_request = SupportRequest(
        structure_name=structure_name,
        structure_kind=structure_kind,
        siret=siret,
        rna=rna,
        contact_name=contact_name,
        email=email,
        phone=phone,
        project_idea=project_idea,
        programme=programme,
        progress=progress,
        language=language,
        consented_at=now,
        confirm_before=now + timedelta(hours=settings.CONFIRMATION_LINK_HOURS),
        **new_link_fields(),
    )
    support_request.full_clean()
    support_request.save()
    enqueue_on_commit(send_support_request_address_check, support_request.pk)
    return support_request


def support_request_for_confirm_token(token):
    """The request a confirmation link points to, or ``None``."""
    if not token or len(token) > 100:
        return None
    return SupportRequest.objects.filter(confirm_token_hash=confirm_token_hash(token)).first()


@transaction.atomic
def support_request_confirm(*, support_request, now=None):
    """Confirms the request's address: the mission Europe then sees it, is told of it, and the
    requester gets an acknowledgement. Confirming again changes nothing. Raises
    :class:`ConfirmationExpired` once ``confirm_before`` is past."""
    now = now or timezone.now()
    # The row is locked: two confirmations at once tell the mission once.
    support_request = SupportRequest.objects.select_for_update().filter(pk=support_request.pk)
    support_request = support_request.first()
    if support_request is None:
        raise ConfirmationExpired
    if support_request.confirmed_at is not None:
        return support_request
    if support_request.confirm_before <= now:
        raise ConfirmationExpired
    support_request.confirmed_at = now
    support_request.save(update_fields=["confirmed_at", "updated_at"])
    enqueue_on_commit(send_support_request_confirmation, support_request.pk)
    enqueue_on_commit(notify_mission_europe, support_request.pk)
    return support_request


def support_request_can_move(*, support_request, status):
    return status in ALLOWED_TRANSITIONS[support_request.status]


@transaction.atomic
def support_request_change_status(*, support_request, status, now=None):
    """Moves a request along its follow-up, recording when it was closed."""
    if status == support_request.status:
        return support_request
    if not support_request_can_move(support_request=support_request, status=status):
        raise ValidationError(
            _("Une demande « %(current)s » ne peut pas passer à « %(target)s »."),
            params={
                "current": support_request.get_status_display(),
                "target": RequestStatus(status).label,
            },
            code="invalid_transition",
        )
    support_request.status = status
    support_request.closed_at = (now or timezone.now()) if status == RequestStatus.CLOSED else None
    support_request.save(update_fields=["status", "closed_at", "updated_at"])
    return support_request


@transaction.atomic
def support_requests_purge_unconfirmed(*, now=None, dry_run=False):
    """Deletes the requests whose address was not confirmed in time; returns how many were
    (or, with ``dry_run``, would be) deleted."""
    unconfirmed = SupportRequest.objects.unconfirmed_past_their_link(now)
    count = unconfirmed.count()
    if not dry_run:
        unconfirmed.delete()
    return count


@transaction.atomic
def support_requests_purge_closed(*, now=None, dry_run=False):
    """Deletes the requests closed more than ``PERSONAL_DATA_RETENTION_DAYS`` ago.

    Returns how many were (or, with ``dry_run``, would be) deleted.
    """
    due = SupportRequest.objects.due_for_purge(
        now=now or timezone.now(), retention_days=settings.PERSONAL_DATA_RETENTION_DAYS
    )
    count = due.count()
    if not dry_run:
        due.delete()
    return count
