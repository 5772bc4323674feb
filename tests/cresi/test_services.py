import threading
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from cresi import services
from cresi.models import Registration, Resource
from cresi.tasks import send_registration_address_check, send_registration_confirmation
from cresi.tokens import registration_cancel_token, registration_confirm_token

from .factories import (
    RegistrationFactory,
    ResourceFactory,
    TrainingSessionFactory,
    admin_log_entry,
    in_days,
)

THREADS = 12

# What a visitor may type to make the portal send it to someone else's address.
SPAM = {
    "name": "Marie. ACTION REQUISE : réglez 35 EUR sur https://paiement.example",
    "organisation": "Cliquez ici http://phishing.example",
    "phone": "+33 6 00 00 00 00",
}


def register(session, email="awa@example.org", **kwargs):
    return services.registration_create(
        session=session,
        **{"name": "Awa Diallo", "email": email, "organisation": "Essonne-Sahel", **kwargs},
    )


def register_and_confirm(session, email="awa@example.org", **kwargs):
    registration = register(session, email, **kwargs)
    return services.registration_confirm(registration=registration)


def queued(callbacks, task):
    """The callbacks, run after a commit, that queue ``task``."""
    return [callback for callback in callbacks if getattr(callback, "func", None) == task.enqueue]


def link(message, kind):
    """The token of the ``kind`` link (« confirmation », « annulation ») in ``message``."""
    return message.body.split(f"/{kind}/")[1].split("/")[0]


def run_at_once(count, work):
    """Runs ``work(index)`` in ``count`` threads released together; returns results or errors."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def target(index):
        try:
            barrier.wait()
            results[index] = work(index)
        except Exception as error:
            results[index] = error
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=target, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db
class TestRegistrationCreate:
    def test_stores_an_unconfirmed_registration_and_mails_the_link_after_commit(
        self, django_capture_on_commit_callbacks, settings
    ):
        settings.SITE_URL = "https://essonne.example"
        session = TrainingSessionFactory(title="Monter un projet")
        now = timezone.now()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            registration = register(session, now=now)
        assert len(mail.outbox) == 0  # nothing leaves before the commit
        assert registration.consent_at == now
        assert registration.confirmed_at is None
        assert registration.confirm_before == now + timedelta(hours=24)
        [send] = queued(callbacks, send_registration_address_check)
        send()
        [message] = mail.outbox
        assert message.to == ["awa@example.org"]
        assert "Monter un projet" in message.subject
        assert "https://essonne.example/cresi/formations/confirmation/" in message.body
        assert "/annulation/" not in message.body

    @pytest.mark.parametrize("language", ["fr", "en"])
    def test_the_email_to_an_unconfirmed_address_repeats_nothing_the_visitor_typed(
        self, django_capture_on_commit_callbacks, language
    ):
        with django_capture_on_commit_callbacks(execute=True):
            register(TrainingSessionFactory(), language=language, **SPAM)
        [message] = mail.outbox
        text = message.subject + message.body
        for typed in [*SPAM.values(), "Marie", "35 EUR", "paiement.example", "phishing"]:
            assert typed not in text
        assert message.body.startswith("Bonjour,\n" if language == "fr" else "Hello,\n")

    def test_the_confirmation_link_is_stored_only_as_a_digest_before_the_email_is_queued(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            registration = register(TrainingSessionFactory())
        token = registration_confirm_token(registration)
        assert services.registration_for_confirm_token(token) == registration
        [send] = queued(callbacks, send_registration_address_check)
        assert send.args == (registration.pk, "fr")  # the queue stores ids, no token
        send()
        assert link(mail.outbox[0], "confirmation") == token
        assert token not in registration.confirm_token_hash + registration.token_seed
        assert services.registration_for_confirm_token("faux") is None
        assert services.registration_for_confirm_token("x" * 300) is None

    def test_an_unconfirmed_registration_holds_no_place(self):
        session = TrainingSessionFactory(capacity=1)
        register(session, email="a@example.org")
        assert register(session, email="b@example.org")
        assert session.registrations.confirmed().count() == 0

    def test_the_link_lasts_24_hours_and_never_past_the_last_day_of_registrations(self):
        tomorrow = TrainingSessionFactory(start_date=in_days(10), registration_deadline=in_days(1))
        today = TrainingSessionFactory(start_date=in_days(10), registration_deadline=in_days(0))
        now = timezone.make_aware(datetime.combine(in_days(0), datetime.min.time())).replace(
            hour=20
        )
        assert register(tomorrow, now=now).confirm_before == now + timedelta(hours=24)
        end_of_today = timezone.make_aware(datetime.combine(in_days(1), datetime.min.time()))
        assert register(today, now=now).confirm_before == end_of_today

    def test_an_address_waiting_for_its_confirmation_is_not_mailed_again(
        self, django_capture_on_commit_callbacks
    ):
        session = TrainingSessionFactory()
        with django_capture_on_commit_callbacks(execute=True):
            register(session, email="Awa@Example.org")
            with pytest.raises(services.ConfirmationPending):
                register(session, email="awa@EXAMPLE.ORG")
        assert len(mail.outbox) == 1
        assert Registration.objects.count() == 1

    def test_an_expired_request_gives_way_to_a_new_one(self):
        session = TrainingSessionFactory()
        old = register(session, now=timezone.now() - timedelta(hours=25))
        new = register(session)
        assert list(Registration.objects.all()) == [new]
        assert new.pk != old.pk

    def test_mail_in_the_language_of_the_form(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            register(TrainingSessionFactory(), language="en")
        assert "/en/cresi/formations/confirmation/" in mail.outbox[0].body

    def test_a_failing_mail_server_keeps_the_registration(
        self, django_capture_on_commit_callbacks, settings
    ):
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
            }
        }
        session = TrainingSessionFactory()
        with django_capture_on_commit_callbacks(execute=True):
            register(session)
        assert Registration.objects.count() == 1

    def test_full_session_refuses(self):
        session = TrainingSessionFactory(capacity=1)
        register_and_confirm(session, email="a@example.org")
        with pytest.raises(services.SessionFull):
            register(session, email="b@example.org")

    def test_closed_after_the_deadline(self):
        session = TrainingSessionFactory(start_date=in_days(3), registration_deadline=in_days(-1))
        with pytest.raises(services.RegistrationClosed):
            register(session)

    def test_deadline_is_judged_in_paris_time(self):
        session = TrainingSessionFactory(
            start_date=date(2026, 12, 10), registration_deadline=date(2026, 12, 1)
        )
        # 23:30 UTC on 1 December is already 2 December in Paris.
        late = timezone.make_aware(datetime(2026, 12, 1, 23, 30), timezone.UTC)
        with pytest.raises(services.RegistrationClosed):
            register(session, now=late)
        in_time = timezone.make_aware(datetime(2026, 12, 1, 22, 30), timezone.UTC)
        assert register(session, now=in_time)

    def test_draft_session_refuses(self):
        session = TrainingSessionFactory(is_published=False)
        with pytest.raises(services.RegistrationClosed):
            register(session)

    def test_same_confirmed_email_whatever_the_case(self):
        session = TrainingSessionFactory()
        register_and_confirm(session, email="Awa@Example.org")
        with pytest.raises(services.AlreadyRegistered):
            register(session, email="awa@EXAMPLE.ORG")
        assert register(TrainingSessionFactory(), email="awa@example.org")


@pytest.mark.django_db
class TestRegistrationConfirm:
    def test_confirming_takes_a_place_and_mails_the_cancel_link(
        self, django_capture_on_commit_callbacks, settings
    ):
        settings.SITE_URL = "https://essonne.example"
        session = TrainingSessionFactory(title="Monter un projet", capacity=2)
        registration = register(session)
        now = timezone.now()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            confirmed = services.registration_confirm(registration=registration, now=now)
        assert confirmed.confirmed_at == now
        assert list(session.registrations.confirmed()) == [registration]
        [send] = queued(callbacks, send_registration_confirmation)
        assert send.args == (registration.pk, "fr")
        send()
        [message] = mail.outbox
        assert message.to == ["awa@example.org"]
        assert message.body.startswith("Bonjour Awa Diallo,\n")  # the address is the visitor's
        assert "https://essonne.example/cresi/formations/annulation/" in message.body
        assert "effacées 12\xa0mois après la session" in message.body

    def test_confirming_twice_changes_nothing(self, django_capture_on_commit_callbacks):
        registration = register_and_confirm(TrainingSessionFactory())
        first = registration.confirmed_at
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            again = services.registration_confirm(registration=registration)
        assert again.confirmed_at == first and callbacks == []

    def test_the_first_confirmed_take_the_places_the_others_are_refused_and_forgotten(self):
        session = TrainingSessionFactory(capacity=1)
        first = register(session, email="a@example.org")
        second = register(session, email="b@example.org")
        services.registration_confirm(registration=second)
        with pytest.raises(services.SessionFull):
            services.registration_confirm(registration=first)
        assert list(Registration.objects.all()) == [second]

    def test_an_expired_link_confirms_nothing(self):
        registration = register(TrainingSessionFactory(), now=timezone.now() - timedelta(days=2))
        with pytest.raises(services.ConfirmationExpired):
            services.registration_confirm(registration=registration)
        assert Registration.objects.get().confirmed_at is None

    def test_a_session_unpublished_meanwhile_refuses(self):
        session = TrainingSessionFactory()
        registration = register(session)
        session.is_published = False
        session.save()
        with pytest.raises(services.RegistrationClosed):
            services.registration_confirm(registration=registration)
        assert not Registration.objects.exists()


@pytest.mark.django_db
class TestCancelLink:
    def test_the_cancel_token_is_stored_only_as_a_digest(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            registration = register_and_confirm(TrainingSessionFactory())
        token = link(mail.outbox[-1], "annulation")
        registration.refresh_from_db()
        assert len(token) >= 40
        assert token not in registration.cancel_token_hash
        assert token not in registration.token_seed
        assert registration.cancel_token_hash == services.cancel_token_hash(token)
        assert services.registration_for_token(token) == registration
        assert services.registration_for_token("faux") is None
        assert services.registration_for_token("") is None

    def test_the_cancel_link_works_before_any_email_is_sent(
        self, django_capture_on_commit_callbacks
    ):
        """The token's digest is written with the registration, before the email is queued: a
        task that fails creates nothing that could be lost."""
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            registration = register_and_confirm(TrainingSessionFactory())
        assert queued(callbacks, send_registration_confirmation)  # queued, not run
        token = registration_cancel_token(registration)
        assert services.registration_for_token(token) == registration

    def test_the_clear_token_is_never_a_task_argument(self, django_capture_on_commit_callbacks):
        """Queue backends store a task's arguments: they hold no token, nor personal data."""
        registration = register(TrainingSessionFactory())
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.registration_confirm(registration=registration)
        [send] = queued(callbacks, send_registration_confirmation)
        assert send.args == (registration.pk, "fr")
        send()
        token = link(mail.outbox[0], "annulation")
        assert services.registration_for_token(token) == registration
        assert token not in repr(send.args)

    def test_a_task_run_again_sends_the_same_link(self, django_capture_on_commit_callbacks):
        """A retry writes the same link: the one of an email that did arrive keeps working."""
        registration = register(TrainingSessionFactory())
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.registration_confirm(registration=registration)
        [send] = queued(callbacks, send_registration_confirmation)
        send()
        send()
        first, second = (link(message, "annulation") for message in mail.outbox)
        assert first == second
        assert services.registration_for_token(first) == registration

    def test_the_link_needs_the_secret_key_not_only_the_database(self, settings):
        registration = register(TrainingSessionFactory())
        token = registration_cancel_token(registration)
        settings.SECRET_KEY = "another-key-" + "x" * 50
        assert registration_cancel_token(registration) != token

    def test_no_mail_for_a_registration_cancelled_before_the_task(
        self, django_capture_on_commit_callbacks
    ):
        registration = register(TrainingSessionFactory())
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.registration_confirm(registration=registration)
        services.registration_cancel(registration=registration)
        [send] = queued(callbacks, send_registration_confirmation)
        send()
        assert mail.outbox == []

    def test_cancel_frees_the_place(self):
        session = TrainingSessionFactory(capacity=1)
        registration = register_and_confirm(session)
        services.registration_cancel(registration=registration)
        assert not Registration.objects.exists()
        assert register_and_confirm(session, email="b@example.org")


@pytest.mark.django_db
def test_purge_deletes_the_unconfirmed_registrations_past_their_link(settings):
    session = TrainingSessionFactory()
    now = timezone.now()
    expired = register(session, email="a@example.org", now=now - timedelta(hours=25))
    waiting = register(session, email="b@example.org", now=now - timedelta(hours=23))
    confirmed = register_and_confirm(session, email="c@example.org")
    assert expired.pk and waiting.pk
    assert services.registrations_purge_unconfirmed(now=now, dry_run=True) == 1
    assert Registration.objects.count() == 3
    assert services.registrations_purge_unconfirmed(now=now) == 1
    assert set(Registration.objects.all()) == {waiting, confirmed}


@pytest.mark.django_db
def test_purge_deletes_only_registrations_past_the_retention(settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old = TrainingSessionFactory(
        start_date=date(2025, 10, 1), registration_deadline=date(2025, 9, 1)
    )
    recent = TrainingSessionFactory(
        start_date=date(2026, 1, 5), registration_deadline=date(2025, 12, 1)
    )
    RegistrationFactory.create_batch(3, session=old)
    kept = RegistrationFactory(session=recent)
    now = timezone.make_aware(datetime(2026, 11, 28, 10))
    assert services.registrations_purge_expired(now=now, dry_run=True) == 3
    assert Registration.objects.count() == 4
    assert services.registrations_purge_expired(now=now) == 3
    assert list(Registration.objects.all()) == [kept]
    assert services.registrations_purge_expired(now=now) == 0


@pytest.mark.django_db
def test_purge_deletes_the_admin_history_of_the_purged_registrations(settings, admin_user):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    old = TrainingSessionFactory(
        start_date=date(2025, 10, 1), registration_deadline=date(2025, 9, 1)
    )
    purged = RegistrationFactory(session=old, name="Awa Diallo")
    kept = RegistrationFactory(name="Binta Sow")

    # Written before the entries left the names out.
    admin_log_entry(admin_user, purged, "Awa Diallo – Monter un projet (01/10/2025)")
    kept_entry = admin_log_entry(admin_user, kept, "Inscription n° 2")
    # Another model's entry with the same object_id is not about the registration.
    session_entry = admin_log_entry(admin_user, old, "Monter un projet")
    session_entry.object_id = str(purged.pk)
    session_entry.save()

    now = timezone.make_aware(datetime(2026, 11, 28, 10))
    assert services.registrations_purge_expired(now=now, dry_run=True) == 1
    assert LogEntry.objects.count() == 3
    assert services.registrations_purge_expired(now=now) == 1
    assert set(LogEntry.objects.all()) == {kept_entry, session_entry}
    assert not LogEntry.objects.filter(object_repr__contains="Awa").exists()


@pytest.mark.django_db
def test_record_download_counts_in_the_database():
    resource = ResourceFactory()
    stale = Resource.objects.get(pk=resource.pk)
    services.resource_record_download(resource=resource)
    services.resource_record_download(resource=stale)  # an outdated copy still adds one
    resource.refresh_from_db()
    assert resource.download_count == 2


@pytest.mark.django_db(transaction=True)
def test_never_more_confirmed_registrations_than_places_under_concurrency(postgresql_only):
    """Twelve people confirm at the same instant for five places: exactly five get one."""
    session = TrainingSessionFactory(capacity=5)
    pending = [register(session, email=f"personne{index}@example.org") for index in range(THREADS)]
    results = run_at_once(
        THREADS, lambda index: services.registration_confirm(registration=pending[index])
    )
    confirmed = [result for result in results if isinstance(result, Registration)]
    refused = [result for result in results if isinstance(result, services.SessionFull)]
    assert len(confirmed) == 5, results
    assert len(refused) == THREADS - 5, results
    assert Registration.objects.filter(session=session).confirmed().count() == 5
    assert Registration.objects.filter(session=session).count() == 5  # the others forgotten


@pytest.mark.django_db(transaction=True)
def test_the_same_email_at_the_same_instant_registers_once(postgresql_only):
    session = TrainingSessionFactory(capacity=50)
    results = run_at_once(
        8,
        lambda index: register(
            session, email="Awa@Example.org" if index % 2 else "awa@example.org"
        ),
    )
    assert sum(isinstance(result, Registration) for result in results) == 1, results
    assert all(
        isinstance(result, Registration | services.AlreadyRegistered) for result in results
    ), results


@pytest.mark.django_db(transaction=True)
def test_confirmations_through_the_link_at_the_same_instant(postgresql_only, settings):
    settings.FORM_RATE_LIMIT = "1000/m"
    session = TrainingSessionFactory(slug="monter", capacity=3, duration_days=Decimal("1"))
    pending = [register(session, email=f"p{index}@example.org") for index in range(8)]
    paths = [
        f"/cresi/formations/confirmation/{registration_confirm_token(registration)}/"
        for registration in pending
    ]
    responses = run_at_once(8, lambda index: Client().post(paths[index]))
    pages = [response.content.decode() for response in responses]
    assert sum("Votre inscription est confirmée" in page for page in pages) == 3, pages
    assert sum("La session s'est remplie" in page for page in pages) == 5, pages
    assert Registration.objects.confirmed().count() == 3
    assert Registration.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_simultaneous_downloads_all_count(postgresql_only):
    resource = ResourceFactory(slug="guide")

    def download(index):
        response = Client().get("/cresi/ressources/guide/telecharger/")
        b"".join(response.streaming_content)
        response.close()
        return response.status_code

    assert run_at_once(THREADS, download) == [200] * THREADS
    resource.refresh_from_db()
    assert resource.download_count == THREADS


@pytest.mark.django_db
def test_the_registration_subject_is_plain_text_not_html(django_capture_on_commit_callbacks):
    session = TrainingSessionFactory(title="L'eau & l'assainissement")
    with django_capture_on_commit_callbacks(execute=True):
        register(session)
    assert "«\xa0L'eau & l'assainissement\xa0»" in mail.outbox[0].subject
