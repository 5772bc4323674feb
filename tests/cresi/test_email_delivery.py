"""A registration's e-mails go through the database queue to a real SMTP server, and are not
lost while that server is down."""

import re

import pytest

from core.models import EmailTask
from cresi.models import Registration
from tests.mail_queue import wait_until

from .factories import TrainingSessionFactory

REGISTRATION = {
    "name": "Awa Diallo",
    "email": "awa.diallo@example.org",
    "organisation": "Essonne-Sahel",
    "phone": "",
    "consent": "on",
    "website": "",
}


@pytest.mark.django_db(transaction=True)
def test_a_registration_made_while_the_mail_server_is_down_is_mailed_once_it_is_back(
    client, settings, smtp_server, run_worker
):
    settings.SITE_URL = "http://testserver"
    settings.EMAIL_RETRY_FIRST_DELAY = 0.2
    TrainingSessionFactory(slug="monter", title="Monter un projet")
    smtp_server.stop()

    response = client.post("/cresi/formations/monter/inscription/", REGISTRATION)
    assert response.status_code == 302
    registration = Registration.objects.get()
    run_worker()
    assert smtp_server.messages == []
    failed = EmailTask.objects.retried().get()
    assert "ConnectionRefusedError" in failed.error
    assert failed.args_kwargs == {"args": [registration.pk, "fr"], "kwargs": {}}
    assert EmailTask.objects.waiting().get().attempt == 2

    smtp_server.start()
    wait_until(
        lambda: smtp_server.messages,
        action=run_worker,
        message="the registration's e-mail was not delivered",
    )
    [message] = smtp_server.messages
    assert message["To"] == "awa.diallo@example.org"
    assert "Monter un projet" in message["Subject"]
    assert "Awa" not in message.get_content()
    confirm_path = re.search(
        r"http://testserver(/cresi/formations/confirmation/\S+)", message.get_content()
    )[1]
    assert "Confirmer mon inscription" in client.get(confirm_path).text
    assert "Votre inscription est confirmée" in client.post(confirm_path).text

    wait_until(
        lambda: len(smtp_server.messages) == 2,
        action=run_worker,
        message="the confirmed registration's e-mail was not delivered",
    )
    recap = smtp_server.messages[1]
    assert recap.get_content().startswith("Bonjour Awa Diallo,")
    cancel_path = re.search(
        r"http://testserver(/cresi/formations/annulation/\S+)", recap.get_content()
    )[1]
    assert "Oui, annuler mon inscription" in client.get(cancel_path).text
    assert EmailTask.objects.sent().count() == 2
