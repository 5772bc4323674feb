"""Each staff group holds exactly the permissions of one table, and reaches in the admin exactly
what they allow, and nothing else."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from core.registry import portal_apps
from core.staff_groups import CALLS, CRESI, EDITORS, EUROPE, FINANCE
from tests.actors.factories import ActorFactory, ActorRequestFactory
from tests.agenda.factories import EventFactory
from tests.cresi.factories import (
    CatalogueRecordFactory,
    RegistrationFactory,
    ResourceFactory,
    TrainingSessionFactory,
)
from tests.cresi.factories import ThemeFactory as CresiThemeFactory
from tests.europe.factories import (
    EUProjectFactory,
    ProjectPartnerFactory,
    SupportRequestFactory,
)
from tests.europe.factories import ThemeFactory as EuropeThemeFactory
from tests.factories import ActionFactory, EmergencyAidFactory, PartnerFactory, ZoneFactory
from tests.news.factories import NewsItemFactory
from tests.photos.factories import PhotoFactory
from tests.subsidies.factories import BudgetLineFactory, SubsidyFactory

pytestmark = pytest.mark.django_db

GROUPS = (EDITORS, FINANCE, CRESI, EUROPE)
ACTIONS = {"a": "add", "c": "change", "d": "delete", "v": "view"}

# The staff permissions, granted by the apps' data migrations: one row per model of the
# portal's apps, one column per group (in the order of GROUPS), the actions the group may take
# as letters: a(dd), c(hange), d(elete), v(iew). Superusers are in no group and may do all.
# fmt: off
MATRIX = {
    #                                   Éditeurs  Finances  CRESI   Europe
    "core.ContentVersion":             ("",       "",       "",     ""),
    # The e-mails of the queue; each group sees those of its own app only (tests/core/test_mail).
    "core.EmailTask":                  ("v",      "",       "v",    "v"),
    "portal.LegalPage":                ("cv",     "",       "",     ""),
    "cooperation.Zone":                ("acdv",   "v",      "",     ""),
    "cooperation.Partner":             ("acdv",   "",       "",     ""),
    "cooperation.Action":              ("acdv",   "v",      "",     ""),
    "cooperation.EmergencyAid":        ("acdv",   "",       "",     ""),
    "subsidies.BudgetLine":            ("",       "acdv",   "",     ""),
    "subsidies.HistoricalBudgetLine":  ("",       "",       "",     ""),
    "subsidies.Beneficiary":           ("",       "acdv",   "",     ""),
    "subsidies.HistoricalBeneficiary": ("",       "",       "",     ""),
    "subsidies.Subsidy":               ("",       "acdv",   "",     ""),
    "subsidies.HistoricalSubsidy":     ("",       "",       "",     ""),
    "subsidies.SubsidyTotal":          ("",       "",       "",     ""),
    "cresi.Theme":                     ("",       "",       "acdv", ""),
    "cresi.Resource":                  ("",       "",       "acdv", ""),
    "cresi.CatalogueRecord":           ("",       "",       "acdv", ""),
    "cresi.TrainingSession":           ("",       "",       "acdv", ""),
    "cresi.Registration":              ("",       "",       "acdv", ""),
    "europe.Theme":                    ("acdv",   "",       "",     "acdv"),
    "europe.EUProject":                ("acdv",   "",       "",     "acdv"),
    "europe.ProjectPartner":           ("acdv",   "",       "",     "acdv"),
    "europe.SupportRequest":           ("",       "",       "",     "acdv"),
    # The official code lists (refresh_codelists): read by whoever tags records with them.
    "cooperation.CodeList":            ("v",      "v",      "",     ""),
    "cooperation.SdgGoal":             ("v",      "v",      "",     ""),
    "cooperation.SdgTarget":           ("v",      "v",      "",     ""),
    "cooperation.DacCategory":         ("v",      "v",      "",     ""),
    "cooperation.DacPurpose":          ("v",      "v",      "",     ""),
    "results.Result":                  ("acdv",   "",       "",     "acdv"),
    "results.Indicator":               ("acdv",   "",       "",     "acdv"),
    "results.IndicatorValue":          ("acdv",   "",       "",     "acdv"),
    "results.ActionDocument":          ("acdv",   "",       "",     ""),
    "actors.Actor":                    ("acdv",   "",       "",     ""),
    "actors.ActorDomain":              ("acdv",   "",       "",     ""),
    "actors.ActorGoal":                ("acdv",   "",       "",     ""),
    "actors.ActorBeneficiary":         ("acdv",   "",       "",     ""),
    "actors.ActorPartner":             ("acdv",   "",       "",     ""),
    "actors.ActorProjectPartner":      ("acdv",   "",       "",     ""),
    "actors.ActorTraining":            ("acdv",   "",       "",     ""),
    "actors.ActorMerge":               ("v",      "",       "",     ""),
    # Requests to the directory: personal data, moderated by the editors.
    "actors.ActorRequest":             ("cv",     "",       "",     ""),
    "news.NewsItem":                   ("acdv",   "",       "",     ""),
    "photos.Photo":                    ("acdv",   "",       "",     ""),
    "agenda.Event":                    ("acdv",   "",       "",     ""),
}
# fmt: on

# Personal data: one group only sees it.
PERSONAL_DATA = {
    "cresi.Registration": CRESI,
    "europe.SupportRequest": EUROPE,
    "actors.ActorRequest": EDITORS,
}
# Records that come from the public forms or a migration: the admin offers no add form.
NO_ADD_FORM = {
    "cresi.Registration",
    "europe.SupportRequest",
    "portal.LegalPage",
    "actors.ActorRequest",
    "actors.ActorMerge",
}

# The calls for projects (calls/migrations/0002_calls_group.py): a group of their own, which
# configures the calls and instructs the applications (personal data); no other group sees them.
GROUPS = (*GROUPS, CALLS)
MATRIX = {label: (*row, "") for label, row in MATRIX.items()}
# fmt: off
MATRIX |= {
    #                                   Éditeurs  Finances  CRESI   Europe  Appels
    "calls.Call":                      ("",       "",       "",     "",     "acdv"),
    "calls.AttachmentKind":            ("",       "",       "",     "",     "acdv"),
    "calls.Criterion":                 ("",       "",       "",     "",     "acdv"),
    "calls.Application":               ("",       "",       "",     "",     "cv"),
    "calls.BudgetItem":                ("",       "",       "",     "",     "v"),
    "calls.Attachment":                ("",       "",       "",     "",     "v"),
    "calls.StatusChange":              ("",       "",       "",     "",     "v"),
    "calls.Score":                     ("",       "",       "",     "",     "acdv"),
}
# fmt: on
MATRIX["core.EmailTask"] = (*MATRIX["core.EmailTask"][:-1], "v")
PERSONAL_DATA |= {"calls.Application": CALLS, "calls.Attachment": CALLS}
NO_ADD_FORM |= {"calls.Application", "calls.Attachment"}

REGISTERED = sorted(model._meta.label for model in admin.site._registry)


def may(group, label, action):
    """Whether the table lets ``group`` take ``action`` (a letter) on the model ``label``."""
    row = MATRIX.get(label)
    return row is not None and action in row[GROUPS.index(group)]


def admin_url(label, view):
    app_label, model_name = label.lower().split(".")
    return reverse(f"admin:{app_label}_{model_name}_{view}")


def test_the_table_has_a_row_for_every_model_of_the_portal():
    # The test-only example app (tests/example_app) gives no group any right.
    apps = [config for config in portal_apps() if not config.name.startswith("tests.")]
    models = {model._meta.label for config in apps for model in config.get_models()}
    assert set(MATRIX) == models


def test_the_migrations_make_the_groups_of_the_table_and_no_other():
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS)


@pytest.mark.parametrize("group", GROUPS)
def test_each_group_holds_exactly_the_permissions_of_the_table(group):
    held = {
        (permission.content_type.app_label, permission.codename)
        for permission in Group.objects.get(name=group).permissions.select_related("content_type")
    }
    expected = {
        (label.split(".")[0], f"{ACTIONS[letter]}_{label.split('.')[1].lower()}")
        for label in MATRIX
        for letter in ACTIONS
        if may(group, label, letter)
    }
    assert held == expected


@pytest.fixture
def records():
    """One record of each model with an admin page, so that lists show rows."""
    zone = ZoneFactory()
    ActionFactory(zone=zone, partners=[PartnerFactory(zone=zone)])
    EmergencyAidFactory(zone=zone)
    BudgetLineFactory()
    SubsidyFactory(zone=zone)
    theme = CresiThemeFactory()
    ResourceFactory(themes=[theme])
    CatalogueRecordFactory(themes=[theme])
    RegistrationFactory(session=TrainingSessionFactory())
    ProjectPartnerFactory(project=EUProjectFactory(themes=[EuropeThemeFactory()]))
    SupportRequestFactory()
    ActorFactory()
    ActorRequestFactory()
    PhotoFactory(news_item=NewsItemFactory())
    EventFactory()


@pytest.mark.parametrize("group", GROUPS)
def test_admin_lists_and_add_forms_per_group(client, staff_user_in, records, group):
    """Every list and add form of the admin answers (200) where the table allows it, and
    refuses (403) everywhere else: other apps, accounts, the lockout log."""
    client.force_login(staff_user_in(group))
    for view, allowed in [
        ("changelist", lambda label: may(group, label, "v") or may(group, label, "c")),
        ("add", lambda label: may(group, label, "a") and label not in NO_ADD_FORM),
    ]:
        statuses = {label: client.get(admin_url(label, view)).status_code for label in REGISTERED}
        assert statuses == {label: 200 if allowed(label) else 403 for label in REGISTERED}, view


@pytest.mark.parametrize("group", GROUPS)
def test_nobody_but_superusers_manages_accounts_or_the_lockout_log(client, staff_user_in, group):
    client.force_login(staff_user_in(group))
    for label in ["auth.User", "auth.Group", "axes.AccessAttempt", "axes.AccessLog"]:
        assert client.get(admin_url(label, "changelist")).status_code == 403
    response = client.post(
        admin_url("auth.User", "add"),
        {"username": "intrus", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("label", "owner"), sorted(PERSONAL_DATA.items()))
def test_personal_data_is_reachable_by_its_group_only(client, staff_user_in, label, owner):
    for group in GROUPS:
        client.force_login(staff_user_in(group, username=f"{group}-{label}"))
        status = client.get(admin_url(label, "changelist")).status_code
        assert status == (200 if group == owner else 403), (group, label)


def test_staff_without_a_group_sees_nothing(client, django_user_model):
    user = django_user_model.objects.create_user("sans-groupe", password="x", is_staff=True)
    client.force_login(user)
    for label in REGISTERED:
        assert client.get(admin_url(label, "changelist")).status_code == 403
