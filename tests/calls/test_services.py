import csv
import io
import logging
import os
import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from calls import services
from calls.choices import ApplicationStatus
from calls.models import Application, StatusChange
from subsidies.models import Beneficiary, Subsidy
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

from .factories import RNA, SIRET, ApplicationFactory, CallFactory, complete_application

THREADS = 6


def submitted(call=None, **overrides):
    application = complete_application(call, **overrides)
    return services.application_submit(application=application)


def proposed(call=None, amount=Decimal("15000"), staff=None, **overrides):
    application = submitted(call, **overrides)
    for status in (ApplicationStatus.ADMISSIBLE, ApplicationStatus.UNDER_REVIEW):
        application = services.application_change_status(
            application=application, to_status=status, by=staff
        )
    return services.application_change_status(
        application=application,
        to_status=ApplicationStatus.PROPOSED,
        by=staff,
        proposed_amount=amount,
    )


def export_csv(client):
    response = client.get("/subventions/export.csv")
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("instructrice", password="x", is_staff=True)


@pytest.mark.django_db
class TestInstruction:
    def test_each_change_records_who_and_when(self, staff):
        application = proposed(staff=staff)
        changes = list(application.status_changes.values_list("to_status", "changed_by"))
        assert changes == [
            (ApplicationStatus.SUBMITTED, None),
            (ApplicationStatus.ADMISSIBLE, staff.pk),
            (ApplicationStatus.UNDER_REVIEW, staff.pk),
            (ApplicationStatus.PROPOSED, staff.pk),
        ]
        assert application.committee_date == application.call.committee_date
        assert application.proposed_amount == Decimal("15000")

    def test_a_status_cannot_be_skipped(self, staff):
        application = submitted()
        with pytest.raises(services.TransitionRefused):
            services.application_change_status(
                application=application, to_status=ApplicationStatus.PROPOSED, by=staff
            )
        application.refresh_from_db()
        assert application.status == ApplicationStatus.SUBMITTED

    def test_not_admissible_needs_a_reason_which_the_applicant_is_sent(
        self, staff, django_capture_on_commit_callbacks
    ):
        application = submitted()
        with pytest.raises(ValidationError):
            services.application_change_status(
                application=application, to_status=ApplicationStatus.NOT_ADMISSIBLE, by=staff
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.application_change_status(
                application=application,
                to_status=ApplicationStatus.NOT_ADMISSIBLE,
                by=staff,
                note="Le siège de l'association n'est pas en Essonne.",
            )
        [message] = mail.outbox
        assert message.to == [application.email]
        assert "n'est pas recevable" in message.body
        assert "Le siège de l'association n'est pas en Essonne." in message.body

    def test_proposed_amount_at_most_requested(self, staff):
        with pytest.raises(ValidationError):
            proposed(amount=Decimal("15000.01"), staff=staff)


@pytest.mark.django_db
class TestGrant:
    def test_granting_creates_the_unpublished_decision_from_the_application(
        self, staff, django_capture_on_commit_callbacks
    ):
        call = CallFactory(title="Eau et éducation 2027")
        application = proposed(call, staff=staff)
        with django_capture_on_commit_callbacks(execute=True):
            application = services.application_grant(
                application=application, amount=Decimal("12000"), by=staff
            )
        subsidy = application.subsidy
        assert application.status == ApplicationStatus.GRANTED
        assert application.granted_amount == Decimal("12000")  # less than the 15 000 asked
        assert subsidy.is_published is False
        assert subsidy.amount == Decimal("12000")
        assert subsidy.convention_date == call.committee_date
        assert subsidy.reference == application.reference
        assert subsidy.aid_scheme == "Eau et éducation 2027"
        assert subsidy.object == application.title
        assert (subsidy.zone, subsidy.domain) == (application.zone, application.domain)
        assert (subsidy.siret, subsidy.rna) == (SIRET, RNA)
        assert subsidy.beneficiary.name == application.organisation
        assert "12\u00a0000\u00a0€" in mail.outbox[-1].body

    def test_the_beneficiary_is_found_by_siret_then_by_rna(self, staff):
        known = BeneficiaryFactory(name="Eau Vive (nom tenu par les Finances)", siret=SIRET, rna="")
        application = services.application_grant(
            application=proposed(staff=staff), amount=Decimal("1000"), by=staff
        )
        assert application.subsidy.beneficiary == known
        by_rna = BeneficiaryFactory(siret="", rna="W913009999")
        other = proposed(staff=staff, siret="", rna="W913009999")
        other = services.application_grant(application=other, amount=Decimal("1000"), by=staff)
        assert other.subsidy.beneficiary == by_rna
        assert Beneficiary.objects.count() == 2

    def test_nothing_is_granted_twice(self, staff):
        application = proposed(staff=staff)
        services.application_grant(application=application, amount=Decimal("1000"), by=staff)
        with pytest.raises(services.AlreadyGranted):
            services.application_grant(application=application, amount=Decimal("1000"), by=staff)
        assert Subsidy.objects.count() == 1

    def test_the_envelope_needs_an_override_which_is_logged(self, staff, caplog):
        call = CallFactory(envelope=Decimal("20000"), max_amount=Decimal("20000"))
        first = proposed(call, staff=staff)
        services.application_grant(application=first, amount=Decimal("15000"), by=staff)
        second = proposed(call, staff=staff)
        with pytest.raises(services.EnvelopeExceeded):
            services.application_grant(application=second, amount=Decimal("10000"), by=staff)
        second.refresh_from_db()
        assert second.status == ApplicationStatus.PROPOSED and Subsidy.objects.count() == 1
        with caplog.at_level(logging.WARNING, logger="calls.services"):
            services.application_grant(
                application=second,
                amount=Decimal("10000"),
                by=staff,
                override_reason="Vote complémentaire de la commission permanente.",
            )
        change = StatusChange.objects.get(application=second, to_status=ApplicationStatus.GRANTED)
        assert change.envelope_override and change.changed_by == staff
        assert change.note == "Vote complémentaire de la commission permanente."
        assert "Envelope of call" in caplog.text

    def test_grant_then_publish_then_scdl_export(self, staff, client):
        call = CallFactory(title="Solidarité 2027")
        application = services.application_grant(
            application=proposed(call, staff=staff), amount=Decimal("14000.50"), by=staff
        )
        export = export_csv(client)
        assert application.reference not in export  # unpublished until Finances publishes it
        Subsidy.objects.filter(pk=application.subsidy_id).update(is_published=True)
        export = export_csv(client)
        rows = [
            row
            for row in csv.DictReader(io.StringIO(export))
            if row["referenceDecision"] == application.reference
        ]
        [row] = rows
        assert row["dispositifAide"] == "Solidarité 2027"
        assert row["dateConvention"] == call.committee_date.isoformat()
        assert Decimal(row["montant"]) == Decimal("14000.50")
        assert row["idBeneficiaire"] == SIRET
        page = client.get(call.get_absolute_url()).content.decode()
        assert application.title in page


@pytest.mark.django_db
class TestPurge:
    def test_expired_applications_and_their_files_go_the_decisions_stay(
        self, django_capture_on_commit_callbacks
    ):
        now = timezone.now()
        today = timezone.localdate()
        old_call = CallFactory(
            opens_at=now - timedelta(days=900), closes_at=now - timedelta(days=800)
        )
        draft = complete_application(old_call)
        path = draft.attachments.first().file.path
        ended, running = complete_application(old_call), complete_application(old_call)
        for application, end in ((ended, today - timedelta(days=500)), (running, today)):
            Application.objects.filter(pk=application.pk).update(
                status=ApplicationStatus.SIGNED,
                reference=f"AAP-2024-{application.pk:03d}",
                submitted_at=now - timedelta(days=850),
                subsidy=SubsidyFactory(),
                granted_amount=Decimal("1000"),
                start_date=end - timedelta(days=100),
                end_date=end,
            )
        recent = complete_application()
        assert services.applications_purge_expired(dry_run=True) == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert services.applications_purge_expired() == 2
        assert set(Application.objects.all()) == {running, recent}
        assert Subsidy.objects.count() == 2  # the Département's decisions stay
        assert not os.path.exists(path)

    def test_unconfirmed_addresses_are_forgotten(self):
        ApplicationFactory(
            email_confirmed_at=None, confirm_before=timezone.now() - timedelta(hours=1)
        )
        kept = ApplicationFactory(email_confirmed_at=None)
        assert services.applications_purge_unconfirmed() == 1
        assert list(Application.objects.all()) == [kept]


def run_at_once(count, work):
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


@pytest.mark.django_db(transaction=True)
def test_staff_granting_at_the_same_instant_grant_once(postgresql_only):
    users = [
        get_user_model().objects.create_user(f"agent{index}", password="x", is_staff=True)
        for index in range(THREADS)
    ]
    application = proposed()
    results = run_at_once(
        THREADS,
        lambda index: services.application_grant(
            application=application, amount=Decimal("15000"), by=users[index]
        ),
    )
    granted = [result for result in results if isinstance(result, Application)]
    refused = [result for result in results if isinstance(result, services.AlreadyGranted)]
    assert len(granted) == 1, results
    assert len(refused) == THREADS - 1, results
    assert Subsidy.objects.count() == 1
    assert StatusChange.objects.filter(to_status=ApplicationStatus.GRANTED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_grants_at_the_same_instant_never_exceed_the_envelope(postgresql_only):
    call = CallFactory(envelope=Decimal("40000"), max_amount=Decimal("20000"))
    applications = [proposed(call) for _index in range(THREADS)]
    results = run_at_once(
        THREADS,
        lambda index: services.application_grant(
            application=applications[index], amount=Decimal("15000"), by=None
        ),
    )
    assert sum(isinstance(result, Application) for result in results) == 2, results
    assert sum(isinstance(result, services.EnvelopeExceeded) for result in results) == 4
    assert Subsidy.objects.granted_total() == Decimal("30000")


@pytest.mark.django_db(transaction=True)
def test_submissions_at_the_same_instant_get_different_references(postgresql_only):
    applications = [complete_application() for _index in range(THREADS)]
    results = run_at_once(
        THREADS, lambda index: services.application_submit(application=applications[index])
    )
    assert all(isinstance(result, Application) for result in results), results
    references = set(Application.objects.values_list("reference", flat=True))
    assert len(references) == THREADS


@pytest.mark.django_db
class TestCooperationAction:
    def test_a_granted_project_becomes_a_draft_action_with_its_indicators(self, staff):
        application = services.application_grant(
            application=proposed(staff=staff), amount=Decimal("12000"), by=staff
        )
        action = services.application_create_action(application=application)
        assert action.is_published is False
        assert (action.zone, action.domain) == (application.zone, application.domain)
        assert action.title == application.title
        assert action.contribution == Decimal("12000")
        assert action.budget == Decimal("40000")
        assert application.indicators in action.body
        assert application.expected_results in action.body
        application.subsidy.refresh_from_db()
        assert application.subsidy.action == action
        with pytest.raises(services.ActionExists):
            services.application_create_action(application=application)

    def test_only_a_granted_project(self, staff):
        with pytest.raises(services.TransitionRefused):
            services.application_create_action(application=proposed(staff=staff))
