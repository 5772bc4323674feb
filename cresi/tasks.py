"""Emails of the resource centre, sent through Django's tasks framework.

``services.registration_create`` enqueues the confirmation once the registration is committed.
With the default immediate backend it runs in the request's process right after the commit; a
failing mail server marks the task failed (and logs it) without losing the registration.
"""

import re

from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Registration, retention_period_label


def one_line(text):
    """The text on one line; non-breaking spaces (French typography) are kept."""
    return re.sub(r"[^\S\xa0]+", " ", text).strip()


@task
def send_registration_confirmation(registration_id, cancel_token, site_url, language):
    """Confirms a registration to the registrant, with the link that cancels it.

    The token is known only here and in the email: the database keeps its digest.
    """
    registration = Registration.objects.select_related("session").filter(pk=registration_id).first()
    if registration is None:  # cancelled before the email left
        return
    with translation.override(language):
        path = reverse("cresi:registration-cancel", kwargs={"token": cancel_token})
        context = {
            "registration": registration,
            "session": registration.session,
            "cancel_url": site_url.rstrip("/") + path,
            "session_url": site_url.rstrip("/") + registration.session.get_absolute_url(),
            "retention": retention_period_label(),
        }
        subject = render_to_string("cresi/emails/registration_subject.txt", context)
        body = render_to_string("cresi/emails/registration_body.txt", context)
    EmailMessage(subject=one_line(subject), body=body, to=[registration.email]).send()
