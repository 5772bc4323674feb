"""``{% load photos %}``: a photo in responsive sizes, and the photos of a page.

``{% photos_for record %}`` shows the photos placed on a zone, an action, an emergency aid, an
EU project or a piece of news (``record.photos``, prefetched by the view or one query);
``{% home_photos %}`` those of the home page. Pass ``eager=True`` for a photo at the top of the
page: the others load lazily, when scrolled near.
"""

from django import template
from django.db.models import prefetch_related_objects

from photos.models import Photo

register = template.Library()

#: The layout width the photo takes: the page's column, the whole screen on a phone.
DEFAULT_SIZES = "(min-width: 60rem) 56rem, 100vw"


@register.inclusion_tag("photos/photo.html")
def photo(photo, eager=False, sizes=DEFAULT_SIZES):
    return {"photo": photo, "eager": eager, "sizes": sizes}


@register.inclusion_tag("photos/photo_list.html")
def photos_for(record, eager=False, sizes=DEFAULT_SIZES):
    return {"photos": list(record.photos.all()), "eager": eager, "sizes": sizes}


@register.inclusion_tag("photos/photo_list.html")
def home_photos(eager=True, sizes=DEFAULT_SIZES):
    return {"photos": list(Photo.objects.for_home()), "eager": eager, "sizes": sizes}


@register.simple_tag
def prefetch_photos(records):
    """Fetches the photos of every record of a list in one query, before the list shows them
    with ``{% photos_for %}``: ``{% prefetch_photos emergency_aids %}``."""
    prefetch_related_objects(list(records), "photos")
    return ""
