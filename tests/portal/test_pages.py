from decimal import Decimal

import pytest

from core.templatetags.formatting import euros
from tests.factories import ActionFactory, ZoneFactory

pytestmark = pytest.mark.django_db


def test_home_shows_pillars_zones_and_computed_figures(client):
    mali = ZoneFactory(name="Mali")
    ZoneFactory(name="Zone cachée", is_published=False)
    ActionFactory(zone=mali, budget=None, contribution=Decimal("250000"))
    ActionFactory(zone=mali, budget=None, contribution=Decimal("120000"))
    ActionFactory(zone=mali, contribution=Decimal("999"), is_published=False)
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert "La coopération décentralisée" in page
    assert "Une présence économique en Chine" in page
    assert (
        "Un partenariat actif avec l'Europe" in page
        or "Un partenariat actif avec l&#x27;Europe" in page
    )
    assert "Mali" in page and "Zone cachée" not in page
    figures = response.context["figures"]
    assert (figures.zone_count, figures.action_count) == (1, 2)
    assert figures.total_contribution == Decimal("370000")
    assert "370\xa0000\xa0€" in page


def test_base_layout_is_french_with_skip_link_and_navigation(client):
    page = client.get("/").text
    assert '<html lang="fr">' in page
    assert 'href="#contenu"' in page and 'id="contenu"' in page
    assert "Département de l&#x27;Essonne" in page
    assert 'href="/cooperation/"' in page
    for link in [
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/accessibilite/",
        "/plan-du-site/",
    ]:
        assert f'href="{link}"' in page


def test_english_prefix_sets_the_language(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text


@pytest.mark.parametrize(
    "url", ["/mentions-legales/", "/donnees-personnelles/", "/accessibilite/", "/plan-du-site/"]
)
def test_legal_pages_answer(client, url):
    assert client.get(url).status_code == 200


def test_site_map_lists_every_published_zone_and_action(client):
    ActionFactory(title="Puits", zone=ZoneFactory(name="Mali"))
    ActionFactory(title="Brouillon", is_published=False)
    page = client.get("/plan-du-site/").text
    assert "Puits" in page and "Mali" in page and "Brouillon" not in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("880000"), "880\xa0000\xa0€"),
        (Decimal("568500.00"), "568\xa0500\xa0€"),
        (Decimal("1234.5"), "1\xa0234,50\xa0€"),
        (Decimal("0"), "0\xa0€"),
        (None, ""),
        ("pas un nombre", ""),
    ],
)
def test_euros_filter_formats_the_french_way(value, expected):
    assert euros(value) == expected


def test_home_query_count_does_not_grow_with_zones(client, django_assert_max_num_queries):
    from core.content_version import content_version

    for zone in ZoneFactory.create_batch(20):
        ActionFactory(zone=zone)
    content_version()  # read once a second per process, not per page
    # 6, and 2 for the home page's photo and the latest news ({% home_photos %}, {% latest_news %}).
    with django_assert_max_num_queries(8):
        assert client.get("/").status_code == 200
