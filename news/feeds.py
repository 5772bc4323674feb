from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.i18n import translated_value

from .models import NewsItem

FEED_SIZE = 20


class NewsRssFeed(Feed):
    """The latest published news, as RSS 2.0 (``/actualites/flux.rss``)."""

    title = _("Actualités de l'Essonne à l'international")
    description = _("Les actualités des relations internationales du Département de l'Essonne.")

    def link(self):
        return reverse("news:list")

    def items(self):
        return NewsItem.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return translated_value(item, "title")

    def item_description(self, item):
        return translated_value(item, "summary")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class NewsAtomFeed(NewsRssFeed):
    """The same news as Atom 1.0 (``/actualites/flux.atom``)."""

    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
