"""What the resource library accepts, checked by content with :mod:`core.files`.

The field validators keep their names: migrations refer to them.
"""

from django.conf import settings

from core.files import DEFAULT_MAX_UPLOAD_SIZE, DOCUMENT_KINDS, IMAGE_KINDS, FileContentValidator

# Documents and images, and ZIP kits of those (an event's posters, forms and programme).
RESOURCE_KINDS = DOCUMENT_KINDS | {"zip"}


def max_upload_size():
    """``CRESI_MAX_UPLOAD_SIZE``: the largest file staff may upload to the library, in bytes."""
    return getattr(settings, "CRESI_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


# A resource's file: a document, image or ZIP kit.
validate_resource_file = FileContentValidator(RESOURCE_KINDS, max_size=max_upload_size)
# A resource's cover: a PNG, JPEG or WebP image.
validate_cover_image = FileContentValidator(IMAGE_KINDS, max_size=max_upload_size)
