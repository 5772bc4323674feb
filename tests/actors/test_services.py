from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from actors.choices import RequestKind, RequestStatus
from actors.models import (
    Actor,
    ActorBeneficiary,
    ActorDomain,
    ActorGoal,
    ActorPartner,
    ActorProjectPartner,
    ActorRequest,
    ActorTraining,
)
from actors.profiles import actor_profile
from actors.services import (
    MAX_REQUESTS_PER_EMAIL_PER_DAY,
    actor_merge,
    actor_request_approve,
    actor_request_create,
    actor_request_reject,
    actor_requests_purge_decided,
    actor_requests_purge_unconfirmed,
)
from tests.cresi.factories import TrainingSessionFactory
from tests.europe.factories import EUProjectFactory, ProjectPartnerFactory
from tests.factories import ActionFactory, PartnerFactory, ZoneFactory
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory, valid_siret

from .factories import ActorFactory, ActorRequestFactory

pytestmark = pytest.mark.django_db


class TestMerge:
    def test_merging_keeps_every_link_and_every_figure_and_is_logged(
        self, client, django_user_model
    ):
        staff = django_user_model.objects.create_user("editrice", is_staff=True)
        zone, other_zone = ZoneFactory(), ZoneFactory()
        kept = ActorFactory(
            name="Eau pour tous", siret=valid_siret(5), siren=valid_siret(5)[:9], zones=[zone]
        )
        merged = ActorFactory(
            name="Eau pour tous (doublon)", rna="W913777771", zones=[other_zone], website=""
        )
        merged.website = "https://eau.example/"
        merged.save()
        # What the kept one had, and what the merged one had: by identifier and explicitly.
        SubsidyFactory(
            beneficiary=BeneficiaryFactory(siret=kept.siret, rna=""),
            amount=Decimal("1000.00"),
            is_published=True,
        )
        by_rna = BeneficiaryFactory(siret="", rna="W913777771")
        SubsidyFactory(beneficiary=by_rna, amount=Decimal("200.00"), is_published=True)
        linked = BeneficiaryFactory()
        SubsidyFactory(beneficiary=linked, amount=Decimal("30.00"), is_published=True)
        ActorBeneficiary.objects.create(actor=merged, beneficiary=linked)
        partner = PartnerFactory()
        action = ActionFactory(zone=partner.zone, partners=[partner])
        ActorPartner.objects.create(actor=merged, partner=partner)
        project = EUProjectFactory(is_published=True)
        ActorProjectPartner.objects.create(
            actor=merged, project_partner=ProjectPartnerFactory(project=project)
        )
        shared_session = TrainingSessionFactory()
        ActorTraining.objects.create(actor=kept, session=shared_session)
        ActorTraining.objects.create(actor=merged, session=shared_session)
        ActorTraining.objects.create(actor=merged, session=TrainingSessionFactory())
        ActorDomain.objects.create(actor=merged, domain="culture")
        ActorGoal.objects.create(actor=merged, goal=6)
        before = {
            "kept": actor_profile(kept).totals["amount"],
            "merged": actor_profile(merged).totals["amount"],
        }
        old_url = merged.get_absolute_url()

        log = actor_merge(kept=kept, merged=merged, user=staff)

        assert not Actor.objects.filter(pk=merged.pk).exists()
        kept.refresh_from_db()
        profile = actor_profile(kept)
        assert profile.totals == {"count": 3, "amount": before["kept"] + before["merged"]}
        assert kept.rna == "W913777771" and kept.website == "https://eau.example/"
        assert set(kept.zones.all()) == {zone, other_zone}
        assert list(profile.actions) == [action]
        assert list(profile.eu_projects) == [project]
        assert profile.trainings == 2  # the session both attended counts once
        assert [d.domain for d in kept.domains.all()] == ["culture"]
        assert [g.goal for g in kept.goals.all()] == [6]
        assert log.kept == kept and log.merged_by == staff
        assert log.merged_name == "Eau pour tous (doublon)"
        assert log.moved_links["partners"] == 1 and log.moved_links["beneficiaries"] == 2
        entry = LogEntry.objects.get(object_id=str(kept.pk))
        assert "Eau pour tous (doublon)" in entry.get_change_message()
        response = client.get(old_url)
        assert response.status_code == 301 and response["Location"] == kept.get_absolute_url()

    def test_two_sirens_keep_both_actors_beneficiaries(self):
        kept = ActorFactory(siret=valid_siret(6), siren=valid_siret(6)[:9])
        merged = ActorFactory(siret=valid_siret(7), siren=valid_siret(7)[:9])
        SubsidyFactory(beneficiary=BeneficiaryFactory(siret=kept.siret), is_published=True)
        SubsidyFactory(beneficiary=BeneficiaryFactory(siret=merged.siret), is_published=True)
        actor_merge(kept=kept, merged=merged)
        assert actor_profile(kept).totals["count"] == 2

    def test_an_actor_is_not_merged_with_itself(self):
        actor = ActorFactory()
        with pytest.raises(ValidationError):
            actor_merge(kept=actor, merged=actor)
        assert Actor.objects.filter(pk=actor.pk).exists()


def request_arguments(**values):
    return {
        "request_kind": RequestKind.LISTING,
        "name": "Les Amis de Dioïla",
        "kind": "association",
        "commune": "Draveil",
        "presentation": "Jumelage et échanges scolaires.",
        "contact_name": "Sam Durand",
        "email": "sam@example.org",
        "consent": True,
        **values,
    }


class TestRequests:
    def test_a_request_is_stored_unconfirmed_and_nothing_is_public(self, client, mailoutbox):
        actor_request = actor_request_create(**request_arguments())
        assert actor_request.confirmed_at is None
        assert actor_request.status == RequestStatus.PENDING
        assert not Actor.objects.exists()
        assert "Dioïla" not in client.get("/acteurs/").text

    def test_approving_publishes_a_new_actor_with_consented_contact_only(self, client):
        actor_request = ActorRequestFactory(
            name="Les Amis de Dioïla",
            siret=valid_siret(8),
            publish_contact=True,
            public_email="contact@dioila.example",
        )
        actor_request.zones.add(ZoneFactory())
        actor = actor_request_approve(actor_request=actor_request)
        assert actor.is_published and actor.siren == valid_siret(8)[:9]
        assert actor.contact_details() == {"email": "contact@dioila.example"}
        page = client.get(actor.get_absolute_url()).text
        assert "contact@dioila.example" in page
        assert actor_request.email not in page and "Camille Martin" not in page
        actor_request.refresh_from_db()
        assert actor_request.status == RequestStatus.APPROVED and actor_request.actor == actor

    def test_approving_a_correction_changes_only_what_it_gives(self):
        actor = ActorFactory(name="Ancien nom", website="https://ancien.example/")
        actor_request = ActorRequestFactory(
            request_kind=RequestKind.CORRECTION, actor=actor, name="Nouveau nom"
        )
        actor_request_approve(actor_request=actor_request)
        actor.refresh_from_db()
        assert actor.name == "Nouveau nom" and actor.website == "https://ancien.example/"
        assert actor.contact_details() == {}

    def test_an_unconfirmed_or_decided_request_cannot_be_approved(self):
        with pytest.raises(ValidationError):
            actor_request_approve(actor_request=ActorRequestFactory(pending=True))
        decided = ActorRequestFactory()
        actor_request_reject(actor_request=decided)
        with pytest.raises(ValidationError):
            actor_request_approve(actor_request=decided)
        assert not Actor.objects.exists()

    def test_one_address_is_limited_per_day(self):
        for _index in range(MAX_REQUESTS_PER_EMAIL_PER_DAY):
            actor_request_create(**request_arguments())
        with pytest.raises(ValidationError) as error:
            actor_request_create(**request_arguments(email="SAM@example.org"))
        assert "email" in error.value.message_dict
        assert ActorRequest.objects.count() == MAX_REQUESTS_PER_EMAIL_PER_DAY

    def test_purges(self, settings):
        now = timezone.now()
        ActorRequestFactory(pending=True, confirm_before=now - timedelta(minutes=1))
        waiting = ActorRequestFactory(pending=True)
        old = ActorRequestFactory(status=RequestStatus.REJECTED)
        ActorRequest.objects.filter(pk=old.pk).update(
            decided_at=now - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
        )
        recent = ActorRequestFactory(status=RequestStatus.APPROVED, decided_at=now)
        assert actor_requests_purge_unconfirmed(now=now, dry_run=True) == 1
        assert actor_requests_purge_unconfirmed(now=now) == 1
        assert actor_requests_purge_decided(now=now) == 1
        assert set(ActorRequest.objects.all()) == {waiting, recent}
