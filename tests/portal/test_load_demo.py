from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from cooperation.choices import Domain
from cooperation.models import Action, EmergencyAid, Partner, Zone

pytestmark = pytest.mark.django_db


def snapshot():
    """Every demo record of every app with its last change: a second run must touch none."""
    return {
        model._meta.label: sorted(model.objects.values_list("pk", "updated_at"))
        for model in apps.get_models()
        if model._meta.app_label in {"cooperation", "subsidies", "cresi", "europe"}
        and any(field.name == "updated_at" for field in model._meta.fields)
    }


def test_load_demo_holds_the_seed_facts(demo):
    assert set(Zone.objects.published().values_list("slug", flat=True)) >= {
        "mali",
        "haiti",
        "guyane",
        "wuhan-hubei",
        "europe",
    }
    wuhan = Zone.objects.get(slug="wuhan-hubei")
    assert "Hubei" in wuhan.name
    assert wuhan.partners.filter(kind="cluster").count() == 3
    mali_domains = set(
        Action.objects.published().filter(zone__slug="mali").values_list("domain", flat=True)
    )
    assert {
        Domain.CULTURE,
        Domain.ECONOMIC_SOCIAL,
        Domain.EDUCATION,
        Domain.ENVIRONMENT,
    } <= mali_domains
    aids = EmergencyAid.objects.published()
    assert aids.filter(zone__slug="haiti").exists()
    tsunami = aids.get(country_code="TH")
    assert tsunami.year == 2004
    assert Action.objects.published().totals()["contribution"] > Decimal("0")


def test_load_demo_twice_changes_nothing(demo):
    counts = {m.__name__: m.objects.count() for m in (Zone, Partner, Action, EmergencyAid)}
    first = snapshot()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert {m.__name__: m.objects.count() for m in (Zone, Partner, Action, EmergencyAid)} == counts
    assert snapshot() == first, "a second run must not even touch updated_at"
    assert "chargé" in out.getvalue()
