import csv
import io

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse

from core.staff_groups import CRESI, EDITORS
from cresi.admin import csv_cell

from .factories import (
    CatalogueRecordFactory,
    RegistrationFactory,
    ResourceFactory,
    ThemeFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["theme", "resource", "cataloguerecord", "trainingsession", "registration"]


@pytest.fixture
def records():
    theme = ThemeFactory()
    ResourceFactory(themes=[theme])
    CatalogueRecordFactory(themes=[theme])
    return RegistrationFactory(name="Zéphyrine Quillard", email="zq@example.org")


@pytest.fixture
def plain_staff(django_user_model):
    return django_user_model.objects.create_user(
        username="sans-groupe", password="x", is_staff=True
    )


@pytest.mark.parametrize("model", MODELS)
def test_superuser_changelists(admin_client, records, model):
    assert admin_client.get(reverse(f"admin:cresi_{model}_changelist")).status_code == 200


def test_cresi_staff_see_registrations(client, staff_user_in, records):
    client.force_login(staff_user_in(CRESI))
    response = client.get(reverse("admin:cresi_registration_changelist"))
    assert response.status_code == 200
    assert "Zéphyrine Quillard" in response.text
    change = client.get(reverse("admin:cresi_registration_change", args=[records.pk]))
    assert change.status_code == 200


def test_registration_history_names_no_one(client, staff_user_in, records):
    """The admin's history outlives the purge: its entries name the registration, not the person."""
    client.force_login(staff_user_in(CRESI))
    response = client.post(
        reverse("admin:cresi_registration_change", args=[records.pk]),
        {"name": "Zéphyrine Quillard-Martin", "email": "zq@example.org", "organisation": "Asso"},
    )
    assert response.status_code == 302
    client.post(reverse("admin:cresi_registration_delete", args=[records.pk]), {"post": "yes"})
    entries = LogEntry.objects.filter(object_id=str(records.pk))
    assert entries.count() == 2
    for entry in entries:
        assert entry.object_repr.startswith(f"Inscription n°\xa0{records.pk} – ")
        assert "Zéphyrine" not in entry.object_repr + entry.change_message
        assert "zq@" not in entry.object_repr + entry.change_message


def test_nobody_adds_registrations_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:cresi_registration_add")).status_code == 403


def test_editors_and_plain_staff_never_reach_registrations(
    client, staff_user_in, plain_staff, records
):
    for user in [staff_user_in(EDITORS), plain_staff]:
        client.force_login(user)
        for url in [
            reverse("admin:cresi_registration_changelist"),
            reverse("admin:cresi_registration_change", args=[records.pk]),
            reverse("admin:cresi_registration_delete", args=[records.pk]),
        ]:
            assert client.get(url).status_code in {302, 403}, url
        index = client.get(reverse("admin:index"))
        assert "Zéphyrine" not in index.text
        assert "cresi/registration" not in index.text


def export(client, sessions):
    return client.post(
        reverse("admin:cresi_trainingsession_changelist"),
        {"action": "export_registrations", "_selected_action": [s.pk for s in sessions]},
    )


def test_csv_export_per_session(client, staff_user_in):
    session = TrainingSessionFactory(slug="monter", title="Monter un projet")
    RegistrationFactory(session=session, name="Awa Diallo", organisation="=HYPERLINK(1)")
    RegistrationFactory(session=session, name="Binta Sow", phone="+33 6 00 00 00 00")
    RegistrationFactory(name="Autre session")
    RegistrationFactory(session=session, name="Pas confirmée", pending=True)
    client.force_login(staff_user_in(CRESI))
    response = export(client, [session])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="inscrits-monter.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Session", "Premier jour", "Nom et prénom"]
    assert [row[2] for row in rows[1:]] == ["Awa Diallo", "Binta Sow"]
    assert rows[1][4] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet
    assert rows[2][5] == "'+33 6 00 00 00 00"


def test_csv_export_is_refused_without_the_registration_permission(client, django_user_model):
    session = RegistrationFactory().session
    group = Group.objects.create(name="Sessions seulement")
    group.permissions.add(
        *Group.objects.get(name=CRESI).permissions.filter(codename__endswith="trainingsession")
    )
    user = django_user_model.objects.create_user(username="s", password="x", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    changelist = client.get(reverse("admin:cresi_trainingsession_changelist"))
    assert changelist.status_code == 200
    assert "export_registrations" not in changelist.text
    response = export(client, [session])
    assert response["Content-Type"].startswith("text/html")
    assert session.registrations.get().email not in response.content.decode()


def test_registration_changelist_export(admin_client):
    registration = RegistrationFactory(name="Awa Diallo")
    response = admin_client.post(
        reverse("admin:cresi_registration_changelist"),
        {"action": "export_selected", "_selected_action": [registration.pk]},
    )
    assert "Awa Diallo" in response.content.decode("utf-8-sig")


def test_session_changelist_counts_registrations(admin_client):
    session = TrainingSessionFactory(title="Monter")
    RegistrationFactory.create_batch(3, session=session)
    RegistrationFactory.create_batch(2, session=session, pending=True)
    response = admin_client.get(reverse("admin:cresi_trainingsession_changelist"))
    assert response.status_code == 200
    assert '<td class="field-registrations_count">3</td>' in response.text
    assert '<td class="field-pending_count">2</td>' in response.text


def test_staff_see_a_registration_once_its_address_is_confirmed(client, staff_user_in):
    confirmed = RegistrationFactory(name="Awa Diallo")
    pending = RegistrationFactory(name="Quelqu'un d'autre", pending=True)
    client.force_login(staff_user_in(CRESI))
    response = client.get(reverse("admin:cresi_registration_changelist"))
    assert list(response.context["cl"].queryset) == [confirmed]
    change = reverse("admin:cresi_registration_change", args=[pending.pk])
    assert client.get(change).status_code == 302  # no such registration for staff


def test_resource_change_page_shows_the_stored_file(admin_client):
    resource = ResourceFactory(slug="guide")
    response = admin_client.get(reverse("admin:cresi_resource_change", args=[resource.pk]))
    assert "guide.pdf" in response.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@SUM", "'@SUM"), ("Awa", "Awa")],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected
