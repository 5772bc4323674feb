from django import template

from news.models import NewsItem

register = template.Library()


@register.inclusion_tag("news/home_latest.html")
def latest_news(count=3):
    """The latest published news (three on the home page), with their photos."""
    return {"news_items": list(NewsItem.objects.latest(count).prefetch_related("photos"))}
