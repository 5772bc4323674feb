"""``{% zone_eu_projects zone %}``: the zone page (``cooperation``) shows the EU projects sitting
in that zone without ``cooperation`` importing ``europe`` (the dependency stays europe →
cooperation)."""

from django import template

from europe.models import EUProject

register = template.Library()


@register.inclusion_tag("includes/zone_eu_projects.html")
def zone_eu_projects(zone):
    projects = EUProject.objects.published().for_zone(zone).prefetch_related("themes")
    return {"zone": zone, "projects": projects}
