"""Emails of the resource centre, sent by the task queue (``core/mail.py``): queued with the
registration, sent by the worker, tried again while the mail server is away.
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
from .tokens import registration_cancel_token


def one_line(text):
    """The text on one line; non-breaking spaces (French typography) are kept."""
    return re.sub(r"[^\S\xa0]+", " ", text).strip()


@email_task(_("Confirmation d'une inscription à une formation"))
def send_registration_confirmation(registration_id, language):
    """Confirms a registration to the registrant, with the link that cancels it (links start
    with ``SITE_URL``, see :func:`core.links.absolute_url`).

    The link's token is made again here from the registration's seed, rather than passed as an
    argument: the queue stores a task's arguments and keeps them with its result, where a clear
    token would let anyone reading them cancel the registration. The database keeps only its
    digest, written with the registration. A task tried again writes the same link.
    """
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:  # cancelled before the email left
        return False
    cancel_token = registration_cancel_token(registration)
    with translation.override(language):
        path = reverse("cresi:registration-cancel", kwargs={"token": cancel_token})
        context = {
            "registration": registration,
            "session": registration.session,
            "cancel_url": absolute_url(path),
            "session_url": absolute_url(registration.session.get_absolute_url()),
            "retention": retention_period_label(),
        }
        subject = render_to_string("cresi/emails/registration_subject.txt", context)
        body = render_to_string("cresi/emails/registration_body.txt", context)
    EmailMessage(subject=one_line(subject), body=body, to=[registration.email]).send()
    return True
