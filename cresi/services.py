"""Writes of the resource centre: downloads, registrations and their confirmation,
cancellations and the purges."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.counters import count
from core.mail import enqueue_on_commit

from .models import Registration, TrainingSession
from .tasks import send_registration_address_check, send_registration_confirmation
from .tokens import cancel_token_hash, new_link_fields


class RegistrationError(Exception):
    """A registration that cannot be taken; ``message`` says why, for the visitor."""

    message = _("L'inscription n'a pas pu être enregistrée.")

    def __str__(self):
        return str(self.message)


class RegistrationClosed(RegistrationError):
    message = _("Les inscriptions à cette session sont closes.")


class SessionFull(RegistrationError):
    message = _("Cette session est complète.")


class AlreadyRegistered(RegistrationError):
    message = _("Cette adresse électronique est déjà inscrite à cette session.")


class ConfirmationPending(AlreadyRegistered):
    message = _(
        "Une demande d'inscription à cette session avec cette adresse électronique attend déjà "
        "sa confirmation : suivez le lien du message envoyé à cette adresse."
    )


class ConfirmationExpired(RegistrationError):
    message = _("Ce lien de confirmation a expiré.")


def resource_record_download(*, resource):
    """Counts one download (written in a batch, see ``core.counters``)."""
    count(resource, "download_count")


def confirmation_deadline(session, now):
    """When a registration made at ``now`` must be confirmed by: ``CONFIRMATION_LINK_HOURS``
    later, and no later than the end of the last day of registrations."""
    return min(
        now + timedelta(hours=settings.CONFIRMATION_LINK_HOURS), session.registration_closes_at()
    )


@transaction.atomic
def registration_create(*, session, name, email, organisation, phone="", language=None, now=None):
    """Records a request to register for a session; returns the registration, unconfirmed.

    It holds no place until its address is confirmed (:func:`registration_confirm`), through
    the link of an email queued with it, in ``language``: fixed wording, nothing the visitor
    typed (the address is anyone's until confirmed). The digests of its links' tokens are
    stored with it (``core/tokens.py``). Past ``confirm_before`` it is deleted.

    The session row is locked (``SELECT … FOR UPDATE``) while the address and places are
    checked. Raises :class:`RegistrationClosed`, :class:`SessionFull` (every place taken by a
    confirmed registration), :class:`AlreadyRegistered` or :class:`ConfirmationPending` (a
    request with this address waits for its confirmation: no second email).
    """
    now = now or timezone.now()
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_published or not session.registration_is_open(timezone.localdate(now)):
        raise RegistrationClosed
    registrations = Registration.objects.for_session(session)
    # A request whose link expired gives way to this one.
    registrations.unconfirmed_past_their_link(now).filter(email__iexact=email).delete()
    existing = registrations.filter(email__iexact=email).first()
    if existing is not None:
        raise AlreadyRegistered if existing.confirmed_at else ConfirmationPending
    if registrations.confirmed().count() >= session.capacity:
        raise SessionFull

    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                name=name,
                email=email,
                organisation=organisation,
                phone=phone,
                consent_at=now,
                confirm_before=confirmation_deadline(session, now),
                **new_link_fields(),
            )
    except IntegrityError as error:
        raise AlreadyRegistered from error
    enqueue_on_commit(
        send_registration_address_check, registration.pk, language or get_language() or "fr"
    )
    return registration


def registration_for_confirm_token(token):
    """The registration a confirmation link points to, or ``None``."""
    if not token or len(token) > 100:
        return None
    return (
        Registration.objects.select_related("session")
        .filter(confirm_token_hash=cancel_token_hash(token))
        .first()
    )


def registration_confirm(*, registration, language=None, now=None):
    """Confirms the registration's address: it then holds a place, and an email with its
    cancellation link is queued, in ``language``. Confirming again changes nothing.

    The session row is locked while the confirmed registrations are counted, so that the
    session is never overbooked. Raises :class:`ConfirmationExpired` once ``confirm_before`` is
    past, and :class:`SessionFull` (the session filled up meanwhile) or
    :class:`RegistrationClosed` (it was withdrawn): the registration is then deleted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        TrainingSession.objects.select_for_update().get(pk=registration.session_id)
        registration = (
            Registration.objects.select_related("session").filter(pk=registration.pk).first()
        )
        if registration is None or (
            registration.confirmed_at is None and registration.confirm_before <= now
        ):
            raise ConfirmationExpired
        if registration.confirmed_at is not None:
            return registration
        session = registration.session
        if not session.is_published or not session.registration_is_open(timezone.localdate(now)):
            refused = RegistrationClosed()
        elif Registration.objects.for_session(session).confirmed().count() >= session.capacity:
            refused = SessionFull()
        else:
            registration.confirmed_at = now
            registration.save(update_fields=["confirmed_at", "updated_at"])
            enqueue_on_commit(
                send_registration_confirmation,
                registration.pk,
                language or get_language() or "fr",
            )
            return registration
        # Refused: nothing is kept of a registration that will never hold a place.
        registration.delete()
    raise refused


def registration_for_token(token):
    """The registration a cancellation link points to, or ``None``."""
    if not token or len(token) > 100:
        return None
    return (
        Registration.objects.select_related("session")
        .filter(cancel_token_hash=cancel_token_hash(token))
        .first()
    )


@transaction.atomic
def registration_cancel(*, registration):
    """Cancels a registration: it is deleted, which frees the place and the personal data."""
    Registration.objects.filter(pk=registration.pk).delete()


@transaction.atomic
def registrations_purge_unconfirmed(*, now=None, dry_run=False):
    """Deletes the registrations whose address was not confirmed in time; returns how many
    there were (and, with ``dry_run``, leaves them in place)."""
    unconfirmed = Registration.objects.unconfirmed_past_their_link(now)
    count = unconfirmed.count()
    if not dry_run:
        unconfirmed.delete()
    return count


@transaction.atomic
def registrations_purge_expired(*, now=None, dry_run=False):
    """Deletes registrations kept past ``PERSONAL_DATA_RETENTION_DAYS`` after their session,
    and the admin's history entries about them (older ones may name the registrant).

    Returns how many registrations there were (and, with ``dry_run``, leaves them in place).
    """
    expired = Registration.objects.expired(now=now)
    if dry_run:
        return expired.count()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Registration),
        object_id__in=expired.values(id_text=Cast("pk", models.TextField())),
    ).delete()
    _total, per_model = expired.delete()
    return per_model.get(Registration._meta.label, 0)
