"""E-mails of the calls for projects, sent by the task queue (``core/mail.py``).

None repeats what the applicant typed (the address is anyone's until confirmed, and a receipt
is no place for a project's content): they name the call, the application's reference and its
status, and carry links made again here from the application's seed (``calls/tokens.py``).
"""

import re

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.links import absolute_url
from core.mail import email_task

from .choices import ApplicationStatus
from .models import Application
from .tokens import application_access_token, application_confirm_token


def one_line(text):
    return re.sub(r"[^\S\xa0]+", " ", text).strip()


def _send(application, template, language, **context):
    with translation.override(language):
        context = {
            "application": application,
            "call": application.call,
            "call_url": absolute_url(application.call.get_absolute_url()),
            **context,
        }
        subject = render_to_string(f"calls/emails/{template}_subject.txt", context)
        body = render_to_string(f"calls/emails/{template}_body.txt", context)
    EmailMessage(subject=one_line(subject), body=body, to=[application.email]).send()


def _link(name, token, language):
    with translation.override(language):
        return absolute_url(reverse(f"calls:{name}", kwargs={"token": token}))


def _application(application_id, **filters):
    return Application.objects.select_related("call").filter(pk=application_id, **filters).first()


@email_task(_("Lien de confirmation d'une candidature à un appel à projets"))
def send_application_address_check(application_id, language):
    application = _application(application_id, email_confirmed_at__isnull=True)
    if application is None:
        return False
    token = application_confirm_token(application)
    _send(
        application,
        "address_check",
        language,
        confirm_url=_link("application-confirm", token, language),
    )
    return True


@email_task(_("Lien privé d'une candidature à un appel à projets"))
def send_application_link(application_id, language):
    application = _application(application_id, email_confirmed_at__isnull=False)
    if application is None:
        return False
    token = application_access_token(application)
    _send(
        application, "access_link", language, access_url=_link("application-edit", token, language)
    )
    return True


@email_task(_("Accusé de réception d'une candidature à un appel à projets"))
def send_application_receipt(application_id, language):
    application = _application(application_id, submitted_at__isnull=False)
    if application is None:
        return False
    token = application_access_token(application)
    _send(application, "receipt", language, access_url=_link("application-edit", token, language))
    return True


@email_task(_("Décision sur une candidature à un appel à projets"))
def send_application_decision(application_id, language):
    """Not admissible (with the reason), granted (with the amount) or refused (with the
    reason): the reason is the staff's, the amount the Département's."""
    application = _application(
        application_id,
        status__in=[
            ApplicationStatus.NOT_ADMISSIBLE,
            ApplicationStatus.GRANTED,
            ApplicationStatus.REFUSED,
        ],
    )
    if application is None:
        return False
    token = application_access_token(application)
    _send(
        application,
        "decision",
        language,
        access_url=_link("application-edit", token, language),
    )
    return True
