import pytest

from europe.choices import Programme, ProjectStatus
from europe.filters import EUProjectFilter
from europe.models import EUProject

from .factories import EUProjectFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def filtered(params):
    filterset = EUProjectFilter(params, queryset=EUProject.objects.published())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs)


def test_programme_filters_by_programme():
    life = EUProjectFactory(programme=Programme.LIFE)
    EUProjectFactory(programme=Programme.INTERREG)
    assert filtered({"programme": "life"}) == {life}


def test_statut_filters_by_status():
    running = EUProjectFactory(status=ProjectStatus.RUNNING)
    EUProjectFactory(status=ProjectStatus.SUBMITTED)
    assert filtered({"statut": "running"}) == {running}


def test_theme_filters_by_theme_slug():
    climate = ThemeFactory(slug="climat")
    in_theme = EUProjectFactory(themes=[climate, ThemeFactory(slug="culture")])
    EUProjectFactory(themes=[ThemeFactory(slug="jeunesse")])
    assert filtered({"theme": "climat"}) == {in_theme}


def test_q_searches_words():
    climate = EUProjectFactory(name="Climate", summary="Plans climat")
    EUProjectFactory(name="Cinessonne", summary="Cinéma")
    assert filtered({"q": "  climat  "}) == {climate}


def test_filters_combine():
    theme = ThemeFactory(slug="climat")
    wanted = EUProjectFactory(programme="life", status="running", themes=[theme])
    EUProjectFactory(programme="life", status="closed", themes=[theme])
    EUProjectFactory(programme="interreg", status="running", themes=[theme])
    EUProjectFactory(programme="life", status="running")
    assert filtered({"programme": "life", "statut": "running", "theme": "climat"}) == {wanted}


def test_empty_values_filter_nothing():
    projects = set(EUProjectFactory.create_batch(3))
    assert filtered({"programme": "", "statut": "", "theme": "", "q": ""}) == projects


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"programme": "astrologie"}, "programme"),
        ({"programme": "LIFE"}, "programme"),
        ({"statut": "perdu"}, "statut"),
        ({"statut": "Running"}, "statut"),
        ({"theme": "inconnu"}, "theme"),
        ({"theme": "<script>"}, "theme"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_bad_values_are_form_errors(params, field):
    filterset = EUProjectFilter(params, queryset=EUProject.objects.all())
    assert not filterset.is_valid()
    assert field in filterset.errors
