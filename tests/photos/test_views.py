import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image

from tests.europe.factories import EUProjectFactory
from tests.factories import ActionFactory, EmergencyAidFactory, ZoneFactory
from tests.photos.factories import PhotoFactory
from tests.photos.images import jpeg_bytes

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def rendition_files():
    return sorted(Path(settings.MEDIA_ROOT).glob("CACHE/**/*.*"))


@pytest.mark.parametrize(("extension", "pillow_format"), [("webp", "WEBP"), ("jpg", "JPEG")])
def test_a_rendition_is_cropped_to_3_2_at_its_width_in_its_format(client, extension, pillow_format):
    photo = PhotoFactory()
    response = client.get(photo.rendition_url(800, extension))
    assert response.status_code == 200
    assert response["Content-Type"] == f"image/{'jpeg' if extension == 'jpg' else 'webp'}"
    assert "immutable" in response["Cache-Control"]
    with Image.open(io.BytesIO(body(response))) as image:
        assert image.format == pillow_format
        assert image.size == (800, 533)
        assert not image.getexif()


def test_a_rendition_is_made_once_then_read_from_the_storage(client):
    photo = PhotoFactory()
    url = photo.rendition_url(480, "webp")
    first = body(client.get(url))
    files = rendition_files()
    assert len(files) == 1
    made_at = files[0].stat().st_mtime_ns
    assert body(client.get(url)) == first
    assert rendition_files() == files and files[0].stat().st_mtime_ns == made_at


def test_the_focal_point_moves_the_crop_and_the_address(client):
    # Wider than 3:2: the crop keeps the part of the width around the point.
    photo = PhotoFactory(
        image=ContentFile(jpeg_bytes(3000, 1000), name="large.jpg"), focal_x=0, focal_y=0
    )
    old_url = photo.rendition_url(480, "jpg")
    with Image.open(io.BytesIO(body(client.get(old_url)))) as image:
        # The blue square drawn in the top left corner is kept.
        assert image.getpixel((5, 5))[2] > 150
    photo.focal_x, photo.focal_y = 100, 100
    photo.save()
    new_url = photo.rendition_url(480, "jpg")
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    with Image.open(io.BytesIO(body(client.get(new_url)))) as image:
        assert image.getpixel((5, 5))[2] < 100


@pytest.mark.parametrize("width", [100, 1000, 5000])
def test_only_the_listed_widths_are_served(client, width):
    photo = PhotoFactory()
    assert client.get(f"/photos/{photo.pk}/{photo.version}/{width}.jpg").status_code == 404


def test_other_formats_are_not_served(client):
    photo = PhotoFactory()
    assert client.get(f"/photos/{photo.pk}/{photo.version}/800.png").status_code == 404


def test_a_photo_on_a_draft_page_is_not_served(client):
    photo = PhotoFactory(zone=ZoneFactory(is_published=False))
    assert client.get(photo.rendition_url(480, "jpg")).status_code == 404


def test_the_zone_page_shows_its_photos_in_responsive_sizes(client):
    zone = ZoneFactory()
    first = PhotoFactory(zone=zone, caption="Le puits du village", credit="© Awa Traoré")
    second = PhotoFactory(zone=zone, position=1, is_decorative=True, alt_text="")
    page = client.get(zone.get_absolute_url()).text
    pictures = re.findall(r"<picture>.*?</picture>", page, re.DOTALL)
    assert len(pictures) == 2
    hero, other = pictures
    assert f'<source type="image/webp" srcset="{first.srcset("webp")}"' in hero
    assert f'srcset="{first.srcset("jpg")}"' in hero and 'src="' in hero
    assert 'width="800" height="533"' in hero
    assert f'alt="{first.alt_text}"' in hero and 'fetchpriority="high"' in hero
    assert "loading=" not in hero
    assert 'alt=""' in other and 'loading="lazy"' in other
    assert "Le puits du village" in page and "© Awa Traoré" in page
    assert second.srcset("webp") in other


@pytest.mark.parametrize(
    "make",
    [
        lambda: ActionFactory(),
        lambda: EUProjectFactory(),
    ],
)
def test_action_and_eu_project_pages_show_their_photos(client, make):
    record = make()
    photo = PhotoFactory(
        **{"action" if record._meta.model_name == "action" else "eu_project": record}
    )
    page = client.get(record.get_absolute_url()).text
    assert photo.rendition_url(800, "jpg") in page


def test_emergency_aid_photos_cost_one_query_whatever_the_number_of_aids(
    client, django_assert_max_num_queries, django_assert_num_queries
):
    PhotoFactory(emergency_aid=EmergencyAidFactory())
    with django_assert_max_num_queries(10) as few:
        assert client.get("/cooperation/urgences/").status_code == 200
    for _ in range(5):
        aid = EmergencyAidFactory()
        PhotoFactory(emergency_aid=aid)
        PhotoFactory(emergency_aid=aid, position=2)
    with django_assert_num_queries(len(few)):
        page = client.get("/cooperation/urgences/").text
    assert page.count("<picture>") == 11


def test_the_home_page_opens_with_its_photo(client):
    photo = PhotoFactory(caption="Vue d'enfants au Mali")
    page = client.get("/").text
    assert photo.rendition_url(800, "jpg") in page
    assert "Vue d&#x27;enfants au Mali" in page or "Vue d'enfants au Mali" in page


def test_english_pages_use_the_english_alternative_text(client):
    PhotoFactory(alt_text="Des enfants", alt_text_en="Children", caption="Au Mali")
    page = client.get("/en/").text
    assert 'alt="Children"' in page
    # A caption without English is marked French.
    assert '<span lang="fr">Au Mali</span>' in page
