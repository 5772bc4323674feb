import importlib

import pytest
from django.apps import apps

from cresi.models import Registration

from .factories import RegistrationFactory, admin_log_entry

pytestmark = pytest.mark.django_db

forget_names = importlib.import_module(
    "cresi.migrations.0003_registration_log_entries_without_names"
).forget_names


def test_history_entries_written_before_lose_the_registrants_names(admin_user):
    registration = RegistrationFactory(name="Awa Diallo")

    entry = admin_log_entry(admin_user, registration, f"Awa Diallo – {registration.session}")
    other = admin_log_entry(admin_user, registration.session, str(registration.session))
    forget_names(apps, None)
    entry.refresh_from_db()
    other.refresh_from_db()
    assert entry.object_repr == f"Inscription n°\xa0{registration.pk}"
    assert other.object_repr == str(registration.session)


give_each_registration_a_seed = importlib.import_module(
    "cresi.migrations.0006_registration_token_seed"
).give_each_registration_a_seed


def test_registrations_made_before_keep_their_cancel_link_and_get_seeds_of_their_own():
    first, second = RegistrationFactory.create_batch(2, token_seed="")
    digests = {first.cancel_token_hash, second.cancel_token_hash}
    give_each_registration_a_seed(apps, None)
    first.refresh_from_db()
    second.refresh_from_db()
    assert {first.cancel_token_hash, second.cancel_token_hash} == digests
    assert len(first.token_seed) == 64 and first.token_seed != second.token_seed


confirm_the_registrations_made_before = importlib.import_module(
    "cresi.migrations.0007_registration_confirmation"
).confirm_the_registrations_made_before


def test_registrations_made_before_keep_their_place_as_confirmed():
    registration = RegistrationFactory(confirmed_at=None)
    Registration.objects.filter(pk=registration.pk).update(confirm_token_hash="")
    confirm_the_registrations_made_before(apps, None)
    registration.refresh_from_db()
    assert registration.confirmed_at == registration.created_at
    assert Registration.objects.confirmed().get() == registration
