import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.staff_groups import EDITORS
from photos.models import Photo
from tests.factories import ZoneFactory
from tests.news.factories import NewsItemFactory
from tests.photos.images import GPS_INFO, jpeg_bytes

pytestmark = pytest.mark.django_db

ADD = "/admin/photos/photo/add/"


def form(**values):
    return {
        "alt_text": "Le puits de Kayes",
        "credit": "© CD91",
        "position": 0,
        "image": SimpleUploadedFile("puits.jpg", jpeg_bytes(gps=True), "image/jpeg"),
        **values,
    }


@pytest.fixture
def editor(client, staff_user_in):
    client.force_login(staff_user_in(EDITORS))
    return client


def test_an_editor_adds_a_photo_to_a_zone(editor):
    zone = ZoneFactory()
    response = editor.post(ADD, form(zone=zone.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.zone == zone and (photo.width, photo.height) == (1500, 1000)
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert GPS_INFO not in image.getexif()
    assert photo.rendition_url(800, "jpg") in editor.get(zone.get_absolute_url()).text


def test_a_photo_without_alternative_text_is_refused_beside_the_field(editor):
    response = editor.post(ADD, form(alt_text="", on_home="on"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "image décorative" in errors["alt_text"][0]
    assert not Photo.objects.exists()


def test_a_disguised_file_is_refused_beside_the_field(editor):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    response = editor.post(ADD, form(image=fake, on_home="on"))
    assert response.status_code == 200
    assert "image" in response.context["adminform"].form.errors
    assert not Photo.objects.exists()


def test_a_photo_on_two_pages_is_refused(editor):
    response = editor.post(ADD, form(on_home="on", news_item=NewsItemFactory().pk))
    assert response.status_code == 200
    assert "une seule page" in response.context["adminform"].form.errors["on_home"][0]


def test_the_list_shows_where_each_photo_is(editor):
    zone = ZoneFactory(name="Kayes")
    editor.post(ADD, form(zone=zone.pk))
    page = editor.get("/admin/photos/photo/").text
    assert "Kayes" in page and "Le puits de Kayes" in page
