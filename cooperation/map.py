"""The world map of the partner zones, drawn as SVG on the server.

The country shapes are Natural Earth's 1:110m countries as TopoJSON (``cooperation/data/``, see
its README). Decoding and projecting them is done once per process (``functools.cache``); a
request only looks up the shapes of its zones and projects their markers. The land itself, the
same on every page, is a static image (``LAND_FILE``, written by ``manage.py draw_zone_map``
from :func:`land_svg`): 42 KB the pages no longer carry (issue 18).
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LAND_FILE = Path(__file__).resolve().parent.parent / "static" / "img" / "zone-map-land.svg"
# The land's colours, as static/css/site.css gave them to the path the page used to hold.
LAND_STYLE = 'fill="#c5cdd4" stroke="#fff" stroke-width="0.6" stroke-linejoin="round"'
TOPOLOGY_FILE = DATA_DIR / "countries-110m.json"
COUNTRY_CODES_FILE = DATA_DIR / "country_codes.json"

WIDTH = 1000  # SVG user units across the map; the height follows from the projection
MARGIN = 24  # room around the land for the markers near the edges
SIMPLIFY_TOLERANCE = 1.5  # SVG units, about a pixel once the map is on screen

ESSONNE = (2.24, 48.53)  # longitude, latitude

EU_MEMBER_STATES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
# Zone codes that stand for several countries.
COUNTRY_GROUPS = {"EU": EU_MEMBER_STATES}

# Regions Natural Earth draws as part of another country: code -> (that country, bounding box
# as west, south, east, north). At 1:110m, French Guiana is one of the polygons of France.
OVERSEAS_REGIONS = {"GF": ("FR", (-55.0, 1.5, -51.0, 6.0))}

# Antarctica would take a fifth of the height for no partner.
LEFT_OUT = frozenset({"AQ"})


def natural_earth(longitude, latitude):
    """Natural Earth I projection (Šavrič et al., 2011): degrees to radians on the unit sphere."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (
        0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    )
    y = phi * (
        1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4))
    )
    return x, y


def decode_arcs(topology):
    """The topology's arcs as lists of (longitude, latitude), undoing quantisation and deltas."""
    transform = topology.get("transform")
    if transform is None:
        return [[tuple(point[:2]) for point in arc] for arc in topology["arcs"]]
    (scale_x, scale_y), (translate_x, translate_y) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def decode_ring(arc_indexes, arcs):
    """One closed ring: its arcs joined end to end, ``~i`` (negative) meaning arc i reversed."""
    ring = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Each arc starts where the previous one ended.
        ring.extend(points if not ring else points[1:])
    return ring


def decode_polygons(geometry, arcs):
    """A Polygon or MultiPolygon geometry as a list of polygons, each a list of rings."""
    if geometry["type"] == "Polygon":
        return [[decode_ring(ring, arcs) for ring in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[decode_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def simplify(points, tolerance):
    """Douglas-Peucker: the points of an open line without those less than ``tolerance`` away
    from the line their neighbours kept draw."""
    if len(points) < 3:
        return points
    (x0, y0), (x1, y1) = points[0], points[-1]
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    farthest, index = 0.0, 0
    for position, (x, y) in enumerate(points[1:-1], 1):
        if length:
            distance = abs(dy * (x - x0) - dx * (y - y0)) / length
        else:
            distance = math.hypot(x - x0, y - y0)
        if distance > farthest:
            farthest, index = distance, position
    if farthest <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def simplify_ring(points, tolerance):
    """A closed ring (first point not repeated) simplified in two halves, so that its ends are
    two points far apart."""
    if len(points) < 4:
        return points
    half = len(points) // 2
    first = simplify(points[: half + 1], tolerance)
    second = simplify([*points[half:], points[0]], tolerance)
    return first[:-1] + second[:-1]


def _clip(points, inside, boundary):
    """The part of an open ring on one side of the meridian ``boundary`` (Sutherland-Hodgman)."""
    clipped = []
    for previous, current in zip(points[-1:] + points[:-1], points, strict=True):
        if inside(current[0]) != inside(previous[0]):
            (lon0, lat0), (lon1, lat1) = previous, current
            latitude = lat0 + (lat1 - lat0) * (boundary - lon0) / (lon1 - lon0)
            clipped.append((boundary, latitude))
        if inside(current[0]):
            clipped.append(current)
    return clipped


def split_at_antimeridian(ring):
    """A closed ring as one or more closed rings that do not cross longitude ±180.

    TopoJSON keeps Russia's and Fiji's rings whole across the antimeridian; drawn as they are,
    they would streak across the map. The ring is unwrapped into continuous longitudes, then
    cut into its part within [-180, 180] and its part beyond, brought back by 360°.
    """
    unwrapped = [ring[0]]
    offset = 0
    for (lon0, _), (lon1, lat1) in itertools.pairwise(ring):
        if lon1 - lon0 > 180:
            offset -= 360
        elif lon1 - lon0 < -180:
            offset += 360
        unwrapped.append((lon1 + offset, lat1))
    if offset or all(-180 <= longitude <= 180 for longitude, _ in unwrapped):
        return [ring]  # does not cross, or goes round a pole (Antarctica): left as it is
    rings = []
    for shift in (-360, 0, 360):
        points = [(longitude + shift, latitude) for longitude, latitude in unwrapped[:-1]]
        points = _clip(points, lambda longitude: longitude >= -180, -180)
        points = _clip(points, lambda longitude: longitude <= 180, 180)
        if len(points) >= 3:
            rings.append([*points, points[0]])
    return rings


def _inside(polygon, box):
    west, south, east, north = box
    outer = polygon[0]
    longitude = sum(point[0] for point in outer) / len(outer)
    latitude = sum(point[1] for point in outer) / len(outer)
    return west <= longitude <= east and south <= latitude <= north


@cache
def country_polygons():
    """Polygons in degrees per ISO 3166-1 alpha-2 code (shapes without a code keyed by name)."""
    topology = json.loads(TOPOLOGY_FILE.read_text())
    alpha2 = json.loads(COUNTRY_CODES_FILE.read_text())
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id"), geometry["properties"]["name"])
        polygons = [
            [piece for ring in polygon for piece in split_at_antimeridian(ring)]
            for polygon in decode_polygons(geometry, arcs)
        ]
        countries.setdefault(code, []).extend(polygons)
    for region, (country, box) in OVERSEAS_REGIONS.items():
        polygons = countries.get(country, [])
        countries[region] = [polygon for polygon in polygons if _inside(polygon, box)]
        countries[country] = [polygon for polygon in polygons if not _inside(polygon, box)]
    return countries


@dataclass(frozen=True)
class Frame:
    """Where the projection lands in the SVG's user units."""

    left: float
    top: float
    scale: float
    width: float
    height: float

    def point(self, longitude, latitude):
        x, y = natural_earth(longitude, latitude)
        return (x - self.left) * self.scale, (self.top - y) * self.scale

    def marker(self, longitude, latitude):
        """A point kept inside the map, so that a marker is always seen."""
        x, y = self.point(longitude, latitude)
        return (
            min(max(x, MARGIN), self.width - MARGIN),
            min(max(y, MARGIN), self.height - MARGIN),
        )

    def path(self, polygons):
        """SVG path data of polygons, one closed subpath per ring, in whole units.

        Each ring is written as relative moves (``M12 34l3-2 4 5…z``) between points rounded to
        the unit, about a third of the size of absolute coordinates with a decimal, without the
        points that move the outline by less than ``SIMPLIFY_TOLERANCE`` (half the size again).
        """
        parts = []
        for polygon in polygons:
            for ring in polygon:
                points = []
                for longitude, latitude in ring[:-1]:
                    x, y = self.point(longitude, latitude)
                    point = round(x), round(y)
                    if not points or points[-1] != point:
                        points.append(point)
                points = simplify_ring(points, SIMPLIFY_TOLERANCE)
                if len(points) < 3:
                    continue  # an islet smaller than a unit
                moves = " ".join(
                    f"{x1 - x0}{'' if y1 < y0 else ' '}{y1 - y0}"
                    for (x0, y0), (x1, y1) in itertools.pairwise(points)
                )
                parts.append(f"M{points[0][0]} {points[0][1]}l{moves}z")
        return "".join(parts)


@dataclass(frozen=True)
class BaseMap:
    width: int
    height: int
    frame: Frame
    land: str  # path data of every country drawn
    countries: dict  # alpha-2 code -> path data


@cache
def base_map():
    """Every country projected once per process: the part of the map that never changes."""
    polygons = {code: p for code, p in country_polygons().items() if code not in LEFT_OUT}
    xs, ys = [], []
    for country in polygons.values():
        for polygon in country:
            for longitude, latitude in polygon[0]:
                x, y = natural_earth(longitude, latitude)
                xs.append(x)
                ys.append(y)
    scale = (WIDTH - 2 * MARGIN) / (max(xs) - min(xs))
    height = round((max(ys) - min(ys)) * scale + 2 * MARGIN)
    frame = Frame(
        left=min(xs) - MARGIN / scale,
        top=max(ys) + MARGIN / scale,
        scale=scale,
        width=WIDTH,
        height=height,
    )
    countries = {code: frame.path(country) for code, country in polygons.items()}
    return BaseMap(
        width=WIDTH,
        height=height,
        frame=frame,
        land="".join(countries.values()),
        countries=countries,
    )


def land_svg():
    """The SVG document of the land behind every zone map (``LAND_FILE``)."""
    base = base_map()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {base.width} {base.height}" '
        f'width="{base.width}" height="{base.height}">'
        f'<path {LAND_STYLE} d="{base.land}"/></svg>\n'
    )


@dataclass(frozen=True)
class MapZone:
    zone: object
    number: int
    path: str  # path data of the zone's country or countries, empty if not on the map
    x: float
    y: float


@dataclass(frozen=True)
class ZoneMap:
    width: int
    height: int
    land: str
    zones: list
    essonne: tuple


def zone_countries(zones):
    """Alpha-2 codes to highlight per zone; a group leaves out the countries zones of their own."""
    own = {zone.country_code for zone in zones}
    return [
        sorted(COUNTRY_GROUPS[zone.country_code] - own)
        if zone.country_code in COUNTRY_GROUPS
        else [zone.country_code]
        for zone in zones
    ]


def zone_map(zones):
    """The map of the given zones (drafts left out), numbered in the order given."""
    base = base_map()
    zones = [zone for zone in zones if zone.is_published]
    items = []
    for number, (zone, codes) in enumerate(zip(zones, zone_countries(zones), strict=True), 1):
        x, y = base.frame.marker(float(zone.longitude), float(zone.latitude))
        path = "".join(base.countries.get(code, "") for code in codes)
        items.append(MapZone(zone=zone, number=number, path=path, x=_round(x), y=_round(y)))
    return ZoneMap(
        width=base.width,
        height=base.height,
        land=base.land,
        zones=items,
        essonne=tuple(_round(v) for v in base.frame.marker(*ESSONNE)),
    )


def _round(value):
    return round(value, 1)
