import importlib

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType

from .factories import RegistrationFactory

pytestmark = pytest.mark.django_db

forget_names = importlib.import_module(
    "cresi.migrations.0003_registration_log_entries_without_names"
).forget_names


def test_history_entries_written_before_lose_the_registrants_names(admin_user):
    registration = RegistrationFactory(name="Awa Diallo")

    def log(obj, text):
        return LogEntry.objects.create(
            user=admin_user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=text,
            action_flag=CHANGE,
        )

    entry = log(registration, f"Awa Diallo – {registration.session}")
    other = log(registration.session, str(registration.session))
    forget_names(apps, None)
    entry.refresh_from_db()
    other.refresh_from_db()
    assert entry.object_repr == f"Inscription n°\xa0{registration.pk}"
    assert other.object_repr == str(registration.session)
