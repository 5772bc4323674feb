from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from calls.choices import ApplicationStatus, BudgetSide
from calls.models import Application, BudgetItem, Call, Score

from .factories import ApplicationFactory, CallFactory, complete_application

pytestmark = pytest.mark.django_db


def refused_by_the_database(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


class TestCallConstraints:
    def test_closing_must_follow_opening(self):
        call = CallFactory()
        call.closes_at = call.opens_at
        refused_by_the_database(call.save)

    def test_max_amount_within_the_envelope(self):
        call = CallFactory()
        call.max_amount = call.envelope + 1
        refused_by_the_database(call.save)

    def test_max_share_at_most_one(self):
        call = CallFactory()
        call.max_share = Decimal("1.01")
        refused_by_the_database(call.save)


class TestApplicationConstraints:
    def test_postcode_outside_essonne_is_refused(self):
        application = ApplicationFactory()
        application.postcode = "75001"
        refused_by_the_database(application.save)

    def test_one_application_per_address_and_call_whatever_the_case(self):
        application = ApplicationFactory(email="asso@example.org")
        refused_by_the_database(
            lambda: ApplicationFactory(call=application.call, email="ASSO@example.org")
        )

    def test_a_submitted_application_has_a_reference(self):
        application = ApplicationFactory()
        application.status = ApplicationStatus.SUBMITTED
        refused_by_the_database(application.save)

    def test_granted_needs_a_subsidy(self):
        application = complete_application()
        Application.objects.filter(pk=application.pk).update(reference="AAP-2026-001")
        application.refresh_from_db()
        application.submitted_at = timezone.now()
        application.status = ApplicationStatus.GRANTED
        application.granted_amount = Decimal("1000")
        refused_by_the_database(application.save)

    def test_granted_amount_at_most_requested(self):
        application = complete_application()
        application.granted_amount = application.amount_requested + 1
        refused_by_the_database(application.save)

    def test_budget_lines_are_positive(self):
        application = ApplicationFactory()
        refused_by_the_database(
            lambda: BudgetItem.objects.create(
                application=application, side=BudgetSide.EXPENSE, label="x", amount=0
            )
        )

    def test_a_score_is_at_most_ten(self):
        application = ApplicationFactory()
        criterion = application.call.criteria.first()
        refused_by_the_database(
            lambda: Score.objects.create(application=application, criterion=criterion, score=11)
        )


class TestCallQuerySet:
    def test_listing_order_open_then_coming_then_past(self):
        now = timezone.now()
        past_old = CallFactory(
            opens_at=now - timedelta(days=400), closes_at=now - timedelta(days=300)
        )
        past_recent = CallFactory(
            opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=3)
        )
        open_late = CallFactory(closes_at=now + timedelta(days=40))
        open_soon = CallFactory(closes_at=now + timedelta(days=2))
        coming = CallFactory(opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=50))
        assert list(Call.objects.listing_order(now)) == [
            open_soon,
            open_late,
            coming,
            past_recent,
            past_old,
        ]
        assert set(Call.objects.open(now)) == {open_soon, open_late}
        assert set(Call.objects.past(now)) == {past_recent, past_old}

    def test_days_left(self):
        now = timezone.now()
        call = CallFactory(closes_at=now + timedelta(days=3))
        assert call.days_left(now) == 3
        assert call.days_left(now + timedelta(days=4)) is None


class TestSubmissionErrors:
    def test_a_complete_application_has_none(self):
        assert complete_application().submission_errors() == {}

    def test_an_empty_draft_lists_every_missing_field(self):
        errors = ApplicationFactory().submission_errors()
        for field in ("organisation", "siret", "postcode", "title", "amount_requested", "budget"):
            assert field in errors, field
        kinds = ApplicationFactory().call.attachment_kinds
        required = [f"piece_{kind.pk}" for kind in kinds.filter(required=True)]
        optional = [f"piece_{kind.pk}" for kind in kinds.filter(required=False)]
        errors = ApplicationFactory(call=kinds.first().call).submission_errors()
        assert all(name in errors for name in required)
        assert not any(name in errors for name in optional)

    def test_unbalanced_budget(self):
        application = complete_application()
        BudgetItem.objects.create(
            application=application, side=BudgetSide.EXPENSE, label="Imprévus", amount=100
        )
        [message] = application.submission_errors()["budget"]
        assert "n'est pas équilibré" in message
        assert "40\u00a0100\u00a0€" in message

    def test_amount_over_the_maximum_of_the_call(self):
        application = complete_application(amount_requested=Decimal("20000.01"))
        assert "maximum de l'appel" in application.submission_errors()["amount_requested"][0]

    def test_amount_over_the_share_of_the_budget(self):
        # 50 % of the 40 000 € budget is 20 000 €; the call's maximum is raised out of the way.
        call = CallFactory(max_amount=Decimal("50000"))
        application = complete_application(call, amount_requested=Decimal("20000.01"))
        [message] = application.submission_errors()["amount_requested"]
        assert "50\u00a0% du budget" in message

    def test_zone_and_domain_must_be_eligible(self):
        call = CallFactory()
        application = complete_application(call, domain="culture")
        application.zone = CallFactory().zones.first()
        application.save()
        errors = application.submission_errors()
        assert set(errors) == {"zone", "domain"}

    def test_weighted_score(self):
        application = ApplicationFactory()
        relevance, partnership = application.call.criteria.all()
        assert application.score_total() is None
        Score.objects.create(application=application, criterion=relevance, score=8)
        assert application.score_total() is None  # not every criterion scored
        Score.objects.create(application=application, criterion=partnership, score=4)
        assert application.score_total() == Decimal("7.00")  # (8×3 + 4×1) / 4
