"""Every public filter and form, fed random and hostile values: never a 500, never a stored script.

Hypothesis draws values from a table of nasty inputs (SQL and HTML fragments, NUL bytes, huge
numbers, very long strings, odd Unicode) mixed with arbitrary text.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cooperation.filters import ActionFilter
from cresi.filters import CatalogueRecordFilter, ResourceFilter, TrainingSessionFilter
from cresi.models import Registration, TrainingSession
from europe.filters import EUProjectFilter
from europe.models import SupportRequest
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
        page = admin_client.get(f"/admin/europe/supportrequest/{request.pk}/change/")
        assert page.status_code == 200
        assert SCRIPT.encode() not in page.content
