from django import template

from cooperation.map import zone_map as build_zone_map

register = template.Library()


@register.inclusion_tag("includes/zone_map.html")
def zone_map(zones):
    """The map of ``zones`` (already fetched by the view: no query of its own) and their list."""
    return {"map": build_zone_map(zones)}
