from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from calls.choices import ApplicationStatus
from calls.demo import OPEN_SLUG, PAST_SLUG
from calls.models import Application, Call
from subsidies.models import Subsidy

pytestmark = pytest.mark.django_db


def test_the_2010_call_funds_the_2010_decisions_with_their_own_figures(demo, client):
    call = Call.objects.get(slug=PAST_SLUG)
    funded = list(Application.objects.for_call(call).funded_projects())
    decisions = Subsidy.objects.published().for_year(2010)
    assert {application.subsidy for application in funded} == set(decisions)
    assert call.envelope == decisions.granted_total()
    page = client.get(call.get_absolute_url()).content.decode()
    total = decisions.totals()
    assert f"{total['count']} projets financés" in page
    assert "568\u00a0500\u00a0€ au total" in page


def test_the_open_call_opens_the_day_the_demo_is_loaded_with_two_applications(demo):
    call = Call.objects.get(slug=OPEN_SLUG)
    assert timezone.localdate(call.opens_at) == timezone.localdate()
    assert call.is_open()
    statuses = sorted(Application.objects.for_call(call).values_list("status", flat=True))
    assert statuses == [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED]
    submitted = Application.objects.get(call=call, status=ApplicationStatus.SUBMITTED)
    assert submitted.submission_errors() == {}


def test_a_second_load_writes_nothing(demo):
    before = {model: list(model.objects.order_by("pk").values()) for model in (Call, Application)}
    call_command("load_demo", stdout=StringIO())
    after = {model: list(model.objects.order_by("pk").values()) for model in (Call, Application)}
    assert after == before


def test_calls_are_found_by_the_site_search_and_listed_in_the_sitemap(demo, client):
    page = client.get("/recherche/?q=solidarité").content.decode()
    assert f"/appels-a-projets/{PAST_SLUG}/" in page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/appels-a-projets/{PAST_SLUG}/" in sitemap
