"""Issue 17, the back office: the portal's admin, its dashboard, its wording and its previews."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from core.staff_groups import CRESI, EDITORS, EUROPE, FINANCE
from cresi.models import TrainingSession
from europe.choices import RequestStatus
from tests.cresi.factories import RegistrationFactory, TrainingSessionFactory
from tests.europe.factories import SupportRequestFactory
from tests.factories import ActionFactory, ZoneFactory
from tests.subsidies.factories import SubsidyFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/"


def dashboard(client):
    response = client.get(INDEX)
    assert response.status_code == 200
    return {str(panel.title): panel for panel in response.context["dashboard"]}


def test_the_admin_carries_the_portal_name(admin_client):
    page = admin_client.get(INDEX).text
    assert "Administration de Django" not in page and "Django administration" not in page
    assert "L'Essonne à l'international" in page or "L&#x27;Essonne à l&#x27;international" in page
    assert "css/admin.css" in page
    assert "<title>Tableau de bord | Administration du portail" in page


class TestDashboard:
    def test_europe_sees_the_requests_that_wait(self, client, staff_user_in):
        SupportRequestFactory.create_batch(2)
        SupportRequestFactory(status=RequestStatus.IN_PROGRESS)
        SupportRequestFactory(pending=True)  # nobody sees it before it is confirmed
        SupportRequestFactory(status=RequestStatus.CLOSED, closed_at=timezone.now())
        client.force_login(staff_user_in(EUROPE))
        panel = dashboard(client)["Demandes d’accompagnement en attente"]
        assert [(item.label, item.value, item.urgent) for item in panel.items] == [
            ("Nouvelle", "2", True),
            ("En cours d'examen", "1", False),
        ]
        assert panel.items[0].url.endswith("?status__exact=new")
        page = client.get(INDEX).text
        assert "Demandes d’accompagnement en attente" in page
        assert "Formations à venir" not in page  # not this group's work

    def test_cresi_sees_coming_sessions_with_places_left(self, client, staff_user_in):
        open_session = TrainingSessionFactory(title="Évaluer son projet", capacity=3)
        RegistrationFactory(session=open_session)
        full = TrainingSessionFactory(title="Complète", capacity=1)
        RegistrationFactory(session=full)
        TrainingSessionFactory(title="Brouillon", is_published=False)
        client.force_login(staff_user_in(CRESI))
        panels = dashboard(client)
        items = panels["Formations à venir qui ont encore des places"].items
        left = TrainingSession.objects.with_places_left().get(pk=open_session.pk).places_left
        assert [item.label.split(" (")[0] for item in items] == ["Évaluer son projet"]
        assert items[0].value == f"{left} places restantes sur 3"
        assert "Demandes d’accompagnement en attente" not in panels
        drafts = panels["Brouillons à relire et publier"].items
        assert [(item.label, item.value) for item in drafts] == [("Sessions de formation", "1")]

    def test_drafts_of_every_app_in_one_panel(self, client, staff_user_in):
        ZoneFactory(is_published=False)
        ActionFactory.create_batch(2, is_published=False)
        client.force_login(staff_user_in(EDITORS))
        drafts = dashboard(client)["Brouillons à relire et publier"].items
        values = {item.label: item.value for item in drafts}
        assert values["Zones partenaires"] == "1"
        assert values["Actions de coopération"] == "2"
        assert all("is_published__exact=0" in item.url for item in drafts)

    def test_finance_sees_the_last_imports(self, client, staff_user_in):
        from subsidies.models import Subsidy

        user = staff_user_in(FINANCE)
        SubsidyFactory()  # written by hand: no reason, not an import
        imported = SubsidyFactory()
        imported._change_reason = "Import SCDL 2010.csv"
        imported.amount += 1
        imported.save()
        client.force_login(user)
        items = dashboard(client)["Derniers imports de subventions"].items
        assert len(items) == 1
        assert items[0].label.endswith("Import SCDL 2010.csv")
        assert items[0].value == "1 décision"
        assert Subsidy.latest_imports()[0]["rows"] == 1

    def test_content_per_zone(self, admin_client):
        zone = ZoneFactory(name="Kita")
        ActionFactory.create_batch(2, zone=zone)
        SubsidyFactory(zone=zone)
        items = dashboard(admin_client)["Contenus par zone"].items
        kita = next(item for item in items if item.label == "Kita")
        assert kita.value == "actions\xa0: 2 · subventions\xa0: 1 · projets européens\xa0: 0"

    def test_query_count_does_not_grow_with_content(
        self, admin_client, django_assert_max_num_queries
    ):
        admin_client.get(INDEX)
        with django_assert_max_num_queries(40) as few:
            admin_client.get(INDEX)
        for _ in range(5):
            zone = ZoneFactory(is_published=False)
            ActionFactory(zone=zone, is_published=False)
            TrainingSessionFactory()
            SupportRequestFactory()
        with django_assert_max_num_queries(len(few)):
            admin_client.get(INDEX)

    def test_an_app_adds_its_panel_through_the_registry(self, admin_client):
        # tests/example_app declares staff_dashboard(): the calls app does the same.
        assert "Cartes postales à relire" in dashboard(admin_client)


class TestDeleteActionWording:
    @pytest.mark.parametrize(
        "model, wording",
        [
            ("subsidies/subsidy", "Supprimer les subventions sélectionnées"),
            ("cresi/trainingsession", "Supprimer les sessions de formation sélectionnées"),
            ("cooperation/zone", "Supprimer les zones partenaires sélectionnées"),
            ("subsidies/beneficiary", "Supprimer les bénéficiaires sélectionnés"),
            ("europe/euproject", "Supprimer les projets européens sélectionnés"),
        ],
    )
    def test_agrees_with_the_model(self, rf, admin_user, model, wording):
        from django.apps import apps
        from django.contrib import admin

        request = rf.get("/admin/")
        request.user = admin_user
        model_admin = admin.site._registry[apps.get_model(*model.split("/"))]
        assert dict(model_admin.get_action_choices(request))["delete_selected"] == wording

    def test_shown_in_the_list(self, admin_client):
        ZoneFactory()
        page = admin_client.get("/admin/cooperation/zone/").text
        assert "Supprimer les zones partenaires sélectionnées" in page
        assert "sélectionné(e)s" not in page

    def test_still_deletes(self, admin_client):
        from cooperation.models import Zone

        zone = ZoneFactory()
        response = admin_client.post(
            "/admin/cooperation/zone/",
            {"action": "delete_selected", "_selected_action": [zone.pk], "post": "yes"},
        )
        assert response.status_code == 302
        assert not Zone.objects.filter(pk=zone.pk).exists()


class TestPreview:
    def preview_url(self, record):
        content_type = ContentType.objects.get_for_model(record)
        return reverse("admin:view_on_site", args=[content_type.pk, record.pk])

    def test_staff_see_a_draft_as_the_public_will(self, client, staff_user_in):
        zone = ZoneFactory(name="Tombouctou", is_published=False)
        assert client.get(zone.get_absolute_url()).status_code == 404
        client.force_login(staff_user_in(EDITORS))
        response = client.get(self.preview_url(zone))
        assert response.status_code == 200
        assert "<h1>Tombouctou</h1>" in response.text or "Tombouctou</h1>" in response.text
        assert "n’est pas publié" in response.text
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        zone.refresh_from_db()
        assert zone.view_count == 0
        # The change form's « Voir sur le site » leads there.
        change = client.get(reverse("admin:cooperation_zone_change", args=[zone.pk])).text
        assert self.preview_url(zone) in change
        # Still a draft for the public.
        client.logout()
        assert client.get(zone.get_absolute_url()).status_code == 404

    def test_anonymous_visitors_are_sent_to_sign_in(self, client):
        zone = ZoneFactory(is_published=False)
        response = client.get(self.preview_url(zone))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]

    def test_a_published_record_is_redirected_to(self, admin_client):
        zone = ZoneFactory()
        response = admin_client.get(self.preview_url(zone))
        assert response.status_code == 302
        assert response["Location"].endswith(zone.get_absolute_url())

    def test_staff_without_the_view_permission_are_refused(self, client, django_user_model):
        zone = ZoneFactory(is_published=False)
        user = django_user_model.objects.create_user("stagiaire", password="x", is_staff=True)
        client.force_login(user)
        assert client.get(self.preview_url(zone)).status_code == 403


class TestTechnicalModels:
    def test_hidden_even_from_staff_given_their_permissions(self, client, django_user_model):
        user = django_user_model.objects.create_user("curieux", password="x", is_staff=True)
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
        client.force_login(user)
        assert "/admin/axes/" not in client.get(INDEX).text
        assert client.get("/admin/axes/accessattempt/").status_code == 403

    def test_superusers_see_them(self, admin_client):
        assert "/admin/axes/accessattempt/" in admin_client.get(INDEX).text
        assert admin_client.get("/admin/axes/accessattempt/").status_code == 200
