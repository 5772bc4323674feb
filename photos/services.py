from django.db import transaction

from .models import Photo


@transaction.atomic
def photo_create(*, image, **fields):
    """A photo from an uploaded or local file, checked by content (``full_clean``: kind, size,
    alternative text, one page) and stored without its metadata."""
    photo = Photo(image=image, **fields)
    photo.full_clean()
    photo.save()
    return photo
