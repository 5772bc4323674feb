"""Issue 18: the home page and the list of zones cost little more with 50 zones than with 10.

What is asserted does not depend on the load of the machine: the size of the HTML, the number
of queries, and the number of Python function calls and ``reverse()`` calls a page makes
(cProfile counts them exactly), never a time.
"""

import cProfile
import io
import pstats
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.templatetags.static import static

from bench import dataset
from cooperation import map as zone_maps
from cooperation.choices import ZoneKind
from tests.factories import ActionFactory, ZoneFactory

# Countries spread over the map, big ones included.
COUNTRIES = [
    *[
        "ML",
        "SN",
        "BF",
        "NE",
        "MR",
        "GN",
        "TG",
        "BJ",
        "CM",
        "MG",
        "MA",
        "TN",
        "DZ",
        "EG",
        "PS",
        "KH",
        "VN",
        "LA",
        "TH",
        "IN",
        "CN",
        "RU",
        "US",
        "CA",
        "BR",
        "AR",
    ],
    *[
        "CL",
        "PE",
        "CO",
        "MX",
        "HT",
        "CU",
        "DO",
        "VE",
        "BO",
        "EC",
        "PY",
        "UY",
        "GB",
        "DE",
        "IT",
        "ES",
        "PT",
        "PL",
        "RO",
        "KE",
        "ET",
        "TZ",
        "EU",
    ],
]


def make_zones(count, start=0):
    return [
        ZoneFactory(
            name=f"Région partenaire numéro {number}",
            slug=f"region-partenaire-{number}",
            country_code=COUNTRIES[number % len(COUNTRIES)],
            kind=list(ZoneKind)[number % len(ZoneKind)],
            since_year=1990 + number % 30,
            summary=(
                f"Le Département et la région partenaire numéro {number} coopèrent pour l'accès "
                "à l'eau et l'agriculture."
            ),
            latitude=Decimal(-40 + number),
            longitude=Decimal(-100 + 4 * number),
        )
        for number in range(start, start + count)
    ]


def profile(client, url):
    """(response, function calls, ``reverse()`` calls) of one request, after a first one."""
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    response = client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler)
    reverses = sum(
        calls[1]
        for (filename, _line, name), calls in stats.stats.items()
        if name == "reverse" and filename.replace("\\", "/").endswith("django/urls/base.py")
    )
    return response, stats.total_calls, reverses


def test_the_land_file_is_the_one_the_data_draws():
    """``static/img/zone-map-land.svg`` is written by ``manage.py draw_zone_map``: run it when
    ``cooperation/data/`` or the projection changes."""
    assert zone_maps.LAND_FILE.read_text(encoding="utf-8") == zone_maps.land_svg()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/cooperation/"])
class TestFiftyZones:
    def test_the_land_is_an_image_the_page_does_not_carry(self, client, url):
        make_zones(3)
        html = client.get(url).text
        assert zone_maps.base_map().land not in html
        assert f'<image class="zone-map__land" href="{static("img/zone-map-land.svg")}"' in html

    def test_the_html_of_the_benchmark_s_fifty_zones_stays_under_60_kb(self, client, url):
        call_command("load_demo", stdout=io.StringIO())
        rng = random.Random(dataset.SEED)
        for _label, step in dataset.STEPS[:3]:  # zones, their partners and actions
            step(rng, dataset.LARGE)
        response = client.get(url)
        assert response.content.count(b'<article class="card">') == 50
        assert len(response.content) < 60_000

    def test_each_zone_costs_a_few_function_calls_and_no_reverse(self, client, url):
        make_zones(10)
        _response, calls_10, reverses_10 = profile(client, url)
        make_zones(40, start=10)
        response, calls_50, reverses_50 = profile(client, url)
        assert response.content.count(b'<article class="card">') == 50
        # One reverse() per page for the zones' links, however many zones.
        assert reverses_50 == reverses_10
        # Each zone (a card, a link on the map, a line of the legend) costs a few hundred
        # calls: Django's template engine took about 2 000 (issue 18).
        assert (calls_50 - calls_10) / 40 < 400, (calls_10, calls_50)


@pytest.mark.django_db
class TestZoneCards:
    def test_a_card_shows_the_zone_its_kind_year_summary_and_actions(self, client):
        zone = ZoneFactory(
            name="Région de Kayes",
            slug="kayes",
            kind=ZoneKind.EMERGENCY_AID,
            since_year=2004,
            summary="L'eau & l'école <à> Kayes.",
        )
        ActionFactory.create_batch(2, zone=zone)
        ActionFactory(zone=zone, is_published=False)
        lonely = ZoneFactory(name="Sans action", slug="sans-action", since_year=None)
        single = ZoneFactory(name="Une action", slug="une-action", since_year=1999)
        ActionFactory(zone=single)
        for url, level in (("/", "3"), ("/cooperation/", "2")):
            html = client.get(url).text
            assert (
                f'<article class="card"><h{level} class="card__title">'
                f'<a href="/cooperation/kayes/">Région de Kayes</a></h{level}>'
                '<p class="card__meta">Aide d&#x27;urgence · depuis 2004</p>'
                "<p>L&#x27;eau &amp; l&#x27;école &lt;à&gt; Kayes.</p>"
                '<p class="card__meta">2 actions</p></article>'
            ) in html
            assert (
                f'<a href="/cooperation/sans-action/">Sans action</a></h{level}>'
                '<p class="card__meta">Coopération décentralisée</p>'
                "<p>Résumé de Sans action</p></article>"
            ) in html
            assert '<p class="card__meta">1 action</p>' in html
        assert lonely.get_absolute_url() == "/cooperation/sans-action/"

    def test_in_english_a_card_is_translated_and_french_fallbacks_are_marked(self, client):
        ZoneFactory(
            name="Mali", summary="Résumé", summary_en="Summary", slug="mali", since_year=2000
        )
        ZoneFactory(name="Haïti", name_en="Haiti", summary="Résumé", slug="haiti")
        html = client.get("/en/").text
        assert (
            '<a href="/en/cooperation/mali/"><span lang="fr">Mali</span></a></h3>'
            '<p class="card__meta">Decentralised cooperation · since 2000</p>'
            "<p>Summary</p>"
        ) in html
        assert (
            '<a href="/en/cooperation/haiti/">Haiti</a></h3>'
            '<p class="card__meta">Decentralised cooperation</p>'
            '<p><span lang="fr">Résumé</span></p>'
        ) in html
