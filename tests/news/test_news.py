import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from core.staff_groups import EDITORS, FINANCE
from news.models import NewsItem
from tests.factories import ActionFactory, ZoneFactory
from tests.news.factories import NewsItemFactory
from tests.photos.factories import PhotoFactory
from tests.portal.public_pages import visible_text

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def days(n):
    return timezone.now() + timedelta(days=n)


def test_published_means_ticked_and_dated_today_or_before():
    shown = NewsItemFactory(published_at=days(-1))
    NewsItemFactory(is_published=False)
    NewsItemFactory(published_at=days(2))  # scheduled
    assert list(NewsItem.objects.published()) == [shown]


def test_latest_gives_the_three_most_recent_published():
    items = [NewsItemFactory(published_at=days(-n)) for n in range(1, 6)]
    NewsItemFactory(published_at=days(1))
    assert list(NewsItem.objects.latest()) == items[:3]


def test_the_list_shows_published_news_newest_first(client):
    old = NewsItemFactory(title="Ancienne", published_at=days(-10))
    new = NewsItemFactory(title="Récente", published_at=days(-1))
    NewsItemFactory(title="Brouillon", is_published=False)
    page = client.get("/actualites/").text
    assert page.index(new.title) < page.index(old.title)
    assert "Brouillon" not in page
    assert "2\xa0actualités" in page or "2 actualités" in page


def test_the_list_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    PhotoFactory(news_item=NewsItemFactory())
    with django_assert_max_num_queries(8) as few:
        assert client.get("/actualites/").status_code == 200
    for _ in range(8):
        PhotoFactory(news_item=NewsItemFactory())
    with django_assert_num_queries(len(few)):
        page = client.get("/actualites/").text
    assert page.count("<picture>") == 9


def test_the_detail_shows_the_body_in_safe_markup_the_photo_and_related_pages(client):
    zone = ZoneFactory(name="Mali")
    action = ActionFactory(title="Écoles de Kayes")
    item = NewsItemFactory(body="## Intertitre\n\n<script>alert(1)</script>\n\n- un\n- deux")
    item.zones.add(zone)
    item.actions.add(action)
    photo = PhotoFactory(news_item=item)
    page = client.get(item.get_absolute_url()).text
    assert "<h2>Intertitre</h2>" in page and "<li>un</li>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert zone.get_absolute_url() in page and action.get_absolute_url() in page
    assert photo.rendition_url(800, "jpg") in page


@pytest.mark.parametrize(
    "values", [{"is_published": False}, {"is_published": True, "published_at": days(3)}]
)
def test_drafts_and_scheduled_news_are_previewed_by_editors_only(client, staff_user_in, values):
    item = NewsItemFactory(**values)
    url = item.get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(staff_user_in(FINANCE, "finance"))
    assert client.get(url).status_code == 404
    client.force_login(staff_user_in(EDITORS, "editor"))
    response = client.get(url)
    assert response.status_code == 200
    assert "Aperçu réservé à l'équipe" in response.text
    assert "no-store" in response["Cache-Control"]
    assert "Aperçu" not in client.get(NewsItemFactory().get_absolute_url()).text


def test_the_home_page_shows_the_latest_three(client):
    items = [NewsItemFactory(title=f"Nouvelle {n}", published_at=days(-n)) for n in range(1, 5)]
    page = client.get("/").text
    shown = [item.title for item in items if item.title in page]
    assert shown == ["Nouvelle 1", "Nouvelle 2", "Nouvelle 3"]
    assert page.index("Nouvelle 1") < page.index("Nouvelle 2")


def test_the_rss_feed_lists_published_news(client):
    item = NewsItemFactory(title="Une & deux", summary="Résumé")
    NewsItemFactory(title="Brouillon", is_published=False)
    response = client.get("/actualites/flux.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    titles = [entry.findtext("title") for entry in channel.findall("item")]
    assert titles == ["Une & deux"]
    link = channel.find("item").findtext("link")
    assert link.endswith(item.get_absolute_url())
    assert channel.find("item").findtext("pubDate")


def test_the_atom_feed_lists_published_news(client):
    NewsItemFactory(title="Atome")
    response = client.get("/actualites/flux.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Atome"]
    assert entries[0].findtext(f"{ATOM}updated")


def test_the_feeds_are_announced_on_the_list(client):
    page = client.get("/actualites/").text
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*/actualites/', page)
    assert 'type="application/atom+xml"' in page


def test_english_feed_and_page_use_english_titles(client):
    NewsItemFactory(title="Mali : une relation", title_en="Mali: a relationship")
    assert "Mali: a relationship" in client.get("/en/actualites/flux.rss").text
    assert "Mali: a relationship" in client.get("/en/actualites/").text


def test_search_finds_published_news_only(client):
    NewsItemFactory(title="Jumelage avec Kayes")
    NewsItemFactory(title="Jumelage secret", is_published=False)
    page = visible_text(client.get("/recherche/?q=jumelage").text)
    assert "Jumelage avec Kayes" in page and "Jumelage secret" not in page


def test_the_sitemap_lists_the_news(client):
    item = NewsItemFactory()
    sitemap = client.get("/sitemap.xml").text
    assert item.get_absolute_url() in sitemap and "/actualites/</loc>" in sitemap
