"""Real image files for the photo tests, drawn with Pillow."""

import io

from PIL import Image

ORIENTATION = 0x0112
GPS_INFO = 0x8825


def jpeg_bytes(width=1500, height=1000, *, colour=(200, 120, 40), orientation=None, gps=False):
    """A JPEG, with an EXIF orientation and a GPS position if asked."""
    image = Image.new("RGB", (width, height), colour)
    # A square in the top left corner, to see where a crop or a rotation put it.
    image.paste((10, 20, 200), (0, 0, width // 5, height // 5))
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif[GPS_INFO] = {2: (48.0, 37.0, 0.0), 4: (2.0, 26.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, exif=exif.tobytes())
    return out.getvalue()


def png_bytes(width=600, height=400):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 128, 0)).save(out, "PNG")
    return out.getvalue()
