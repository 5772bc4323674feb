"""Uploaded images are stored without their metadata (EXIF with the GPS position, comments),
turned upright as their orientation tag would have shown them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.files.images import without_metadata
from tests.cresi.factories import ResourceFactory

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo(fmt="JPEG", *, orientation=1, size=(40, 20)):
    """A photo as a phone writes it: EXIF with a camera, a GPS position and an orientation."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (48.0, 37.0, 44.0), 3: "E", 4: (2.0, 26.0, 31.0)}
    out = io.BytesIO()
    image.save(out, fmt, exif=exif, **({"comment": b"Evry"} if fmt == "JPEG" else {}))
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_metadata_is_gone_and_the_picture_kept(fmt):
    original = photo(fmt)
    assert b"PhoneMaker" in original
    cleaned = without_metadata(original)
    assert b"PhoneMaker" not in cleaned and b"Evry" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == fmt
        assert image.size == (40, 20)
        assert not image.getexif()
        assert image.getpixel((5, 5))[0] > 150


def test_a_photo_taken_sideways_is_stored_upright():
    cleaned = without_metadata(photo(orientation=6))  # 90° clockwise
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (20, 40)
        assert ORIENTATION not in image.getexif()


@pytest.mark.django_db
def test_a_cover_uploaded_to_the_resource_library_is_stored_without_its_metadata():
    resource = ResourceFactory()
    resource.cover = SimpleUploadedFile("couverture.jpg", photo(), content_type="image/jpeg")
    resource.full_clean()
    resource.save()
    resource.refresh_from_db()
    stored = resource.cover.read()
    assert stored.startswith(b"\xff\xd8\xff")
    assert b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()


def test_an_image_too_large_to_draw_is_refused_before_anything_decodes_it():
    import struct
    import zlib

    from django.core.exceptions import ValidationError

    from core.files import check_content

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    def png_claiming(width, height):
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 100))
            + chunk(b"IEND", b"")
        )

    # A few bytes that claim 20 000 × 20 000 pixels: drawing it would take 1.2 GB.
    assert check_content(png_claiming(7000, 5000), allowed_kinds={"png"}).code == "png"
    with pytest.raises(ValidationError):
        check_content(png_claiming(8000, 6000), allowed_kinds={"png"})
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(ValidationError) as refused:
        check_content(bomb, allowed_kinds={"png"})
    assert refused.value.code == "image_too_large"


def test_a_file_that_only_starts_like_an_image_is_refused():
    from django.core.exceptions import ValidationError

    from core.files import check_content

    with pytest.raises(ValidationError) as refused:
        check_content(b"\xff\xd8\xff\xe0 not a JPEG at all" * 10, allowed_kinds={"jpeg"})
    assert refused.value.code == "broken_image"
