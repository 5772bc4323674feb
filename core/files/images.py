"""PNG, JPEG and WebP images: told by their first bytes, stored without their metadata."""

import io

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .kinds import KINDS
from .refusals import refuse

MAX_PIXELS = 40_000_000
ORIENTATION = 0x0112  # the EXIF tag
DRAWING_INFO = ("dpi", "gamma", "transparency", "icc_profile")
# Pillow's names of the formats the portal accepts.
PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP"}


def image_kind(data):
    """The image's :class:`~core.files.kinds.FileKind`, or ``None`` if ``data`` is no image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return KINDS["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return KINDS["jpeg"]
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        return KINDS["webp"]
    return None


def inspect_image(data):
    """The image's kind, once Pillow reads its header: a file that only starts like an image,
    or whose size would take too much memory to draw, is refused."""
    kind = image_kind(data)
    too_large = refuse(
        _("Cette image est trop grande pour être affichée (40 millions de pixels au plus)."),
        "image_too_large",
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            image.verify()
    except Image.DecompressionBombError as error:
        raise too_large from error
    except (OSError, SyntaxError, ValueError) as error:
        raise refuse(_("Cette image est illisible ou abîmée."), "broken_image") from error
    if width * height > MAX_PIXELS:
        raise too_large
    return kind


def without_metadata(data):
    """The image re-encoded without its metadata (EXIF with its GPS position, XMP, IPTC,
    comments), turned upright first, as the EXIF orientation it loses would have shown it. The
    colour profile is kept. Re-encoding also drops anything hidden after or between the image's
    own data. ``data`` must be an image the checker accepted."""
    kind = image_kind(data)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        rotated = image.getexif().get(ORIENTATION, 1) != 1
        options = {"icc_profile": image.info.get("icc_profile")}
        if kind.code == "jpeg":
            # The same quantisation as the upload unless it had to be turned.
            options.update(
                {"quality": 90} if rotated else {"quality": "keep", "subsampling": "keep"}
            )
        elif kind.code == "webp":
            options.update(quality=90, lossless=bool(image.info.get("lossless")))
        out = io.BytesIO()
        upright = ImageOps.exif_transpose(image) if rotated else image
        # Pillow writes some of what it read back (a JPEG's comment): keep only what draws.
        upright.info = {key: image.info[key] for key in DRAWING_INFO if key in image.info}
        upright.save(out, PILLOW_FORMATS[kind.code], **options)
    return out.getvalue()
