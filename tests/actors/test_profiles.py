"""An actor's profile: every figure computed from the records, equal to /subventions/."""

import html
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors.models import ActorBeneficiary, ActorPartner, ActorProjectPartner, ActorTraining
from core.templatetags.formatting import euros
from subsidies.models import Subsidy, split_to_the_cent
from tests.cresi.factories import RegistrationFactory, TrainingSessionFactory
from tests.europe.factories import EUProjectFactory, ProjectPartnerFactory
from tests.factories import ActionFactory, PartnerFactory, ZoneFactory
from tests.portal.public_pages import visible_text
from tests.subsidies.factories import BeneficiaryFactory, SubsidyFactory, valid_siret

from .factories import ActorFactory

pytestmark = pytest.mark.django_db


def subsidies_page_total(client, name):
    """What /subventions/ shows for the decisions found by this name."""
    response = client.get("/subventions/", {"q": name})
    return response.context["totals"]


def profile(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, visible_text(response.text)


class TestTotals:
    def test_a_profile_adds_up_the_published_decisions_of_its_siren_a_shared_one_included(
        self, client
    ):
        actor = ActorFactory(
            name="Zorglub Solidarité", siret=valid_siret(1), siren=valid_siret(1)[:9]
        )
        here = BeneficiaryFactory(name="Zorglub Solidarité", siret=actor.siret, rna="")
        # The same association after a move: another establishment of the same SIREN.
        moved = BeneficiaryFactory(
            name="Zorglub Solidarité (nouveau siège)", siret=valid_siret(1, 2), rna=""
        )
        other = BeneficiaryFactory(name="Autre association")
        SubsidyFactory(beneficiary=here, amount=Decimal("12000.00"), is_published=True)
        SubsidyFactory(beneficiary=here, amount=Decimal("5000.00"), is_published=False)
        SubsidyFactory(
            beneficiary=moved,
            amount=Decimal("3000.50"),
            convention_date=date(2011, 5, 2),
            is_published=True,
        )
        shared = {
            "reference": "CP-2010-PARTAGE",
            "convention_date": date(2010, 6, 1),
            "object": "Reconstruction partagée",
            "amount": Decimal("100000.01"),
            "is_published": True,
        }
        SubsidyFactory(beneficiary=here, share=Decimal("0.3333"), **shared)
        SubsidyFactory(beneficiary=other, share=Decimal("0.6667"), **shared)

        response, text = profile(client, actor.get_absolute_url())

        share = split_to_the_cent(Decimal("100000.01"), [Decimal("0.3333"), Decimal("0.6667")])[0]
        expected = Decimal("12000.00") + Decimal("3000.50") + share
        totals = response.context["profile"].totals
        assert totals == {"count": 3, "amount": expected}
        published = Subsidy.objects.published().filter(beneficiary__in=[here, moved])
        assert totals["amount"] == sum(s.granted_amount for s in published)
        assert subsidies_page_total(client, "Zorglub") == totals
        assert f"3 décisions de subvention publiées, pour un total de {euros(expected)}" in text
        by_year = {row["year"]: row["amount"] for row in response.context["profile"].totals_by_year}
        assert by_year == {2010: Decimal("12000.00") + share, 2011: Decimal("3000.50")}
        assert "Autre association" not in text

    def test_an_association_known_by_its_rna_number_only(self, client):
        actor = ActorFactory(name="Comité Wizbang", rna="W913999991")
        beneficiary = BeneficiaryFactory(name="Comité Wizbang", siret="", rna="W913999991")
        SubsidyFactory(beneficiary=beneficiary, amount=Decimal("2500.00"), is_published=True)
        SubsidyFactory(
            beneficiary=beneficiary,
            amount=Decimal("700.00"),
            convention_date=date(2012, 1, 5),
            is_published=True,
        )
        response, text = profile(client, actor.get_absolute_url())
        totals = response.context["profile"].totals
        assert totals == {"count": 2, "amount": Decimal("3200.00")}
        assert subsidies_page_total(client, "Wizbang") == totals
        assert euros(Decimal("3200.00")) in text

    def test_an_explicit_link_wins_over_a_matching_identifier(self, client):
        first = ActorFactory(rna="W913999992")
        second = ActorFactory()
        beneficiary = BeneficiaryFactory(siret="", rna="W913999992")
        SubsidyFactory(beneficiary=beneficiary, amount=Decimal("900.00"), is_published=True)
        ActorBeneficiary.objects.create(actor=second, beneficiary=beneficiary)
        first_page, _text = profile(client, first.get_absolute_url())
        second_page, _text = profile(client, second.get_absolute_url())
        assert first_page.context["profile"].totals["count"] == 0
        assert second_page.context["profile"].totals["amount"] == Decimal("900.00")


class TestUnlistedRecords:
    def test_a_beneficiary_not_in_the_directory_gets_a_profile_from_its_subsidies(self, client):
        zone = ZoneFactory(name="Zone des Plateaux")
        beneficiary = BeneficiaryFactory(name="Les Amis de Ségou")
        SubsidyFactory(
            beneficiary=beneficiary, zone=zone, amount=Decimal("4321.00"), is_published=True
        )
        subsidies = client.get("/subventions/")
        url = f"/acteurs/beneficiaires/{beneficiary.pk}/"
        assert f'href="{url}"' in subsidies.text
        response, text = profile(client, url)
        assert "Les Amis de Ségou" in text
        assert "pas encore inscrite à l'annuaire" in text
        assert response.context["profile"].totals == subsidies_page_total(client, "Ségou")
        assert euros(Decimal("4321.00")) in text
        assert "Zone des Plateaux" in text

    def test_a_beneficiary_behind_an_actor_leads_to_its_profile(self, client):
        actor = ActorFactory(rna="W913999993")
        beneficiary = BeneficiaryFactory(siret="", rna="W913999993")
        SubsidyFactory(beneficiary=beneficiary, is_published=True)
        response = client.get(f"/acteurs/beneficiaires/{beneficiary.pk}/")
        assert response.status_code == 302
        assert response["Location"] == actor.get_absolute_url()

    def test_a_draft_actor_is_not_shown_nor_reached(self, client):
        actor = ActorFactory(rna="W913999994", is_published=False)
        beneficiary = BeneficiaryFactory(siret="", rna="W913999994")
        SubsidyFactory(beneficiary=beneficiary, is_published=True)
        assert client.get(actor.get_absolute_url()).status_code == 404
        assert client.get(f"/acteurs/beneficiaires/{beneficiary.pk}/").status_code == 200
        assert actor.name not in client.get("/acteurs/").text

    def test_a_beneficiary_without_published_decision_has_no_page(self, client):
        beneficiary = BeneficiaryFactory()
        SubsidyFactory(beneficiary=beneficiary, is_published=False)
        assert client.get(f"/acteurs/beneficiaires/{beneficiary.pk}/").status_code == 404

    def test_partners_of_actions_zones_and_eu_projects_lead_to_their_actor(self, client):
        zone = ZoneFactory(slug="zone-test")
        partner = PartnerFactory(zone=zone, name="Cercle partenaire")
        action = ActionFactory(zone=zone, partners=[partner])
        project = EUProjectFactory(is_published=True)
        project_partner = ProjectPartnerFactory(project=project, name="Ville partenaire")
        actor = ActorFactory(name="Cercle partenaire")
        ActorPartner.objects.create(actor=actor, partner=partner)
        for page in (zone.get_absolute_url(), action.get_absolute_url()):
            assert f'href="/acteurs/partenaires/{partner.pk}/"' in client.get(page).text
        response = client.get(f"/acteurs/partenaires/{partner.pk}/")
        assert response["Location"] == actor.get_absolute_url()
        assert action.title in visible_text(client.get(actor.get_absolute_url()).text)
        # An EU project partner no actor stands behind yet: its own profile.
        url = f"/acteurs/partenaires-europeens/{project_partner.pk}/"
        assert f'href="{url}"' in client.get(project.get_absolute_url()).text
        _response, text = profile(client, url)
        assert "Ville partenaire" in text and project.name in text

    def test_action_pages_link_the_beneficiaries_of_their_subsidies(self, client):
        action = ActionFactory(contribution=Decimal("5000.00"), budget=None)
        beneficiary = BeneficiaryFactory()
        SubsidyFactory(
            beneficiary=beneficiary,
            action=action,
            zone=action.zone,
            amount=Decimal("1000.00"),
            is_published=True,
        )
        page = client.get(action.get_absolute_url()).text
        assert f'href="/acteurs/beneficiaires/{beneficiary.pk}/"' in page


class TestEverythingTheProgrammeDid:
    def test_actions_eu_projects_calls_won_and_trainings_as_a_number(self, client):
        actor = ActorFactory(rna="W913999995")
        beneficiary = BeneficiaryFactory(siret="", rna="W913999995")
        funded = ActionFactory(
            title="Action financée", contribution=Decimal("50000.00"), budget=None
        )
        partnered = ActionFactory(title="Action partenaire")
        hidden = ActionFactory(title="Action en brouillon", is_published=False)
        partner = PartnerFactory(zone=partnered.zone)
        partnered.partners.add(partner)
        hidden.partners.add(partner)
        ActorPartner.objects.create(actor=actor, partner=partner)
        SubsidyFactory(
            beneficiary=beneficiary,
            action=funded,
            zone=funded.zone,
            aid_scheme="Appel à projets « Jeunesse » 2011",
            is_published=True,
        )
        SubsidyFactory(beneficiary=beneficiary, aid_scheme="", is_published=True)
        project = EUProjectFactory(name="Projet Rivières", is_published=True)
        ActorProjectPartner.objects.create(
            actor=actor, project_partner=ProjectPartnerFactory(project=project)
        )
        for index in range(3):
            session = TrainingSessionFactory()
            ActorTraining.objects.create(actor=actor, session=session)
            RegistrationFactory(session=session, name=f"Dominique Secret{index}")

        _response, text = profile(client, actor.get_absolute_url())

        assert "Action financée" in text and "Action partenaire" in text
        assert "Action en brouillon" not in text
        assert "Projet Rivières" in text
        assert "Appel à projets « Jeunesse » 2011" in text
        assert "3 sessions de formation suivies" in text
        assert "Secret" not in text

    def test_contact_details_only_with_consent(self, client):
        from django.db import IntegrityError, transaction
        from django.utils import timezone

        actor = ActorFactory()
        actor.contact_email = "contact@asso.example"
        with pytest.raises(IntegrityError), transaction.atomic():
            actor.save()
        actor.refresh_from_db()
        assert "contact@asso.example" not in client.get(actor.get_absolute_url()).text
        actor.contact_email = "contact@asso.example"
        actor.contact_consent_at = timezone.now()
        actor.save()
        assert "contact@asso.example" in client.get(actor.get_absolute_url()).text


def test_the_profile_and_directory_queries_stay_flat_as_records_grow(client):
    zone = ZoneFactory()

    def grow(count):
        for _index in range(count):
            actor = ActorFactory(rna=f"W91{ActorFactory._meta.next_sequence():07d}", zones=[zone])
            beneficiary = BeneficiaryFactory(siret="", rna=actor.rna)
            action = ActionFactory(zone=zone, contribution=Decimal("99999.00"), budget=None)
            SubsidyFactory(beneficiary=beneficiary, action=action, zone=zone, is_published=True)
            ActorTraining.objects.create(actor=actor, session=TrainingSessionFactory())
        return actor

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    actor = grow(2)
    small = {url: queries(url) for url in ("/acteurs/", "/acteurs/?zone=" + zone.slug)}
    small_profile = queries(actor.get_absolute_url())
    big_actor = grow(25)
    for index in range(10):  # one actor with many decisions
        beneficiary = BeneficiaryFactory(siret="", rna=f"W9188888{index:02d}")
        ActorBeneficiary.objects.create(actor=big_actor, beneficiary=beneficiary)
        SubsidyFactory(beneficiary=beneficiary, is_published=True)
    assert {url: queries(url) for url in small} == small
    assert queries(big_actor.get_absolute_url()) == small_profile


def test_nothing_personal_in_a_page_for_a_registration_name(client):
    """The training count never says who came (the registration's name is personal data)."""
    actor = ActorFactory()
    session = TrainingSessionFactory()
    RegistrationFactory(session=session, name="Alix Confidentiel", email="alix@example.org")
    ActorTraining.objects.create(actor=actor, session=session)
    page = html.unescape(client.get(actor.get_absolute_url()).text)
    assert "1 session de formation suivie" in visible_text(page)
    assert "Confidentiel" not in page and "alix@example.org" not in page
