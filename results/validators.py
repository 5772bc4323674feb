"""What an action's document accepts, checked by content with :mod:`core.files`.

The validator keeps its name: migrations refer to it.
"""

from django.conf import settings

from core.files import DEFAULT_MAX_UPLOAD_SIZE, DOCUMENT_KINDS, FileContentValidator


def max_upload_size():
    """``RESULTS_MAX_UPLOAD_SIZE``: the largest document staff may upload, in bytes."""
    return getattr(settings, "RESULTS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


# Documents and images (a photo report may be a single picture), never an archive.
validate_document_file = FileContentValidator(DOCUMENT_KINDS, max_size=max_upload_size)
