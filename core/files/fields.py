from django.core.files.base import ContentFile
from django.db import models

from .images import without_metadata


class MetadataFreeImageField(models.FileField):
    """A ``FileField`` for images that stores each new upload without its metadata (EXIF, GPS
    position, XMP…): a photo taken on a phone tells where it was taken. Its validators must
    accept images only (``FileContentValidator`` with image kinds)."""

    def pre_save(self, model_instance, add):
        stored = getattr(model_instance, self.attname)
        if stored and not stored._committed:
            stored.seek(0)
            cleaned = ContentFile(without_metadata(stored.read()), name=stored.name)
            setattr(model_instance, self.attname, cleaned)
        return super().pre_save(model_instance, add)
