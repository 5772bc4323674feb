"""The admin's file widget links to a view that works in production (the admin's own, for staff
who may see the record), never to /media/, which production does not serve."""

import pytest
from django.contrib.auth import get_user_model

from core.staff_groups import CRESI, EDITORS
from tests import samples

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(settings, tmp_path):
    from django.core.files.base import ContentFile

    resource = ResourceFactory(is_published=False)
    resource.file.save("guide.pdf", ContentFile(samples.pdf()), save=True)
    return resource


def test_the_change_form_links_to_the_admin_file_view_not_media(client, staff_user_in, draft):
    client.force_login(staff_user_in(CRESI))
    page = client.get(f"/admin/cresi/resource/{draft.pk}/change/").text
    url = f"/admin/cresi/resource/{draft.pk}/fichier/file/"
    assert f'href="{url}"' in page
    assert 'href="/media/' not in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == samples.pdf()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    draft.refresh_from_db()
    assert draft.download_count == 0  # staff opening a file is no public download


def test_only_staff_who_may_see_the_record_get_its_file(client, staff_user_in, draft):
    url = f"/admin/cresi/resource/{draft.pk}/fichier/file/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(staff_user_in(EDITORS))
    assert client.get(url).status_code == 403
    superuser = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(superuser)
    assert client.get(f"/admin/cresi/resource/{draft.pk}/fichier/title/").status_code == 404
    assert client.get("/admin/cresi/resource/999999/fichier/file/").status_code == 404
