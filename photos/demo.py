"""Demo photos: small illustrations drawn by ``scripts/make_demo_photos.py`` and committed in
``demo_images/`` (CC0), placed on the home page, the Mali zone, the emergency aid to Haïti, the
Climate EU project and a piece of news. The home page's opens like the seed's page, with
« Vue d'enfants au Mali ».

Idempotent: a demo photo is keyed on its page and its credit; its file is stored the first time
only, its texts are updated in place.
"""

from pathlib import Path

from django.apps import apps
from django.core.files import File

from core.demo import sync

from .models import Photo
from .services import photo_create

IMAGES = Path(__file__).resolve().parent / "demo_images"
CREDIT = "Illustration de démonstration, domaine public (CC0)"

PHOTOS = [
    {
        "file": "mali-enfants.jpg",
        "on_home": True,
        "alt_text": "Dessin : trois enfants devant une case en terre, sous le soleil du Sahel",
        "alt_text_en": "Drawing: three children in front of a mud house, under the Sahel sun",
        "caption": (
            "Vue d'enfants au Mali. Le Département entretient une relation privilégiée avec "
            "plusieurs collectivités du Mali."
        ),
        "caption_en": (
            "Children in Mali. The Département has a special relationship with several local "
            "authorities of Mali."
        ),
        "focal_x": 65,
        "focal_y": 60,
    },
    {
        "file": "mali-puits.jpg",
        "target": ("zone", "cooperation.Zone", "mali"),
        "alt_text": "Dessin : un puits maçonné dans un village, une enfant portant un seau",
        "alt_text_en": "Drawing: a stone well in a village, a girl carrying a bucket",
        "caption": "L'eau et l'assainissement, l'un des domaines de la coopération avec le Mali.",
        "caption_en": "Water and sanitation, one of the fields of the cooperation with Mali.",
    },
    {
        "file": "haiti-cote.jpg",
        "target": ("emergency_aid", "cooperation.EmergencyAid", "haiti-seisme-2010"),
        "alt_text": "Dessin : des maisons colorées au bord de la mer, au pied des mornes",
        "alt_text_en": "Drawing: colourful houses by the sea, below green hills",
        "caption": "Haïti : la reconstruction après le séisme de 2010.",
        "caption_en": "Haiti: rebuilding after the 2010 earthquake.",
    },
    {
        "file": "europe-etoiles.jpg",
        "target": ("eu_project", "europe.EUProject", "climate"),
        "alt_text": "",
        "is_decorative": True,
        "caption": "",
        "caption_en": "",
    },
    {
        "file": "cresi-formation.jpg",
        "target": ("news_item", "news.NewsItem", "formations-du-cresi-calendrier"),
        "alt_text": "Dessin : cinq personnes autour d'une table, devant un tableau",
        "alt_text_en": "Drawing: five people around a table, in front of a board",
        "caption": "Une journée de formation au CRESI.",
        "caption_en": "A training day at the CRESI.",
    },
]


def load():
    count = 0
    for data in PHOTOS:
        values = {k: v for k, v in data.items() if k not in {"file", "target", "on_home"}}
        place = {"on_home": True}
        if "target" in data:
            field, label, slug = data["target"]
            record = apps.get_model(label).objects.filter(slug=slug).first()
            if record is None:
                continue
            place = {field: record}
        values = {"credit": CREDIT, "is_decorative": False, **values}
        existing = Photo.objects.filter(credit=CREDIT, **place).first()
        if existing is None:
            with (IMAGES / data["file"]).open("rb") as stream:
                photo_create(image=File(stream, name=data["file"]), **place, **values)
        else:
            sync(Photo, {"pk": existing.pk}, values)
        count += 1
    return count
