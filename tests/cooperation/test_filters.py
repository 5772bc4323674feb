import pytest

from cooperation.choices import Domain
from cooperation.filters import ActionFilter
from cooperation.models import Action
from tests.factories import ActionFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def filtered(params):
    filterset = ActionFilter(params, queryset=Action.objects.published())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def test_zone_filters_by_slug():
    mali = ZoneFactory(slug="mali")
    in_mali = ActionFactory(zone=mali)
    ActionFactory()
    assert filtered({"zone": "mali"}) == {in_mali}


def test_domaine_filters_by_domain():
    culture = ActionFactory(domain=Domain.CULTURE)
    ActionFactory(domain=Domain.ENVIRONMENT)
    assert filtered({"domaine": "culture"}) == {culture}


def test_annee_keeps_actions_running_that_year():
    running = ActionFactory(start_year=2009, end_year=2011)
    ActionFactory(start_year=2012, end_year=2013)
    assert filtered({"annee": "2010"}) == {running}


def test_q_searches_words():
    water = ActionFactory(title="Accès à l'eau")
    ActionFactory(title="Résidences d'artistes")
    assert filtered({"q": "  eau "}) == {water}


def test_filters_combine():
    mali = ZoneFactory(slug="mali")
    wanted = ActionFactory(zone=mali, domain=Domain.EDUCATION, start_year=2010, end_year=2010)
    ActionFactory(zone=mali, domain=Domain.CULTURE, start_year=2010, end_year=2010)
    ActionFactory(domain=Domain.EDUCATION, start_year=2010, end_year=2010)
    assert filtered({"zone": "mali", "domaine": "education", "annee": "2010"}) == {wanted}


def test_empty_values_filter_nothing():
    actions = set(ActionFactory.create_batch(3))
    assert filtered({"zone": "", "domaine": "", "annee": "", "q": ""}) == actions


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"zone": "nope"}, "zone"),
        ({"domaine": "astrologie"}, "domaine"),
        ({"annee": "abc"}, "annee"),
        ({"annee": "2010.5"}, "annee"),
        ({"annee": "99999999999999999999"}, "annee"),
        ({"annee": "1200"}, "annee"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_values_are_form_errors(params, field):
    filterset = ActionFilter(params, queryset=Action.objects.all())
    assert not filterset.is_valid()
    assert field in filterset.errors


def test_zone_choices_exclude_draft_zones():
    ZoneFactory(slug="brouillon", is_published=False)
    filterset = ActionFilter({"zone": "brouillon"}, queryset=Action.objects.all())
    assert "zone" in filterset.errors
