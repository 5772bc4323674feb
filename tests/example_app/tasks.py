"""The example app's e-mail: a task declared with ``core.mail.email_task``, like every app's.

``FAILURES`` lets a test make the next attempts fail: each attempt raises the first one left.
"""

from django.core.mail import EmailMessage

from core.mail import email_task

from .models import Subscriber

FAILURES = []


@email_task("Bienvenue aux abonnés aux cartes postales")
def send_welcome(subscriber_id):
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    if FAILURES:
        raise FAILURES.pop(0)
    EmailMessage(subject="Bienvenue", body="Bons baisers.", to=[subscriber.email]).send()
    return True
