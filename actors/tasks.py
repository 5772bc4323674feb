"""E-mails about requests to the directory, sent by the task queue (``core/mail.py``).

The first, to an address nobody has confirmed yet, carries the link that confirms it, in fixed
words (anyone may type anyone's address); once confirmed, the requester gets an acknowledgement.
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

from .models import ActorRequest
from .tokens import actor_request_confirm_token


def _one_line(text):
    return re.sub(r"[^\S\xa0]+", " ", str(text)).strip()


@email_task(_("Lien de confirmation d'une demande à l'annuaire des acteurs"))
def send_actor_request_address_check(actor_request_id):
    actor_request = ActorRequest.objects.filter(
        pk=actor_request_id, confirmed_at__isnull=True
    ).first()
    if actor_request is None:
        return False
    token = actor_request_confirm_token(actor_request)
    with translation.override(actor_request.language):
        path = reverse("actors:request-confirm", kwargs={"token": token})
        context = {"confirm_url": absolute_url(path), "hours": settings.CONFIRMATION_LINK_HOURS}
        _send(actor_request, "address_check", context)
    return True


@email_task(_("Accusé de réception d'une demande à l'annuaire des acteurs"))
def send_actor_request_confirmation(actor_request_id):
    actor_request = ActorRequest.objects.confirmed().filter(pk=actor_request_id).first()
    if actor_request is None:
        return False
    with translation.override(actor_request.language):
        _send(actor_request, "confirmation", {"actor_request": actor_request})
    return True


def _send(actor_request, template, context):
    subject = render_to_string(f"actors/emails/{template}_subject.txt", context)
    body = render_to_string(f"actors/emails/{template}_body.txt", context)
    EmailMessage(subject=_one_line(subject), body=body, to=[actor_request.email]).send()
