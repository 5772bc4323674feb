"""Each staff group reaches in the admin exactly what its work needs, and nothing else."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.staff_groups import CRESI, EDITORS, EUROPE, FINANCE

pytestmark = pytest.mark.django_db

# What each group may open in the admin (changelist); everything else must answer 403.
CAN_VIEW = {
    EDITORS: {
        "portal.LegalPage",
        "cooperation.Zone",
        "cooperation.Partner",
        "cooperation.Action",
        "cooperation.EmergencyAid",
        "europe.Theme",
        "europe.EUProject",
    },
    FINANCE: {
        "cooperation.Zone",
        "cooperation.Action",
        "subsidies.BudgetLine",
        "subsidies.Beneficiary",
        "subsidies.Subsidy",
    },
    CRESI: {
        "cresi.Theme",
        "cresi.Resource",
        "cresi.CatalogueRecord",
        "cresi.TrainingSession",
        "cresi.Registration",
    },
    EUROPE: {"europe.Theme", "europe.EUProject", "europe.SupportRequest"},
}
# Of those, what each group may only read.
READ_ONLY = {FINANCE: {"cooperation.Zone", "cooperation.Action"}}

PERSONAL_DATA = {"cresi.Registration": CRESI, "europe.SupportRequest": EUROPE}

REGISTERED = sorted(model._meta.label for model in admin.site._registry)


def admin_url(label, view):
    app_label, model_name = label.lower().split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}")


@pytest.mark.parametrize("group", sorted(CAN_VIEW))
@pytest.mark.parametrize("label", REGISTERED)
def test_changelist_access_per_group(client, staff_user_in, group, label):
    client.force_login(staff_user_in(group))
    status = client.get(admin_url(label, "changelist")).status_code
    assert status == (200 if label in CAN_VIEW[group] else 403), (group, label)


@pytest.mark.parametrize("group", sorted(CAN_VIEW))
def test_nobody_but_superusers_manages_accounts_or_the_lockout_log(client, staff_user_in, group):
    client.force_login(staff_user_in(group))
    for label in ["auth.User", "auth.Group", "axes.AccessAttempt", "axes.AccessLog"]:
        assert client.get(admin_url(label, "changelist")).status_code == 403
    response = client.post(
        admin_url("auth.User", "add"),
        {"username": "intrus", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("group", "labels"), sorted(READ_ONLY.items()))
def test_read_only_access_cannot_add(client, staff_user_in, group, labels):
    client.force_login(staff_user_in(group))
    for label in labels:
        assert client.get(admin_url(label, "add")).status_code == 403


@pytest.mark.parametrize(("label", "owner"), sorted(PERSONAL_DATA.items()))
def test_personal_data_is_reachable_by_its_group_only(client, staff_user_in, label, owner):
    for group in CAN_VIEW:
        client.force_login(staff_user_in(group, username=f"{group}-{label}"))
        status = client.get(admin_url(label, "changelist")).status_code
        assert status == (200 if group == owner else 403), (group, label)


def test_staff_without_a_group_sees_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("sans-groupe", password="x", is_staff=True)
    client.force_login(user)
    for label in REGISTERED:
        assert client.get(admin_url(label, "changelist")).status_code == 403
