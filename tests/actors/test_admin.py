"""The directory in the admin: staff merge duplicates (logged) and moderate the requests."""

from decimal import Decimal

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from actors.choices import RequestStatus
from actors.models import Actor, ActorBeneficiary, ActorMerge, ActorRequest
from actors.profiles import actor_profile
from core.staff_groups import EDITORS
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory

from .factories import ActorFactory, ActorRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/actors/actor/"


def test_an_editor_merges_two_actors_through_the_admin(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    kept = ActorFactory(name="Eau Vive", rna="W913555551")
    merged = ActorFactory(name="Eau Vive Essonne")
    beneficiary = BeneficiaryFactory(siret="", rna="W913555552")
    ActorBeneficiary.objects.create(actor=merged, beneficiary=beneficiary)
    SubsidyFactory(beneficiary=beneficiary, amount=Decimal("750.00"), is_published=True)
    SubsidyFactory(
        beneficiary=BeneficiaryFactory(siret="", rna="W913555551"),
        amount=Decimal("250.00"),
        is_published=True,
    )
    selection = {"action": "merge_actors", "_selected_action": [kept.pk, merged.pk]}
    confirm = client.post(CHANGELIST, selection)
    assert confirm.status_code == 200
    assert "Fiche conservée" in confirm.text and Actor.objects.count() == 2
    done = client.post(CHANGELIST, {**selection, "kept": kept.pk}, follow=True)
    assert "est fusionné dans" in done.text
    assert list(Actor.objects.all()) == [kept]
    assert actor_profile(kept).totals == {"count": 2, "amount": Decimal("1000.00")}
    assert ActorMerge.objects.get().merged_name == "Eau Vive Essonne"
    assert LogEntry.objects.filter(object_id=str(kept.pk)).exists()
    assert client.get("/admin/actors/actormerge/").status_code == 200


def test_merging_needs_exactly_two_actors(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    actors = [ActorFactory(), ActorFactory(), ActorFactory()]
    response = client.post(
        CHANGELIST,
        {"action": "merge_actors", "_selected_action": [a.pk for a in actors]},
        follow=True,
    )
    assert "exactement deux acteurs" in response.text
    assert Actor.objects.count() == 3


def test_editors_see_confirmed_requests_only_and_approve_them(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    confirmed = ActorRequestFactory(name="Association confirmée")
    ActorRequestFactory(name="Association pas confirmée", pending=True)
    page = client.get("/admin/actors/actorrequest/").text
    assert "Association confirmée" in page and "pas confirmée" not in page
    client.post(
        "/admin/actors/actorrequest/",
        {"action": "approve", "_selected_action": [confirmed.pk]},
    )
    confirmed.refresh_from_db()
    assert confirmed.status == RequestStatus.APPROVED
    actor = Actor.objects.get()
    assert actor.name == "Association confirmée" and actor.is_published
    assert client.get(reverse("admin:actors_actor_change", args=[actor.pk])).status_code == 200


def test_a_request_is_never_added_nor_edited_by_hand(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    actor_request = ActorRequestFactory()
    assert client.get("/admin/actors/actorrequest/add/").status_code == 403
    client.post(
        reverse("admin:actors_actorrequest_change", args=[actor_request.pk]),
        {"name": "Changé", "email": "autre@example.org"},
    )
    assert ActorRequest.objects.get().name == actor_request.name
