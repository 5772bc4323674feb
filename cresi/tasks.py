"""Emails of the resource centre, sent by the task queue (``core/mail.py``): queued with the
registration, sent by the worker, tried again while the mail server is away.

A registration gets two: the first, to an address nobody has confirmed yet, carries the link
that confirms it, in fixed words (never the name or anything else the visitor typed: anyone may
type anyone's address); the second, once the address is confirmed, recalls the registration
and carries the link that cancels it.

Links are made again here from the registration's seed (``cresi/tokens.py``) rather than passed
as arguments: the queue stores a task's arguments and keeps them with its result, where a clear
token would let anyone reading them confirm or cancel the registration. A task tried again
writes the same links. Links start with ``SITE_URL`` (:func:`core.links.absolute_url`).
"""

import re

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url
from core.mail import email_task

from .models import Registration, retention_period_label
from .tokens import registration_cancel_token, registration_confirm_token


def one_line(text):
    """The text on one line; non-breaking spaces (French typography) are kept."""
    return re.sub(r"[^\S\xa0]+", " ", text).strip()


def _send(registration, template, language, **context):
    with translation.override(language):
        context = {
            "registration": registration,
            "session": registration.session,
            "session_url": absolute_url(registration.session.get_absolute_url()),
            "retention": retention_period_label(),
            **context,
        }
        subject = render_to_string(f"cresi/emails/{template}_subject.txt", context)
        body = render_to_string(f"cresi/emails/{template}_body.txt", context)
    EmailMessage(subject=one_line(subject), body=body, to=[registration.email]).send()


def _link(name, token, language):
    with translation.override(language):
        return absolute_url(reverse(f"cresi:{name}", kwargs={"token": token}))


@email_task(_("Lien de confirmation d'une inscription à une formation"))
def send_registration_address_check(registration_id, language):
    """Asks the owner of the address to confirm the registration, before ``confirm_before``."""
    registration = (
        Registration.objects.select_related("session")
        .filter(pk=registration_id, confirmed_at__isnull=True)
        .first()
    )
    if registration is None:  # confirmed, refused or deleted before the email left
        return False
    token = registration_confirm_token(registration)
    _send(
        registration,
        "address_check",
        language,
        confirm_url=_link("registration-confirm", token, language),
    )
    return True


@email_task(_("Confirmation d'une inscription à une formation"))
def send_registration_confirmation(registration_id, language):
    """Recalls a confirmed registration to the registrant, with the link that cancels it."""
    registration = (
        Registration.objects.select_related("session")
        .filter(pk=registration_id, confirmed_at__isnull=False)
        .first()
    )
    if registration is None:  # cancelled before the email left
        return False
    token = registration_cancel_token(registration)
    _send(
        registration,
        "registration",
        language,
        cancel_url=_link("registration-cancel", token, language),
    )
    return True
