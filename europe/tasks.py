"""Emails about support requests, sent by the task queue (``core/mail.py``): queued with the
request, sent by the worker, tried again while the mail server is away.

The first, to an address nobody has confirmed yet, carries the link that confirms it, in fixed
words: anyone may type anyone's address. Once it is confirmed, the requester gets an
acknowledgement (fixed words too) and the mission Europe the request itself. The link is made
again here from the request's seed (``europe/tokens.py``), never passed as an argument: the
queue stores a task's arguments.
"""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url
from core.mail import email_task

from .models import SupportRequest
from .tokens import support_request_confirm_token


def _one_line(text):
    return re.sub(r"[^\S\xa0]+", " ", str(text)).strip()


@email_task(_("Lien de confirmation d'une demande d'accompagnement"))
def send_support_request_address_check(support_request_id):
    """Asks the owner of the address, in the language of the form, to confirm the request."""
    support_request = SupportRequest.objects.filter(
        pk=support_request_id, confirmed_at__isnull=True
    ).first()
    if support_request is None:  # confirmed or deleted before the email left
        return False
    token = support_request_confirm_token(support_request)
    with translation.override(support_request.language):
        path = reverse("europe:support-request-confirm", kwargs={"token": token})
        context = {"support_request": support_request, "confirm_url": absolute_url(path)}
        _send_to_requester(support_request, "address_check", context)
    return True


@email_task(_("Accusé de réception d'une demande d'accompagnement"))
def send_support_request_confirmation(support_request_id):
    """Tells the requester, in the language of the form, that the request was received."""
    support_request = SupportRequest.objects.confirmed().filter(pk=support_request_id).first()
    if support_request is None:  # purged before the email left
        return False
    with translation.override(support_request.language):
        context = {"support_request": support_request}
        _send_to_requester(support_request, "confirmation", context)
    return True


@email_task(_("Avis d'une demande d'accompagnement à la mission Europe"))
def notify_mission_europe(support_request_id):
    """Tells the mission Europe a request arrived; replying goes straight to the requester."""
    support_request = SupportRequest.objects.confirmed().filter(pk=support_request_id).first()
    if support_request is None:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "support_request": support_request,
            "admin_url": absolute_url(
                reverse("admin:europe_supportrequest_change", args=[support_request.pk])
            ),
        }
        subject = render_to_string("europe/emails/mission_subject.txt", context)
        body = render_to_string("europe/emails/mission_body.txt", context)
    EmailMessage(
        subject=_one_line(subject),
        body=body,
        to=[settings.EUROPE_MISSION_EMAIL],
        reply_to=[support_request.email],
    ).send()
    return True


def _send_to_requester(support_request, template, context):
    """Sends ``europe/emails/<template>_subject.txt`` and ``_body.txt`` to the requester; a
    reply goes to the mission Europe."""
    subject = render_to_string(f"europe/emails/{template}_subject.txt", context)
    body = render_to_string(f"europe/emails/{template}_body.txt", context)
    EmailMessage(
        subject=_one_line(subject),
        body=body,
        to=[support_request.email],
        reply_to=[settings.EUROPE_MISSION_EMAIL],
    ).send()
