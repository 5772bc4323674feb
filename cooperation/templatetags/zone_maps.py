from django import template
from django.templatetags.static import static
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

from cooperation.map import zone_map as build_zone_map
from core.templatetags.formatting import localized, localized_text

register = template.Library()

# One zone on the map: a link holding the zone's country and its numbered marker. Written out
# here rather than in a loop of the template: with 50 zones, the template engine's lookups cost
# more than the rest of the page (issue 18).
MAP_ZONE = (
    '<a class="zone-map__zone" href="{url}"><title>{number}. {name} – {kind}</title>{country}'
    '<g transform="translate({x} {y})"><g class="zone-map__marker"><use href="#zone-map-pin"/>'
    '<circle class="zone-map__badge" cy="-21" r="11"/>'
    '<text class="zone-map__number" y="-21" aria-hidden="true">{number}</text></g></g></a>\n'
)
MAP_COUNTRY = '<path class="zone-map__country" d="{}"/>'
LEGEND_ITEM = (
    # Its number, the map's, is the list's own (drawn by the style sheet: no markup per zone).
    '<li><a href="{url}">{name}</a> <small>{kind}</small></li>\n'
)


@register.inclusion_tag("includes/zone_map.html")
def zone_map(zones):
    """The map of ``zones`` (already fetched by the view: no query of its own) and their list.

    The land, the same on every page, is a static SVG image (``static/img/zone-map-land.svg``,
    drawn by ``manage.py draw_zone_map``); the page holds only its zones."""
    drawn = build_zone_map(zones)
    items = []
    for item in drawn.zones:
        zone = item.zone
        items.append(
            {
                "number": item.number,
                "url": zone.get_absolute_url(),
                "kind": zone.get_kind_display(),
                "zone": zone,
                "item": item,
            }
        )
    zones_svg = format_html_join(
        "",
        MAP_ZONE,
        (
            {
                "url": entry["url"],
                "number": entry["number"],
                "name": localized(entry["zone"], "name"),
                "kind": entry["kind"].lower(),
                "country": format_html(MAP_COUNTRY, entry["item"].path)
                if entry["item"].path
                else "",
                "x": entry["item"].x,
                "y": entry["item"].y,
            }
            for entry in items
        ),
    )
    legend = format_html_join(
        "",
        LEGEND_ITEM,
        (
            {
                "number": entry["number"],
                "url": entry["url"],
                "name": localized_text(entry["zone"], "name"),
                "kind": entry["kind"],
            }
            for entry in items
        ),
    )
    return {
        "map": drawn,
        "land_url": static("img/zone-map-land.svg"),
        "zones_svg": zones_svg,
        "legend": legend,
    }


# One zone's card, on the home page and the list of zones.
ZONE_CARD = (
    '<article class="card"><h{level} class="card__title"><a href="{url}">{name}</a></h{level}>'
    '<p class="card__meta">{meta}</p><p>{summary}</p>{actions}</article>\n'
)
ZONE_CARD_ACTIONS = '<p class="card__meta">{}</p>'


@register.simple_tag
def zone_cards(zones, heading_level=3):
    """The cards of ``zones``, headed at ``heading_level``: each its name, linked to its page,
    its kind and first year, its summary and its number of published actions (annotated by
    ``with_action_counts()``). Written here rather than by a template included for each zone:
    issue 18."""
    return format_html_join("", ZONE_CARD, (zone_card(zone, heading_level) for zone in zones))


def zone_card(zone, heading_level):
    meta = zone.get_kind_display()
    if zone.since_year:
        since = gettext("depuis %(year)s") % {"year": formats.localize(zone.since_year)}
        meta = f"{meta} · {since}"
    count = getattr(zone, "published_action_count", 0)
    actions = ""
    if count:
        text = ngettext("%(counter)s action", "%(counter)s actions", count)
        actions = format_html(ZONE_CARD_ACTIONS, text % {"counter": formats.localize(count)})
    return {
        "level": heading_level,
        "url": zone.get_absolute_url(),
        "name": localized_text(zone, "name"),
        "meta": meta,
        "summary": localized_text(zone, "summary"),
        "actions": actions,
    }
