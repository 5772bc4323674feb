"""E-mail through the task queue (``core/mail.py``): queued with the records, tried again while
the mail server is away, given up after the last attempt, followed by staff in the admin."""

import html
import smtplib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone

from core.mail import enqueue_on_commit, is_temporary, retry_delay
from core.models import EmailTask
from core.services import email_tasks_purge_finished, email_tasks_send_again
from core.staff_groups import CRESI, EUROPE
from cresi.tasks import send_registration_confirmation
from europe.tasks import notify_mission_europe
from tests.example_app import tasks as example_tasks
from tests.example_app.models import Subscriber

pytestmark = pytest.mark.django_db

REFUSED = ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def subscriber():
    return Subscriber.objects.create(email="awa@example.org", subscribed_at=timezone.now())


@pytest.fixture
def failures():
    """The errors the example task's next attempts raise, in order."""
    yield example_tasks.FAILURES
    example_tasks.FAILURES.clear()


@pytest.fixture
def no_wait(settings):
    """Retries are due at once, so one run of the worker makes every attempt."""
    settings.EMAIL_RETRY_FIRST_DELAY = 0


def attempts():
    return list(EmailTask.objects.order_by("enqueued_at"))


class TestRetries:
    def test_a_temporary_failure_queues_the_next_attempt_later(
        self, settings, run_worker, subscriber, failures
    ):
        settings.EMAIL_RETRY_FIRST_DELAY = 60
        failures.append(REFUSED)
        example_tasks.send_welcome.enqueue(subscriber.pk)
        before = timezone.now()
        run_worker()
        first, second = attempts()
        assert (first.status, first.exception_class_path) == (
            TaskResultStatus.FAILED,
            "core.mail.RetryScheduled",
        )
        assert first.state == "échec, nouvel essai prévu"
        assert "ConnectionRefusedError" in first.error and "attempt 2 is queued" in first.error
        assert "Connection refused" in first.traceback  # the cause, chained
        assert (second.status, second.attempt, second.state) == (
            TaskResultStatus.READY,
            2,
            "nouvel essai prévu",
        )
        assert second.args_kwargs == {"args": [subscriber.pk], "kwargs": {"attempt": 2}}
        assert before + timedelta(seconds=60) <= second.run_after
        assert second.run_after <= timezone.now() + timedelta(seconds=60)
        assert mail.outbox == []

    def test_the_next_attempt_sends_the_message(self, no_wait, run_worker, subscriber, failures):
        failures.extend([REFUSED, smtplib.SMTPServerDisconnected("gone")])
        example_tasks.send_welcome.enqueue(subscriber.pk)
        run_worker()
        assert [task.state for task in attempts()] == [
            "échec, nouvel essai prévu",
            "échec, nouvel essai prévu",
            "envoyé",
        ]
        assert [message.to for message in mail.outbox] == [["awa@example.org"]]

    def test_gives_up_after_the_last_attempt(
        self, settings, no_wait, run_worker, subscriber, failures
    ):
        settings.EMAIL_SEND_ATTEMPTS = 3
        failures.extend([REFUSED] * 5)
        example_tasks.send_welcome.enqueue(subscriber.pk)
        run_worker()
        tasks = attempts()
        assert [task.attempt for task in tasks] == [1, 2, 3]
        assert [task.state for task in tasks] == ["échec, nouvel essai prévu"] * 2 + [
            "échec définitif"
        ]
        assert tasks[-1].exception_class_path == "builtins.ConnectionRefusedError"
        assert list(EmailTask.objects.failed_for_good()) == [tasks[-1]]
        assert mail.outbox == []

    @pytest.mark.parametrize(
        "error",
        [
            smtplib.SMTPRecipientsRefused({"awa@example.org": (550, b"No such user")}),
            smtplib.SMTPDataError(554, b"Message refused"),
            ValueError("a bug in the template"),
        ],
        ids=["recipient-refused", "message-refused", "bug"],
    )
    def test_a_final_refusal_or_a_bug_is_not_tried_again(
        self, no_wait, run_worker, subscriber, failures, error
    ):
        failures.append(error)
        example_tasks.send_welcome.enqueue(subscriber.pk)
        run_worker()
        [task] = attempts()
        assert task.state == "échec définitif"
        assert task.exception_class_path.endswith(type(error).__name__)

    def test_a_deleted_record_leaves_nothing_to_send(self, run_worker, subscriber):
        example_tasks.send_welcome.enqueue(subscriber.pk)
        subscriber.delete()
        run_worker()
        [task] = attempts()
        assert task.state == "sans objet : l'enregistrement a été supprimé"
        assert mail.outbox == []

    def test_the_immediate_backend_cannot_wait_and_never_tries_again(self, subscriber, failures):
        failures.append(REFUSED)
        result = example_tasks.send_welcome.enqueue(subscriber.pk)
        assert result.status == TaskResultStatus.FAILED
        assert result.errors[0].exception_class_path == "builtins.ConnectionRefusedError"
        assert not EmailTask.objects.exists()


@pytest.mark.parametrize(
    ("error", "temporary"),
    [
        (ConnectionRefusedError(), True),
        (TimeoutError(), True),
        (smtplib.SMTPServerDisconnected(), True),
        (smtplib.SMTPConnectError(421, b"Too busy"), True),
        (smtplib.SMTPAuthenticationError(535, b"Bad password"), True),
        (smtplib.SMTPSenderRefused(451, b"Try later", "portail@essonne.fr"), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (450, b"Greylisted")}), True),
        (smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"Unknown")}), False),
        (smtplib.SMTPDataError(451, b"Try later"), True),
        (smtplib.SMTPDataError(554, b"Spam"), False),
        (ValueError(), False),
        (KeyError(), False),
    ],
)
def test_which_failures_may_pass(error, temporary):
    assert is_temporary(error) is temporary


def test_delays_double_up_to_the_maximum(settings):
    settings.EMAIL_RETRY_FIRST_DELAY = 60
    settings.EMAIL_RETRY_MAX_DELAY = 3600
    assert [retry_delay(attempt).total_seconds() for attempt in range(1, 10)] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
        3600,
    ]


def test_the_default_attempts_last_about_four_hours(settings):
    total = sum(
        (retry_delay(attempt) for attempt in range(1, settings.EMAIL_SEND_ATTEMPTS)), timedelta()
    )
    assert timedelta(hours=3) < total < timedelta(hours=5)


class TestEnqueueOnCommit:
    def test_the_database_queue_writes_the_task_in_the_transaction(
        self, database_queue, subscriber
    ):
        with transaction.atomic():
            enqueue_on_commit(example_tasks.send_welcome, subscriber.pk)
            assert EmailTask.objects.count() == 1
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(example_tasks.send_welcome, subscriber.pk)
            raise RuntimeError("the records are not saved")
        assert EmailTask.objects.count() == 1  # rolled back with them

    def test_another_backend_gets_the_task_after_the_commit(
        self, subscriber, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            enqueue_on_commit(example_tasks.send_welcome, subscriber.pk)
            assert mail.outbox == []
        assert len(mail.outbox) == 1


@pytest.fixture
def tasks_of_each_app(database_queue, subscriber):
    """A queued e-mail of the example app, of the CRESI and of the mission Europe."""
    example_tasks.send_welcome.enqueue(subscriber.pk)
    send_registration_confirmation.enqueue(1, "fr")
    notify_mission_europe.enqueue(2)
    return {task.task_path.split(".")[0]: task for task in EmailTask.objects.all()}


class TestAdmin:
    def changelist(self, client, query=""):
        return client.get(reverse("admin:core_emailtask_changelist") + query)

    @pytest.mark.parametrize(
        ("group", "app", "label"),
        [
            (CRESI, "cresi", "Confirmation d'une inscription à une formation"),
            (EUROPE, "europe", "Avis d'une demande d'accompagnement à la mission Europe"),
        ],
    )
    def test_each_group_sees_the_emails_of_its_app_only(
        self, client, staff_user_in, tasks_of_each_app, group, app, label
    ):
        client.force_login(staff_user_in(group))
        response = self.changelist(client)
        assert response.status_code == 200
        assert list(response.context["cl"].queryset) == [tasks_of_each_app[app]]
        assert label in html.unescape(response.text)
        other = next(task for name, task in tasks_of_each_app.items() if name != app)
        url = reverse("admin:core_emailtask_change", args=[other.pk])
        assert client.get(url).status_code == 302  # to the admin's index: none for them

    def test_an_app_declares_who_sees_its_emails(
        self, client, django_user_model, tasks_of_each_app
    ):
        group = Group.objects.create(name="Cartes postales")
        group.permissions.add(
            Permission.objects.get(codename="view_emailtask"),
            Permission.objects.get(codename="view_subscriber"),
        )
        user = django_user_model.objects.create_user("postier", password="x", is_staff=True)
        user.groups.add(group)
        client.force_login(user)
        shown = self.changelist(client).context["cl"].queryset
        assert list(shown) == [tasks_of_each_app["tests"]]

    def test_superusers_see_every_email_and_nobody_adds_changes_or_deletes(
        self, admin_client, tasks_of_each_app
    ):
        response = self.changelist(admin_client)
        assert response.context["cl"].result_count == 3
        task = tasks_of_each_app["cresi"]
        detail = admin_client.get(reverse("admin:core_emailtask_change", args=[task.pk]))
        assert detail.status_code == 200
        assert "Confirmation d'une inscription à une formation" in html.unescape(detail.text)
        assert 'name="_save"' not in detail.text
        assert admin_client.get(reverse("admin:core_emailtask_add")).status_code == 403
        delete = reverse("admin:core_emailtask_delete", args=[task.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
        assert EmailTask.objects.count() == 3

    def test_the_state_filter_shows_the_failures(
        self, admin_client, no_wait, settings, run_worker, subscriber, failures
    ):
        settings.EMAIL_SEND_ATTEMPTS = 2
        failures.extend([REFUSED, REFUSED])
        example_tasks.send_welcome.enqueue(subscriber.pk)
        run_worker()
        failed = self.changelist(admin_client, "?etat=echec")
        assert failed.context["cl"].result_count == 1
        assert "échec définitif" in failed.text
        assert "ConnectionRefusedError" in failed.text
        assert self.changelist(admin_client, "?etat=nouvel-essai").context["cl"].result_count == 1
        assert self.changelist(admin_client, "?etat=envoye").context["cl"].result_count == 0

    def test_staff_send_again_what_failed_for_good(self, client, staff_user_in, tasks_of_each_app):
        EmailTask.objects.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path="builtins.ConnectionRefusedError",
            args_kwargs={"args": [1, "fr"], "kwargs": {"attempt": 10}},
        )
        client.force_login(staff_user_in(CRESI))
        response = client.post(
            reverse("admin:core_emailtask_changelist"),
            {
                "action": "send_again",
                "_selected_action": [str(task.pk) for task in tasks_of_each_app.values()],
            },
            follow=True,
        )
        assert "1 envoi remis dans la file d'attente." in html.unescape(response.text)
        again = EmailTask.objects.get(task_path=send_registration_confirmation.module_path)
        assert (again.status, again.attempt) == (TaskResultStatus.READY, 1)
        assert again.args_kwargs == {"args": [1, "fr"], "kwargs": {}}
        # The other apps' failures are not the CRESI's to send.
        assert EmailTask.objects.failed_for_good().count() == 2

    def test_send_again_leaves_the_others(self, database_queue, subscriber):
        example_tasks.send_welcome.enqueue(subscriber.pk)
        assert email_tasks_send_again(tasks=EmailTask.objects.all()) == 0
        assert EmailTask.objects.get().status == TaskResultStatus.READY


def test_finished_emails_are_purged_after_their_retention(
    settings, run_worker, subscriber, failures
):
    settings.EMAIL_TASK_RETENTION_DAYS = 30
    settings.EMAIL_SEND_ATTEMPTS = 1
    failures.append(REFUSED)
    example_tasks.send_welcome.enqueue(subscriber.pk)
    example_tasks.send_welcome.enqueue(subscriber.pk)
    run_worker()
    example_tasks.send_welcome.enqueue(subscriber.pk)  # waiting: never purged
    later = timezone.now() + timedelta(days=31)
    assert email_tasks_purge_finished(now=later, dry_run=True) == 2
    assert email_tasks_purge_finished(now=timezone.now()) == 0
    assert email_tasks_purge_finished(now=later) == 2
    assert [task.status for task in EmailTask.objects.all()] == [TaskResultStatus.READY]
