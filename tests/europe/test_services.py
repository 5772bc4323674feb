import threading
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from europe.choices import RequestStatus
from europe.models import SupportRequest
from europe.services import (
    MAX_REQUESTS_PER_EMAIL_PER_DAY,
    ConfirmationExpired,
    _wait_for_other_requests_from,
    support_request_change_status,
    support_request_confirm,
    support_request_create,
    support_request_for_confirm_token,
    support_requests_purge_closed,
    support_requests_purge_unconfirmed,
)
from europe.tasks import (
    notify_mission_europe,
    send_support_request_address_check,
    send_support_request_confirmation,
)
from europe.tokens import support_request_confirm_token

from .factories import SupportRequestFactory

pytestmark = pytest.mark.django_db

REQUEST = {
    "structure_name": "Les Amis de Kita",
    "structure_kind": "association",
    "contact_name": "Camille Martin",
    "email": "camille@example.org",
    "project_idea": "Un échange de jeunes avec le Mali.",
    "progress": "idea",
    "consent": True,
}


def queued(callbacks):
    """The tasks queued by the callbacks run after a commit."""
    return [callback.func.__self__ for callback in callbacks]


def file_and_confirm(**overrides):
    """Files a request, then confirms it as the owner of the address would."""
    created = support_request_create(**{**REQUEST, **overrides})
    return support_request_confirm(support_request=created)


class TestSupportRequestCreate:
    def test_stores_the_request_with_the_consent_time(self, django_capture_on_commit_callbacks):
        now = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            created = support_request_create(**REQUEST, rna="W912001234", now=now)
        stored = SupportRequest.objects.get()
        assert stored == created
        assert (stored.status, stored.consented_at, stored.rna) == (
            RequestStatus.NEW,
            now,
            "W912001234",
        )
        assert stored.closed_at is None
        assert stored.confirmed_at is None
        assert stored.confirm_before == now + timedelta(hours=24)

    def test_only_the_link_that_confirms_the_address_leaves_after_commit(
        self, django_capture_on_commit_callbacks, settings
    ):
        settings.EUROPE_MISSION_EMAIL = "europe@essonne.example"
        settings.SITE_URL = "https://essonne.example"
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            created = support_request_create(**REQUEST)
        assert queued(callbacks) == [send_support_request_address_check]
        assert callbacks[0].args == (created.pk,)  # the queue stores ids, no token
        assert mail.outbox == []
        callbacks[0]()
        [check] = mail.outbox
        assert check.to == ["camille@example.org"]
        assert check.reply_to == ["europe@essonne.example"]
        token = support_request_confirm_token(created)
        assert f"https://essonne.example/europe/accompagnement/confirmation/{token}/" in check.body
        assert "Les Amis de Kita" not in check.body
        assert support_request_for_confirm_token(token) == created
        assert token not in created.confirm_token_hash + created.token_seed

    def test_the_mission_hears_of_a_request_once_its_address_is_confirmed(
        self, django_capture_on_commit_callbacks, settings
    ):
        settings.EUROPE_MISSION_EMAIL = "europe@essonne.example"
        created = support_request_create(**REQUEST)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            confirmed = support_request_confirm(support_request=created)
        assert confirmed.confirmed_at is not None
        assert queued(callbacks) == [send_support_request_confirmation, notify_mission_europe]
        for callback in callbacks:
            callback()
        confirmation, notification = mail.outbox
        assert confirmation.to == ["camille@example.org"]
        assert confirmation.reply_to == ["europe@essonne.example"]
        assert "Les Amis de Kita" not in confirmation.body
        assert notification.to == ["europe@essonne.example"]
        assert notification.reply_to == ["camille@example.org"]
        assert "Les Amis de Kita" in notification.subject
        assert "/admin/europe/supportrequest/" in notification.body

    def test_confirming_twice_tells_the_mission_once(self, django_capture_on_commit_callbacks):
        created = file_and_confirm()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            support_request_confirm(support_request=created)
        assert callbacks == [] and mail.outbox == []

    def test_an_expired_link_confirms_nothing(self, django_capture_on_commit_callbacks):
        created = support_request_create(**REQUEST, now=timezone.now() - timedelta(hours=25))
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(ConfirmationExpired),
        ):
            support_request_confirm(support_request=created)
        assert callbacks == []
        assert SupportRequest.objects.get().confirmed_at is None

    def test_tasks_for_a_request_not_confirmed_send_nothing_to_the_mission(self):
        created = support_request_create(**REQUEST)
        assert notify_mission_europe.call(created.pk) is False
        assert send_support_request_confirmation.call(created.pk) is False
        assert mail.outbox == []

    @pytest.mark.parametrize("site_url", ["https://international.essonne.fr", "https://x.fr/"])
    def test_the_mission_gets_a_full_link_to_the_request(
        self, django_capture_on_commit_callbacks, settings, site_url
    ):
        settings.SITE_URL = site_url
        with django_capture_on_commit_callbacks(execute=True):
            created = file_and_confirm()
        notification = mail.outbox[1]
        link = f"{site_url.rstrip('/')}/admin/europe/supportrequest/{created.pk}/change/"
        assert f"\n{link}\n" in notification.body
        assert f"(n°\xa0{created.pk})" in notification.body

    def test_records_the_language_the_confirmation_is_written_in(self):
        support_request_create(**REQUEST, language="en")
        assert SupportRequest.objects.get().language == "en"

    def test_a_failing_mail_server_does_not_lose_the_request(
        self, django_capture_on_commit_callbacks
    ):
        with (
            mock.patch("europe.tasks.EmailMessage.send", side_effect=OSError("SMTP down")),
            django_capture_on_commit_callbacks(execute=True),
        ):
            support_request_create(**REQUEST)
        assert SupportRequest.objects.count() == 1

    def test_newlines_in_the_structure_name_never_reach_a_mail_header(
        self, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            file_and_confirm(structure_name="Amis\nBcc: x@evil.example")
        notification = mail.outbox[1]
        assert "\n" not in notification.subject
        assert notification.bcc == []

    def test_needs_consent(self):
        with pytest.raises(ValidationError):
            support_request_create(**{**REQUEST, "consent": False})
        assert not SupportRequest.objects.exists()

    def test_invalid_data_stores_nothing(self, django_capture_on_commit_callbacks):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(ValidationError),
        ):
            support_request_create(**REQUEST, siret="12345678901234")
        assert not SupportRequest.objects.exists()
        assert callbacks == [] and mail.outbox == []


SPAM = {
    "structure_name": "Gagnez 1000 € sur http://spam.example",
    "contact_name": "Cliquez ici http://phishing.example",
    "project_idea": "Votre compte est bloqué : connectez-vous sur http://phishing.example/login",
}


class TestConfirmationEmail:
    """The emails to the requester go to any typed address: they relay none of their text."""

    @pytest.mark.parametrize("language", ["fr", "en"])
    def test_repeats_none_of_the_visitors_text(self, django_capture_on_commit_callbacks, language):
        with django_capture_on_commit_callbacks(execute=True):
            created = support_request_create(**{**REQUEST, **SPAM}, language=language)
        with django_capture_on_commit_callbacks(execute=True):
            support_request_confirm(support_request=created)
        check, acknowledgement, _notification = mail.outbox
        for message in (check, acknowledgement):
            assert message.to == ["camille@example.org"]
            text = message.subject + message.body
            for typed in [*SPAM.values(), "spam.example", "phishing.example", "Gagnez", "Cliquez"]:
                assert typed not in text
        assert check.body.startswith("Bonjour,\n" if language == "fr" else "Hello,\n")

    def test_gives_the_number_and_date_of_the_request(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            created = file_and_confirm()
        SupportRequest.objects.filter(pk=created.pk).update(
            created_at=timezone.make_aware(datetime(2027, 1, 22, 23, 30))
        )
        mail.outbox.clear()
        from europe.tasks import send_support_request_confirmation

        send_support_request_confirmation.call(created.pk)
        body = mail.outbox[0].body
        assert f"n°\xa0{created.pk} du 22 janvier 2027" in body
        assert body.startswith("Bonjour,\n")

    def test_english_confirmation(self, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            created = support_request_create(**REQUEST, language="en")
        assert "/en/europe/accompagnement/confirmation/" in mail.outbox[0].body
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            support_request_confirm(support_request=created)
        body = mail.outbox[0].body
        today = timezone.localdate()
        assert f"support request no. {created.pk} dated {today:%-d %B %Y}" in body
        assert body.startswith("Hello,\n")
        assert body.rstrip().endswith("Mission Europe, Département de l'Essonne")
        assert mail.outbox[0].subject == "Your support request to Mission Europe"

    def test_a_retry_sends_the_same_confirmation_link(self, django_capture_on_commit_callbacks):
        created = support_request_create(**REQUEST)
        send_support_request_address_check.call(created.pk)
        send_support_request_address_check.call(created.pk)
        first, second = (message.body for message in mail.outbox)
        assert first == second


class TestDailyLimitPerAddress:
    def test_a_fourth_request_from_one_address_in_a_day_is_refused(
        self, django_capture_on_commit_callbacks
    ):
        assert MAX_REQUESTS_PER_EMAIL_PER_DAY == 3
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(3):
                support_request_create(**REQUEST)
        assert len(mail.outbox) == 3  # one link each; nothing reaches the mission unconfirmed
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(ValidationError) as error,
        ):
            support_request_create(**{**REQUEST, "email": "Camille@Example.ORG"})
        assert error.value.error_dict["email"][0].code == "too_many_requests"
        assert "3\xa0demandes de cette adresse" in error.value.messages[0]
        assert SupportRequest.objects.count() == 3
        assert callbacks == [] and len(mail.outbox) == 3

    def test_other_addresses_are_not_held_back(self):
        for _ in range(3):
            support_request_create(**REQUEST)
        support_request_create(**{**REQUEST, "email": "dominique@example.org"})
        assert SupportRequest.objects.count() == 4

    def test_requests_older_than_a_day_no_longer_count(self):
        for _ in range(3):
            support_request_create(**REQUEST)
        SupportRequest.objects.update(created_at=timezone.now() - timedelta(hours=24, minutes=1))
        support_request_create(**REQUEST)
        assert SupportRequest.objects.count() == 4


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the lock is PostgreSQL's; SQLite has one writer"
)
@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_from_one_address_wait_for_each_other():
    """A request being filed holds the others from its address until it commits or rolls back."""
    outcome = {}

    def file_another():
        try:
            support_request_create(**REQUEST)
            outcome["result"] = "stored"
        except ValidationError as error:
            outcome["result"] = error.error_dict["email"][0].code
        finally:
            connection.close()

    with transaction.atomic():
        _wait_for_other_requests_from("CAMILLE@example.org")
        other = threading.Thread(target=file_another)
        other.start()
        other.join(timeout=1)
        assert other.is_alive(), "the other request did not wait"
        for _ in range(3):
            SupportRequestFactory(email="camille@example.org")
    other.join(timeout=10)
    assert outcome == {"result": "too_many_requests"}
    assert SupportRequest.objects.count() == 3


class TestSupportRequestChangeStatus:
    @pytest.mark.parametrize(
        ("start", "target"),
        [
            ("new", "in_progress"),
            ("in_progress", "supported"),
            ("supported", "closed"),
            ("new", "closed"),
            ("in_progress", "closed"),
        ],
    )
    def test_allowed_moves(self, start, target):
        request = SupportRequestFactory(status=start)
        support_request_change_status(support_request=request, status=target)
        request.refresh_from_db()
        assert request.status == target

    def test_closing_records_when(self):
        now = timezone.now()
        request = SupportRequestFactory(status=RequestStatus.SUPPORTED)
        support_request_change_status(support_request=request, status="closed", now=now)
        request.refresh_from_db()
        assert request.closed_at == now

    def test_reopening_clears_the_closing_time(self):
        request = SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=timezone.now())
        support_request_change_status(support_request=request, status="in_progress")
        request.refresh_from_db()
        assert (request.status, request.closed_at) == ("in_progress", None)

    @pytest.mark.parametrize(
        ("start", "target"), [("new", "supported"), ("closed", "supported"), ("closed", "new")]
    )
    def test_refused_moves(self, start, target):
        closed_at = timezone.now() if start == "closed" else None
        request = SupportRequestFactory(status=start, closed_at=closed_at)
        with pytest.raises(ValidationError, match="ne peut pas passer"):
            support_request_change_status(support_request=request, status=target)
        request.refresh_from_db()
        assert request.status == start

    def test_same_status_changes_nothing(self):
        request = SupportRequestFactory(status=RequestStatus.NEW)
        support_request_change_status(support_request=request, status="new")
        assert SupportRequest.objects.get().status == "new"


class TestPurge:
    def make(self, days_ago, status=RequestStatus.CLOSED):
        closed_at = timezone.now() - timedelta(days=days_ago) if status == "closed" else None
        return SupportRequestFactory(status=status, closed_at=closed_at)

    def test_removes_requests_closed_longer_than_the_retention_period(self, settings):
        settings.PERSONAL_DATA_RETENTION_DAYS = 365
        old = self.make(400)
        recent = self.make(30)
        still_open = self.make(0, status=RequestStatus.IN_PROGRESS)
        assert support_requests_purge_closed() == 1
        assert set(SupportRequest.objects.all()) == {recent, still_open}
        assert not SupportRequest.objects.filter(pk=old.pk).exists()

    def test_follows_the_setting_and_the_given_time(self, settings):
        settings.PERSONAL_DATA_RETENTION_DAYS = 10
        self.make(20)
        self.make(5)
        assert support_requests_purge_closed(now=timezone.now() - timedelta(days=30)) == 0
        assert support_requests_purge_closed() == 1

    def test_dry_run_only_counts(self):
        self.make(400)
        assert support_requests_purge_closed(dry_run=True) == 1
        assert SupportRequest.objects.count() == 1


def test_email_subjects_are_plain_text_not_html(django_capture_on_commit_callbacks):
    """« Association d'Évry », not « Association d&#x27;Évry »."""
    with django_capture_on_commit_callbacks(execute=True):
        file_and_confirm(structure_name="Association d'Évry & <Co>")
    assert [message.subject for message in mail.outbox][1].endswith("Association d'Évry & <Co>")
    assert all("&#" not in message.subject for message in mail.outbox)


def test_purge_deletes_the_requests_not_confirmed_in_time():
    now = timezone.now()
    support_request_create(**REQUEST, now=now - timedelta(hours=25))
    waiting = support_request_create(**{**REQUEST, "email": "b@example.org"})
    confirmed = file_and_confirm(email="c@example.org")
    SupportRequest.objects.filter(pk=confirmed.pk).update(confirm_before=now)  # long confirmed
    assert support_requests_purge_unconfirmed(now=now, dry_run=True) == 1
    assert SupportRequest.objects.count() == 3
    assert support_requests_purge_unconfirmed(now=now) == 1
    assert set(SupportRequest.objects.all()) == {waiting, confirmed}
