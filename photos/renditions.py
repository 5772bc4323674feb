"""The sizes a photo is served in, made once by django-imagekit and kept in the file storage.

Each rendition is a 3:2 crop around the photo's focal point (its centre when none is set),
scaled to one of :data:`WIDTHS` (never enlarged), in WebP and in JPEG for the browsers without
WebP. imagekit names the file after a hash of the source and of every parameter (size, focal
point, format, quality), so a new upload or a moved focal point makes new files; the file is
generated the first time it is asked for (``JustInTime``) and its existence is remembered in
the cache (Redis across servers), so later requests read it straight from the storage.
Pillow writes the renditions without any metadata.
"""

from imagekit.cachefiles import ImageCacheFile
from imagekit.specs import ImageSpec

#: Widths in pixels of the renditions listed in a ``srcset``.
WIDTHS = (480, 800, 1200)
#: The width of the ``src`` fallback, for browsers that ignore ``srcset``.
FALLBACK_WIDTH = 800
ASPECT_RATIO = 3 / 2
#: Output formats: (imagekit/Pillow format, file extension, MIME type), the preferred first.
FORMATS = {
    "webp": ("WEBP", "image/webp"),
    "jpg": ("JPEG", "image/jpeg"),
}
QUALITY = {"WEBP": 72, "JPEG": 75}


def crop_box(width, height, focal_x=None, focal_y=None, ratio=ASPECT_RATIO):
    """The largest box of ``ratio`` inside a ``width`` × ``height`` image, centred on the
    focal point (percentages from the top left corner) as far as the edges allow."""
    focal_x = 50 if focal_x is None else focal_x
    focal_y = 50 if focal_y is None else focal_y
    if width / height > ratio:
        box_width, box_height = round(height * ratio), height
    else:
        box_width, box_height = width, round(width / ratio)
    centre_x = width * focal_x / 100
    centre_y = height * focal_y / 100
    left = min(max(round(centre_x - box_width / 2), 0), width - box_width)
    top = min(max(round(centre_y - box_height / 2), 0), height - box_height)
    return left, top, left + box_width, top + box_height


class FocalCrop:
    """A pilkit processor: the 3:2 crop around the focal point, scaled down to ``width``."""

    def __init__(self, width, focal_x=None, focal_y=None):
        self.width = width
        self.focal_x = focal_x
        self.focal_y = focal_y

    def process(self, image):
        from PIL import Image

        cropped = image.crop(crop_box(*image.size, self.focal_x, self.focal_y))
        if cropped.width > self.width:
            height = round(self.width / ASPECT_RATIO)
            cropped = cropped.resize((self.width, height), Image.Resampling.LANCZOS)
        return cropped


class PhotoRendition(ImageSpec):
    """One width and format of a photo (see the module's docstring)."""

    def __init__(self, source, *, width, extension, focal_x=None, focal_y=None):
        super().__init__(source=source)
        pillow_format, _content_type = FORMATS[extension]
        self.format = pillow_format
        self.options = {"quality": QUALITY[pillow_format]}
        if pillow_format == "JPEG":
            self.options.update(optimize=True, progressive=True)
        else:
            self.options.update(method=6)
        self.processors = [FocalCrop(width, focal_x, focal_y)]


def rendition_width(photo_width, width):
    """The width a rendition really has: the crop of a small photo is not enlarged."""
    box = crop_box(photo_width, max(round(photo_width / ASPECT_RATIO), 1))
    return min(width, box[2] - box[0])


def rendition_file(photo, width, extension):
    """The rendition's :class:`ImageCacheFile`, generated now if it does not exist yet."""
    spec = PhotoRendition(
        photo.image,
        width=width,
        extension=extension,
        focal_x=photo.focal_x,
        focal_y=photo.focal_y,
    )
    cached = ImageCacheFile(spec)
    cached.generate()
    return cached
