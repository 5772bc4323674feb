import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image

from photos.models import Photo
from photos.renditions import crop_box
from photos.services import photo_create
from tests.factories import ZoneFactory
from tests.photos.factories import PhotoFactory
from tests.photos.images import GPS_INFO, ORIENTATION, jpeg_bytes, png_bytes

pytestmark = pytest.mark.django_db


def upload(data, name="photo.jpg"):
    return ContentFile(data, name=name)


def create(**fields):
    values = {"alt_text": "Une vue", "credit": "© CD91", "on_home": True, **fields}
    return photo_create(**values)


def test_a_photo_is_stored_without_its_metadata_and_upright():
    photo = create(image=upload(jpeg_bytes(600, 400, orientation=6, gps=True)))
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        exif = image.getexif()
        assert ORIENTATION not in exif and GPS_INFO not in exif
        # Turned as the EXIF orientation (90° clockwise) showed it, then measured that way.
        assert image.size == (400, 600)
    assert (photo.width, photo.height) == (400, 600)
    assert photo.image.name.startswith("photos/") and photo.image.name.endswith(".jpg")


def test_an_upload_is_checked_by_its_content_not_its_name():
    page = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as error:
        create(image=upload(page, "photo.jpg"))
    assert "image" in error.value.message_dict
    assert not Photo.objects.exists()


def test_a_png_keeps_its_kind_in_its_stored_name():
    photo = create(image=upload(png_bytes(), "dessin.jpeg"))
    assert photo.image.name.endswith(".png")
    assert (photo.width, photo.height) == (600, 400)


def test_alternative_text_is_required_unless_the_photo_is_decorative():
    with pytest.raises(ValidationError) as error:
        create(image=upload(jpeg_bytes()), alt_text="  ")
    assert "image décorative" in error.value.message_dict["alt_text"][0]
    decorative = create(image=upload(jpeg_bytes()), alt_text="", is_decorative=True)
    assert decorative.pk


def test_the_database_refuses_a_photo_without_alternative_text():
    photo = PhotoFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(alt_text="")


def test_a_photo_is_on_exactly_one_page():
    zone = ZoneFactory()
    with pytest.raises(ValidationError) as error:
        create(image=upload(jpeg_bytes()), zone=zone, on_home=True)
    assert "une seule page" in error.value.message_dict["on_home"][0]
    with pytest.raises(ValidationError):
        create(image=upload(jpeg_bytes()), on_home=False)
    photo = PhotoFactory(zone=zone)
    assert photo.on_home is False
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(on_home=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(zone=None)


def test_the_focal_point_has_both_coordinates_within_the_image():
    with pytest.raises(ValidationError) as error:
        create(image=upload(jpeg_bytes()), focal_x=30)
    assert "focal_y" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(image=upload(jpeg_bytes()), focal_x=130, focal_y=20)
    assert "focal_x" in error.value.message_dict
    photo = PhotoFactory(focal_x=10, focal_y=90)
    with pytest.raises(IntegrityError), transaction.atomic():
        Photo.objects.filter(pk=photo.pk).update(focal_y=None)


@pytest.mark.parametrize(
    ("size", "focal", "box"),
    [
        # Wider than 3:2: the full height, the width cut around the point.
        ((3000, 1000), (50, 50), (750, 0, 2250, 1000)),
        ((3000, 1000), (0, 50), (0, 0, 1500, 1000)),
        ((3000, 1000), (90, 50), (1500, 0, 3000, 1000)),
        # Taller: the full width, the height cut around the point.
        ((1000, 1000), (50, 10), (0, 0, 1000, 667)),
        ((1000, 1000), (50, 50), (0, 166, 1000, 833)),
        ((1000, 1000), (50, 100), (0, 333, 1000, 1000)),
    ],
)
def test_the_crop_keeps_the_focal_point_in_view(size, focal, box):
    assert crop_box(*size, *focal) == box


def test_published_photos_follow_their_page():
    home = PhotoFactory()
    on_draft_zone = PhotoFactory(zone=ZoneFactory(is_published=False))
    on_zone = PhotoFactory(zone=ZoneFactory())
    assert set(Photo.objects.published()) == {home, on_zone}
    assert list(Photo.objects.for_home()) == [home]
    assert on_draft_zone not in Photo.objects.published()


def test_a_small_photo_is_never_enlarged():
    photo = create(image=upload(jpeg_bytes(600, 400)))
    assert photo.widths() == [480, 600]
    assert photo.fallback_width() == 600 and photo.fallback_height == 400
    large = create(image=upload(jpeg_bytes(3000, 2000)))
    assert large.widths() == [480, 800, 1200]
    assert large.fallback_width() == 800
