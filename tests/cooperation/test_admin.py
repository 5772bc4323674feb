import pytest
from django.urls import reverse

from tests.factories import ActionFactory, EmergencyAidFactory, PartnerFactory, ZoneFactory

pytestmark = pytest.mark.django_db

MODELS = ["zone", "partner", "action", "emergencyaid"]


@pytest.fixture
def records():
    zone = ZoneFactory(name="Mali")
    partner = PartnerFactory(zone=zone)
    ActionFactory(zone=zone, partners=[partner])
    ActionFactory(zone=zone, is_published=False, title="Action en brouillon")
    EmergencyAidFactory(zone=zone)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_form_for_superuser(admin_client, records, model):
    changelist = admin_client.get(reverse(f"admin:cooperation_{model}_changelist"))
    assert changelist.status_code == 200
    add = admin_client.get(reverse(f"admin:cooperation_{model}_add"))
    assert add.status_code == 200


def test_action_changelist_shows_draft_and_published_state(admin_client, records):
    response = admin_client.get(reverse("admin:cooperation_action_changelist"))
    assert "Action en brouillon" in response.text
    assert "icon-no.svg" in response.text and "icon-yes.svg" in response.text


def test_action_add_form_picks_zone_and_partners_with_autocomplete(admin_client):
    response = admin_client.get(reverse("admin:cooperation_action_add"))
    assert "data-autocomplete-light-url" not in response.text
    assert response.text.count("admin-autocomplete") >= 2


def test_partner_autocomplete_answers(admin_client, records):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Partenaire",
            "app_label": "cooperation",
            "model_name": "action",
            "field_name": "partners",
        },
    )
    assert response.status_code == 200
    assert response.json()["results"]


def test_creating_an_action_through_the_admin(admin_client):
    zone = ZoneFactory()
    response = admin_client.post(
        reverse("admin:cooperation_action_add"),
        {
            "title": "Nouvelle action",
            "slug": "nouvelle-action",
            "zone": zone.pk,
            "domain": "education",
            "status": "planned",
            "start_year": "2011",
            "end_year": "2010",
            "budget": "100",
            "contribution": "50",
            "summary": "Résumé",
        },
    )
    assert response.status_code == 200
    assert "précède" in response.text
