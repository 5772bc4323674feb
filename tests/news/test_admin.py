import pytest

from core.staff_groups import EDITORS
from news.models import NewsItem
from tests.factories import ZoneFactory

pytestmark = pytest.mark.django_db


def test_an_editor_writes_a_draft_previews_it_then_publishes_it(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    zone = ZoneFactory()
    response = client.post(
        "/admin/news/newsitem/add/",
        {
            "title": "Jumelage",
            "slug": "jumelage",
            "summary": "Un jumelage",
            "body": "Texte",
            "published_at_0": "2026-01-05",
            "published_at_1": "10:00:00",
            "zones": [zone.pk],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    item = NewsItem.objects.get()
    assert not item.is_published and list(item.zones.all()) == [zone]
    assert "Aperçu réservé" in client.get(item.get_absolute_url()).text
    client.logout()
    assert client.get(item.get_absolute_url()).status_code == 404
    item.is_published = True
    item.save()
    assert client.get(item.get_absolute_url()).status_code == 200
