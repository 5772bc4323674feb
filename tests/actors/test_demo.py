from io import StringIO

import pytest
from django.core.management import call_command

from actors.choices import Location
from actors.models import Actor, ActorBeneficiary, ActorPartner, ActorProjectPartner
from actors.profiles import actor_profile
from subsidies.demo import BENEFICIARIES
from subsidies.models import Beneficiary, Subsidy

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Actor, ActorBeneficiary, ActorPartner, ActorProjectPartner)
    } | {"updated": sorted(Actor.objects.values_list("updated_at", flat=True))}


def test_every_demo_beneficiary_is_behind_one_actor_with_its_commune(demo):
    assert "actors:" in demo.output
    for name, _siret, rna in BENEFICIARIES.values():
        beneficiary = Beneficiary.objects.get(rna=rna)
        actor = Actor.objects.published().behind_beneficiary(beneficiary)
        assert actor is not None and actor.name == name and actor.commune
        profile = actor_profile(actor)
        published = Subsidy.objects.published().filter(beneficiary=beneficiary)
        assert profile.totals == published.totals()


def test_the_shared_haiti_decision_and_the_rna_only_association(client, demo):
    haiti = Actor.objects.get(slug="essonne-solidarite-haiti")
    care = Actor.objects.get(slug="soins-et-sante-haiti-essonne")
    shared = Subsidy.objects.published().filter(share__lt=1)
    assert shared.count() == 2
    decision = shared.first()
    assert (
        actor_profile(haiti).totals["amount"] + actor_profile(care).totals["amount"]
        >= decision.amount
    )
    kita = Actor.objects.get(slug="comite-de-jumelage-essonne-kita")
    assert not kita.siren and kita.rna
    assert actor_profile(kita).totals["count"] >= 1


def test_the_two_actors_abroad(demo):
    abroad = Actor.objects.published().filter(location=Location.ABROAD)
    assert {(actor.country.code, actor.kind) for actor in abroad} >= {
        ("ML", "local_authority"),
        ("HT", "local_authority"),
    }


def test_demo_pages_answer(client, demo):
    for actor in Actor.objects.published():
        assert client.get(actor.get_absolute_url()).status_code == 200
    assert client.get("/acteurs/").status_code == 200


def test_loading_twice_changes_nothing(demo):
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first
