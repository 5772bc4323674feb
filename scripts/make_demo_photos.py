"""Draws the demo photos of ``photos/demo_images/`` with Pillow (run once; the files are
committed, so installing the portal downloads nothing). They are simple illustrations, released
under CC0 with the rest of the demo content; real photos replace them in production.

    .venv/bin/python scripts/make_demo_photos.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "photos" / "demo_images"
SIZE = (1200, 800)


def gradient(top, bottom, size=SIZE):
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        t = y / (size[1] - 1)
        draw.line(
            [(0, y), (size[0], y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return image, draw


def child(draw, x, ground, height, shirt):
    head = height * 0.16
    draw.ellipse(
        [x - head, ground - height, x + head, ground - height + 2 * head], fill=(74, 44, 28)
    )
    draw.polygon(
        [
            (x - head * 1.1, ground - height + 2 * head),
            (x + head * 1.1, ground - height + 2 * head),
            (x + head * 1.5, ground - height * 0.35),
            (x - head * 1.5, ground - height * 0.35),
        ],
        fill=shirt,
    )
    for side in (-1, 1):
        draw.rectangle(
            [x + side * head * 0.7 - 9, ground - height * 0.35, x + side * head * 0.7 + 9, ground],
            fill=(74, 44, 28),
        )


def mali_children():
    image, draw = gradient((252, 196, 120), (250, 236, 200))
    draw.ellipse([880, 90, 1040, 250], fill=(255, 240, 170))
    draw.rectangle([0, 560, 1200, 800], fill=(205, 140, 80))
    draw.rectangle([160, 330, 560, 580], fill=(168, 98, 52))
    draw.polygon([(130, 340), (360, 200), (590, 340)], fill=(120, 84, 40))
    draw.rectangle([320, 440, 400, 580], fill=(70, 40, 20))
    draw.line([(760, 560), (760, 300)], fill=(96, 70, 40), width=18)
    draw.ellipse([640, 190, 880, 340], fill=(88, 130, 60))
    for x, height, shirt in (
        (640, 250, (30, 110, 190)),
        (800, 300, (220, 60, 60)),
        (950, 220, (250, 200, 40)),
    ):
        child(draw, x, 640, height, shirt)
    return image


def mali_well():
    image, draw = gradient((150, 200, 240), (240, 226, 190))
    draw.rectangle([0, 540, 1200, 800], fill=(200, 150, 90))
    draw.ellipse([420, 470, 780, 580], fill=(120, 110, 100))
    draw.rectangle([420, 380, 780, 525], fill=(150, 140, 128))
    draw.ellipse([420, 330, 780, 430], fill=(110, 100, 92))
    draw.ellipse([460, 350, 740, 412], fill=(40, 90, 140))
    draw.line([(450, 380), (450, 160), (750, 160), (750, 380)], fill=(90, 60, 30), width=16)
    draw.line([(600, 160), (600, 330)], fill=(60, 60, 60), width=4)
    child(draw, 900, 650, 260, (40, 160, 120))
    draw.rectangle([940, 520, 1010, 600], fill=(220, 120, 40))
    return image


def haiti_coast():
    image, draw = gradient((120, 190, 235), (200, 230, 250))
    draw.polygon(
        [
            (0, 420),
            (220, 200),
            (420, 380),
            (640, 170),
            (900, 400),
            (1200, 260),
            (1200, 560),
            (0, 560),
        ],
        fill=(60, 130, 70),
    )
    draw.rectangle([0, 560, 1200, 800], fill=(30, 120, 170))
    for i, x in enumerate(range(120, 1100, 180)):
        colour = [
            (240, 200, 60),
            (230, 110, 90),
            (120, 170, 220),
            (250, 250, 240),
            (180, 120, 200),
        ][i % 5]
        draw.rectangle([x, 470, x + 110, 555], fill=colour)
        draw.polygon([(x - 10, 475), (x + 55, 425), (x + 120, 475)], fill=(150, 60, 40))
    for y in range(600, 800, 40):
        draw.line([(0, y), (1200, y + 10)], fill=(70, 150, 195), width=4)
    return image


def european_stars():
    image, draw = gradient((0, 51, 153), (0, 40, 120))
    cx, cy, radius = 600, 400, 250
    for k in range(12):
        angle = math.pi / 2 - k * math.pi / 6
        x, y = cx + radius * math.cos(angle), cy - radius * math.sin(angle)
        points = []
        for j in range(10):
            r = 38 if j % 2 == 0 else 15
            a = math.pi / 2 + j * math.pi / 5
            points.append((x + r * math.cos(a), y - r * math.sin(a)))
        draw.polygon(points, fill=(255, 204, 0))
    return image


def training_table():
    image, draw = gradient((245, 240, 230), (225, 215, 200))
    draw.rectangle([0, 0, 1200, 120], fill=(90, 120, 150))
    draw.rectangle([420, 150, 780, 360], fill=(255, 255, 255), outline=(60, 60, 60), width=6)
    for y in range(190, 340, 40):
        draw.line([(450, y), (750, y)], fill=(30, 110, 190), width=8)
    draw.ellipse([200, 480, 1000, 700], fill=(150, 100, 60))
    colours = [(220, 60, 60), (30, 110, 190), (40, 160, 120), (250, 200, 40), (140, 80, 160)]
    for i, x in enumerate(range(260, 1000, 170)):
        draw.ellipse([x - 35, 380, x + 35, 450], fill=(110, 70, 45) if i % 2 else (230, 190, 160))
        draw.rectangle([x - 45, 450, x + 45, 540], fill=colours[i % 5])
    return image


PICTURES = {
    "mali-enfants.jpg": mali_children,
    "mali-puits.jpg": mali_well,
    "haiti-cote.jpg": haiti_coast,
    "europe-etoiles.jpg": european_stars,
    "cresi-formation.jpg": training_table,
}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in PICTURES.items():
        draw().save(OUT / name, "JPEG", quality=82, optimize=True)
        print(name, (OUT / name).stat().st_size)


if __name__ == "__main__":
    main()
