import itertools
import math
import re
from decimal import Decimal

import pytest

from cooperation import map as zone_maps
from tests.factories import ZoneFactory

SUBPATH = re.compile(r"M(-?\d+) (-?\d+)l([^Mz]*)z")


def subpaths(path_data):
    """The absolute points of each ``M x y l dx dy … z`` subpath that ``Frame.path`` writes."""
    rings = []
    for x, y, moves in SUBPATH.findall(path_data):
        points = [(int(x), int(y))]
        numbers = [int(n) for n in re.findall(r"-?\d+", moves)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            points.append((points[-1][0] + dx, points[-1][1] + dy))
        rings.append(points)
    return rings


def contains(ring, point):
    """Ray casting: is ``point`` inside the closed ``ring``?"""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


class TestProjection:
    def test_known_points(self):
        assert zone_maps.natural_earth(0, 0) == (0, 0)
        x, y = zone_maps.natural_earth(180, 0)
        assert x == pytest.approx(0.8707 * math.pi) and y == 0
        assert zone_maps.natural_earth(0, 90)[1] == pytest.approx(1.4224, abs=1e-4)
        x, y = zone_maps.natural_earth(-72.3, -18.5)
        assert (-x, -y) == pytest.approx(zone_maps.natural_earth(72.3, 18.5))

    def test_frame_puts_north_up_and_east_right_inside_the_view_box(self):
        frame = zone_maps.base_map().frame
        bamako = frame.point(-8.0, 12.6)
        wuhan = frame.point(114.3, 30.6)
        assert wuhan[0] > bamako[0] and wuhan[1] < bamako[1]
        for x, y in (bamako, wuhan, frame.point(*zone_maps.ESSONNE)):
            assert 0 < x < frame.width and 0 < y < frame.height

    def test_marker_far_out_is_kept_on_the_map(self):
        base = zone_maps.base_map()
        x, y = base.frame.marker(0, -89)
        assert y == base.height - zone_maps.MARGIN and x == pytest.approx(base.width / 2, abs=10)


class TestTopoJSONDecoding:
    TOPOLOGY = {
        "transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
    }

    def test_arcs_undo_deltas_and_quantisation(self):
        arcs = zone_maps.decode_arcs(self.TOPOLOGY)
        assert arcs[0] == [(-10, 20), (-8, 20), (-8, 21)]
        assert arcs[1] == [(-8, 21), (-10, 21), (-10, 20)]

    def test_ring_joins_arcs_and_reverses_negative_ones(self):
        arcs = zone_maps.decode_arcs(self.TOPOLOGY)
        assert zone_maps.decode_ring([0, 1], arcs) == [
            (-10, 20),
            (-8, 20),
            (-8, 21),
            (-10, 21),
            (-10, 20),
        ]
        assert zone_maps.decode_ring([~1], arcs) == [(-10, 20), (-10, 21), (-8, 21)]

    def test_mali_is_one_closed_ring_where_mali_is(self):
        (polygon,) = zone_maps.country_polygons()["ML"]
        (ring,) = polygon
        assert ring[0] == ring[-1] and len(ring) > 10
        longitudes = [lon for lon, _ in ring]
        latitudes = [lat for _, lat in ring]
        assert -12.5 < min(longitudes) < max(longitudes) < 4.5
        assert 10 < min(latitudes) < max(latitudes) < 25.1
        assert contains(ring, (-8.0, 12.6))  # Bamako

    def test_mali_path_is_closed_and_holds_bamako(self):
        base = zone_maps.base_map()
        path = base.countries["ML"]
        assert path.startswith("M") and path.endswith("z") and path.count("M") == 1
        (ring,) = subpaths(path)
        assert contains(ring, base.frame.point(-8.0, 12.6))

    def test_french_guiana_is_cut_out_of_france(self):
        countries = zone_maps.country_polygons()
        (guiana,) = countries["GF"]
        assert all(-55 < lon < -51 and 2 < lat < 6 for lon, lat in guiana[0])
        assert all(lon > -10 for polygon in countries["FR"] for lon, _ in polygon[0])
        base = zone_maps.base_map()
        essonne = base.frame.point(*zone_maps.ESSONNE)
        assert any(contains(ring, essonne) for ring in subpaths(base.countries["FR"]))

    def test_rings_across_the_antimeridian_are_cut(self):
        russia = zone_maps.country_polygons()["RU"]
        # Cut, not dropped: pieces on both sides of the antimeridian.
        assert {lon for polygon in russia for ring in polygon for lon, _ in ring} >= {-180, 180}
        for polygon in russia:
            for ring in polygon:
                assert all(-180 <= lon <= 180 for lon, _ in ring)
                assert ring[0] == ring[-1]
                for (lon0, _), (lon1, _) in itertools.pairwise(ring):
                    assert abs(lon1 - lon0) < 180
        base = zone_maps.base_map()
        rings = subpaths(base.countries["RU"]) + subpaths(base.countries["FJ"])
        assert rings
        for ring in rings:
            for (x0, _), (x1, _) in itertools.pairwise(ring):
                assert abs(x1 - x0) < base.width / 4

    def test_every_country_has_an_iso_code_and_antarctica_is_left_out(self):
        base = zone_maps.base_map()
        assert {"ML", "HT", "CN", "FR", "GF", "DE"} <= base.countries.keys()
        assert "AQ" not in base.countries
        assert base.land.count("M") == sum(path.count("M") for path in base.countries.values())


class TestZoneMap:
    def test_zones_are_numbered_highlighted_and_marked(self):
        mali = ZoneFactory.build(country_code="ML", latitude=Decimal("12.6"))
        haiti = ZoneFactory.build(country_code="HT", latitude=Decimal("18.5"))
        result = zone_maps.zone_map([mali, haiti])
        assert [item.zone for item in result.zones] == [mali, haiti]
        assert [item.number for item in result.zones] == [1, 2]
        base = zone_maps.base_map()
        assert result.zones[0].path == base.countries["ML"]
        assert result.zones[1].path == base.countries["HT"]
        assert (result.zones[0].x, result.zones[0].y) == pytest.approx(
            base.frame.point(-8.0, 12.6), abs=0.1
        )
        assert result.essonne == pytest.approx(base.frame.point(2.24, 48.53), abs=0.1)

    def test_drafts_are_left_out(self):
        draft = ZoneFactory.build(country_code="HT", is_published=False)
        result = zone_maps.zone_map([ZoneFactory.build(), draft])
        assert [item.zone.country_code for item in result.zones] == ["ML"]

    def test_europe_highlights_the_member_states_but_a_zone_of_their_own(self):
        europe = ZoneFactory.build(country_code="EU")
        germany = ZoneFactory.build(country_code="DE")
        assert zone_maps.zone_countries([europe]) == [sorted(zone_maps.EU_MEMBER_STATES)]
        eu_codes, de_codes = zone_maps.zone_countries([europe, germany])
        assert "DE" not in eu_codes and "FR" in eu_codes and de_codes == ["DE"]
        path = zone_maps.zone_map([europe]).zones[0].path
        assert zone_maps.base_map().countries["FR"] in path
        assert zone_maps.base_map().countries["GF"] not in path

    def test_a_country_too_small_for_the_map_still_gets_its_marker(self):
        tuvalu = ZoneFactory.build(
            country_code="TV", latitude=Decimal("-8.5"), longitude=Decimal("179.2")
        )
        (item,) = zone_maps.zone_map([tuvalu]).zones
        assert item.path == ""
        assert 0 < item.x < zone_maps.WIDTH


def map_section(html):
    svg = html[html.index('<svg class="zone-map__svg"') : html.index("</svg>")]
    legend = html[html.index('<ol class="zone-map__list"') :]
    legend = legend[: legend.index("</ol>")]
    return svg, legend


# The queries of each page showing the map, whatever the number of zones.
# The home page: 7, and 2 for its photo and the latest news ({% home_photos %}, {% latest_news %}).
PAGE_QUERIES = {"/": 9, "/cooperation/": 2}


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGE_QUERIES)
class TestMapOnPages:
    def test_partner_countries_are_linked_and_drafts_are_not(self, client, url):
        mali = ZoneFactory(name="Mali", slug="mali", country_code="ML")
        europe = ZoneFactory(name="Europe", slug="europe", country_code="EU")
        draft = ZoneFactory(
            name="Brouillon", slug="brouillon", country_code="HT", is_published=False
        )
        svg, legend = map_section(client.get(url).text)
        base = zone_maps.base_map()
        for zone in (mali, europe):
            link = f'<a class="zone-map__zone" href="{zone.get_absolute_url()}">'
            assert svg.count(link) == 1
            assert f'href="{zone.get_absolute_url()}"' in legend
        assert f'd="{base.countries["ML"]}"' in svg
        assert base.countries["DE"] in svg
        assert draft.get_absolute_url() not in svg and "Brouillon" not in legend
        assert f'd="{base.countries["HT"]}"' not in svg
        assert "<title>2. Mali – coopération décentralisée</title>" in svg

    def test_essonne_is_marked_and_the_list_has_every_published_zone(self, client, url):
        zones = [ZoneFactory(name=f"Zone {n}", slug=f"zone-{n}") for n in range(4)]
        svg, legend = map_section(client.get(url).text)
        assert ">Essonne</text>" in svg and 'class="zone-map__star"' in svg
        assert "<title" in svg and "<desc" in svg and 'role="group"' in svg
        assert legend.count("<li>") == len(zones)
        for zone in zones:
            assert f'<a href="{zone.get_absolute_url()}">{zone.name}</a>' in legend

    def test_coordinates_are_not_localised(self, client, url):
        ZoneFactory(latitude=Decimal("12.63900"), longitude=Decimal("-8.00290"))
        svg, _ = map_section(client.get(url).text)
        assert re.search(r'viewBox="0 0 1000 \d+"', svg)
        assert re.search(r'transform="translate\(\d+\.?\d* \d+\.?\d*\)"', svg)

    def test_the_map_adds_no_query_per_zone(
        self, client, url, django_assert_max_num_queries, django_assert_num_queries
    ):
        ZoneFactory.create_batch(2, country_code="CN")
        with django_assert_max_num_queries(PAGE_QUERIES[url]) as few:
            client.get(url)
        ZoneFactory.create_batch(8, country_code="EU")
        with django_assert_num_queries(len(few)):
            client.get(url)


@pytest.mark.django_db
def test_building_the_map_of_fetched_zones_makes_no_query(django_assert_num_queries):
    ZoneFactory.create_batch(3)
    zones = list(ZoneFactory._meta.model.objects.published())
    with django_assert_num_queries(0):
        zone_maps.zone_map(zones)
