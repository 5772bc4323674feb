"""Writes of the resource centre: downloads, registrations, cancellations and the purge."""

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
from .tasks import send_registration_confirmation
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


def resource_record_download(*, resource):
    """Counts one download (written in a batch, see ``core.counters``)."""
    count(resource, "download_count")


@transaction.atomic
def registration_create(*, session, name, email, organisation, phone="", language=None, now=None):
    """Registers a person for a session, never beyond its places; returns the registration.

    The session row is locked (``SELECT … FOR UPDATE``) before the places are counted, so
    simultaneous registrations are taken one after the other and the last ones find the session
    full. Raises :class:`RegistrationClosed`, :class:`SessionFull` or :class:`AlreadyRegistered`.
    The digest of its cancellation link's token is stored with it, and a confirmation email
    with that link queued with it, in ``language`` (the task makes the token again: it is never
    stored, see ``core/tokens.py``).
    """
    now = now or timezone.now()
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_published or not session.registration_is_open(timezone.localdate(now)):
        raise RegistrationClosed
    registrations = Registration.objects.for_session(session)
    if registrations.filter(email__iexact=email).exists():
        raise AlreadyRegistered
    if registrations.count() >= session.capacity:
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
                **new_link_fields(),
            )
    except IntegrityError as error:
        raise AlreadyRegistered from error
    enqueue_on_commit(
        send_registration_confirmation, registration.pk, language or get_language() or "fr"
    )
    return registration


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
