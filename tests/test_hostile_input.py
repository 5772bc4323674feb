"""Every public filter and form, fed random and hostile values: never a 500, never a stored script.

Hypothesis draws values from a table of nasty inputs (SQL and HTML fragments, NUL bytes, huge
numbers, very long strings, odd Unicode) mixed with arbitrary text.
"""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from actors.filters import ActorFilter
from cooperation.filters import ActionFilter
from cresi.filters import CatalogueRecordFilter, ResourceFilter, TrainingSessionFilter
from cresi.models import Registration, TrainingSession
from cresi.tokens import registration_confirm_token
from europe.filters import EUProjectFilter
from europe.models import SupportRequest
from europe.tokens import support_request_confirm_token
from subsidies.filters import SubsidyFilter

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
NASTY = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "2010.5",
    "1e309",
    "99999999999999999999999999",
    "NaN",
    "' OR 1=1 --",
    "'; DROP TABLE cooperation_zone; --",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "a\x00b",
    "%00",
    "../../etc/passwd",
    "ё𝔘🙂\u202e\u200b",
    "x" * 5000,
    "mali",
    "haiti",
]
hostile_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=300))

FILTER_PAGES = [
    ("/cooperation/actions/", ActionFilter),
    ("/subventions/", SubsidyFilter),
    ("/subventions/export.csv", SubsidyFilter),
    ("/subventions/export.json", SubsidyFilter),
    ("/cresi/ressources/", ResourceFilter),
    ("/cresi/documentation/", CatalogueRecordFilter),
    ("/cresi/formations/", TrainingSessionFilter),
    ("/europe/", EUProjectFilter),
    ("/acteurs/", ActorFilter),
    ("/acteurs/export.csv", ActorFilter),
]
OTHER_GET_PAGES = [("/recherche/", ["q"]), ("/chiffres-cles/", ["annee"])]

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def demo(demo, settings):
    """The shared demo, with no rate limit on the forms and no page cache: every value is tried."""
    settings.FORM_RATE_LIMIT = "100000/m"
    settings.PAGE_CACHE_SECONDS = 0
    return demo


def params_strategy(names):
    return st.fixed_dictionaries(
        {},
        optional={name: hostile_text for name in [*names, "page"]},
    )


def assert_no_server_error(response, url, params):
    assert response.status_code < 500, (url, params)
    if response["Content-Type"].startswith("text/html"):  # error pages too, not only 200
        assert SCRIPT.encode() not in response.content, (url, params)


@pytest.mark.parametrize(("url", "filterset"), FILTER_PAGES, ids=[u for u, _ in FILTER_PAGES])
def test_filters_survive_hostile_values(client, demo, url, filterset):
    @FUZZ
    @given(params=params_strategy(list(filterset.base_filters)))
    def check(params):
        response = client.get(url, params)
        assert_no_server_error(response, url, params)
        if response.streaming:
            b"".join(response.streaming_content)

    check()


@pytest.mark.parametrize(("url", "names"), OTHER_GET_PAGES, ids=[u for u, _ in OTHER_GET_PAGES])
def test_other_pages_survive_hostile_values(client, demo, url, names):
    @FUZZ
    @given(params=params_strategy(names))
    def check(params):
        assert_no_server_error(client.get(url, params), url, params)

    check()


def public_pages_show_no_script(client):
    for url in ["/", "/cresi/formations/", "/europe/", "/recherche/?q=alert"]:
        assert SCRIPT not in client.get(url).text


def test_registration_form_survives_hostile_values(client, demo):
    session = TrainingSession.objects.published().upcoming().first()
    url = f"/cresi/formations/{session.slug}/inscription/"

    @FUZZ
    @given(
        name=hostile_text,
        email=st.one_of(hostile_text, st.emails()),
        organisation=hostile_text,
        phone=hostile_text,
        consent=st.sampled_from(["on", "", "yes", SCRIPT]),
        website=st.sampled_from(["", "", "", "http://spam.example"]),
    )
    @example(  # hostile but valid, whatever is drawn: a registration is stored and checked
        name=SCRIPT,
        email="awa@example.org",
        organisation=SCRIPT,
        phone="",
        consent="on",
        website="",
    )
    def check(**data):
        response = client.post(url, data)
        assert response.status_code in (200, 302, 429), data
        assert SCRIPT.encode() not in response.content

    check()
    registrations = list(Registration.objects.all())
    assert registrations, "some hostile but valid registrations are stored"
    public_pages_show_no_script(client)
    for registration in registrations:
        assert registration.email.count("@") == 1
        # The page of the emailed link shows what was typed, escaped.
        confirm = client.get(
            f"/cresi/formations/confirmation/{registration_confirm_token(registration)}/"
        )
        assert confirm.status_code == 200
        assert SCRIPT.encode() not in confirm.content


def test_support_request_form_survives_hostile_values(client, demo, admin_client):
    from europe.choices import Programme as EUProgramme
    from europe.choices import ProjectProgress as Progress
    from europe.choices import StructureKind

    def choice_or_hostile(choices):
        return st.one_of(st.sampled_from(choices.values), st.sampled_from(["", SCRIPT, "\x00"]))

    @FUZZ
    @given(
        structure_name=st.one_of(st.just(SCRIPT), hostile_text),
        structure_kind=choice_or_hostile(StructureKind),
        siret=st.one_of(st.just(""), hostile_text),
        rna=st.one_of(st.just(""), hostile_text),
        contact_name=st.one_of(st.just(SCRIPT), hostile_text),
        email=st.one_of(st.emails(), hostile_text),
        phone=st.one_of(st.just(""), st.just("01 60 91 91 91"), hostile_text),
        project_idea=st.one_of(st.just(SCRIPT), hostile_text),
        programme=choice_or_hostile(EUProgramme),
        progress=choice_or_hostile(Progress),
        consent=st.sampled_from(["on", "on", ""]),
    )
    @example(  # hostile but valid, whatever is drawn: a request is stored and checked
        structure_name=SCRIPT,
        structure_kind=StructureKind.ASSOCIATION,
        siret="",
        rna="W912001234",
        contact_name=SCRIPT,
        email="camille@example.org",
        phone="",
        project_idea=SCRIPT,
        programme=EUProgramme.values[0],
        progress=Progress.values[0],
        consent="on",
    )
    def check(**data):
        response = client.post("/europe/accompagnement/", data)
        assert response.status_code in (200, 302, 429), data
        assert SCRIPT.encode() not in response.content

    check()
    stored = list(SupportRequest.objects.all())
    assert stored, "some hostile but valid requests are stored"
    public_pages_show_no_script(client)
    for request in stored:
        assert "\x00" not in request.structure_name + request.project_idea
        # The page of the emailed link shows what was typed, escaped.
        confirm = client.get(
            f"/europe/accompagnement/confirmation/{support_request_confirm_token(request)}/"
        )
        assert confirm.status_code == 200
        assert SCRIPT.encode() not in confirm.content
    SupportRequest.objects.update(confirmed_at=timezone.now())  # staff see confirmed requests
    for request in stored:
        page = admin_client.get(f"/admin/europe/supportrequest/{request.pk}/change/")
        assert page.status_code == 200
        assert SCRIPT.encode() not in page.content


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    return client


def admin_changelists():
    from django.contrib import admin
    from django.urls import reverse

    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def admin_autocompletes():
    from django.contrib import admin

    return [
        {"app_label": model._meta.app_label, "model_name": model._meta.model_name, "field_name": f}
        for model, model_admin in admin.site._registry.items()
        for f in model_admin.autocomplete_fields
    ]


def test_the_admin_sweep_covers_every_list_and_autocomplete():
    assert len(admin_changelists()) >= 15
    assert len(admin_autocompletes()) >= 5


@pytest.mark.parametrize("value", NASTY, ids=range(len(NASTY)))
def test_admin_lists_and_autocompletes_never_fail_on_hostile_input(superuser_client, value):
    for url in admin_changelists():
        response = superuser_client.get(url, {"q": value, "o": value, "p": value})
        assert response.status_code in (200, 302, 400), (url, response.status_code)
    for parameters in admin_autocompletes():
        response = superuser_client.get("/admin/autocomplete/", {**parameters, "term": value})
        assert response.status_code in (200, 400), (parameters, response.status_code)
        if "\x00" in value:
            assert response.status_code == 400
