"""Emails about support requests, sent through Django's tasks framework.

They are enqueued by ``services.support_request_create`` once the request is committed. With the
default immediate backend they run in the request's process right after the commit; a failing
mail server marks the task failed (and logs it) without losing the stored request.
"""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.links import absolute_url

from .models import SupportRequest


def _one_line(text):
    return re.sub(r"[^\S\xa0]+", " ", str(text)).strip()


@task
def send_support_request_confirmation(support_request_id):
    """Tells the requester, in the language of the form, that the request was received."""
    support_request = SupportRequest.objects.get(pk=support_request_id)
    with translation.override(support_request.language):
        context = {"support_request": support_request}
        subject = render_to_string("europe/emails/confirmation_subject.txt", context)
        body = render_to_string("europe/emails/confirmation_body.txt", context)
    EmailMessage(
        subject=_one_line(subject),
        body=body,
        to=[support_request.email],
        reply_to=[settings.EUROPE_MISSION_EMAIL],
    ).send()


@task
def notify_mission_europe(support_request_id):
    """Tells the mission Europe a request arrived; replying goes straight to the requester."""
    support_request = SupportRequest.objects.get(pk=support_request_id)
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
