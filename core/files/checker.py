"""The entry points: a file's content (bytes or an upload) in, its kind out, or the reason it is
refused."""

from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

from .archives import ZIP_MAGICS, inspect_zip, refuse_other_archive
from .images import image_kind, inspect_image
from .kinds import KINDS
from .office import OLE2_MAGIC, inspect_ole
from .pdf import inspect_pdf
from .refusals import executable_reason, not_a_document, not_allowed, refuse
from .text import inspect_text

DEFAULT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024


def _check(data, *, name, allowed_kinds, max_size, depth):
    if not data:
        raise refuse(_("Le fichier est vide."), "empty")
    reason = executable_reason(data[:4096])
    if reason:
        raise not_a_document(reason)
    if data.startswith(b"%PDF-"):
        kind = inspect_pdf(data)
    elif data.startswith(ZIP_MAGICS):
        kind = inspect_zip(
            data, check=_check, allowed_kinds=allowed_kinds, max_size=max_size, depth=depth
        )
    elif data.startswith(OLE2_MAGIC):
        kind = inspect_ole(data)
    elif image_kind(data):
        kind = inspect_image(data)
    else:
        refuse_other_archive(data)
        kind = inspect_text(data, name)
    if kind.code not in allowed_kinds:
        raise not_allowed(kind, allowed_kinds)
    return kind


def check_content(data, *, allowed_kinds, name="", max_size=DEFAULT_MAX_UPLOAD_SIZE):
    """The :class:`~core.files.kinds.FileKind` of ``data`` (bytes) if it is one of
    ``allowed_kinds`` (codes of :data:`~core.files.kinds.KINDS`); ``ValidationError`` saying
    why if refused.

    ``name`` only tells a CSV from a text; ``max_size`` bounds each member of a ZIP kit.
    """
    return _check(data, name=name, allowed_kinds=allowed_kinds, max_size=max_size, depth=0)


def _upload_file(value):
    """The uploaded ``File`` behind a model's ``FieldFile``, or the file itself."""
    return value.file if isinstance(value, FieldFile) else value


def check_upload(value, *, allowed_kinds, max_size=DEFAULT_MAX_UPLOAD_SIZE):
    """Checks an uploaded file (its size, then its content) and returns its kind.

    The kind is remembered on the uploaded file, so that an ``upload_to`` function names the
    stored file (see :meth:`FileContentValidator.detected_kind`) without reading it again.
    """
    size = getattr(value, "size", None)
    if size is not None and size > max_size:
        raise refuse(
            _("Ce fichier pèse %(size)s ; la limite est de %(limit)s."),
            "too_large",
            size=file_size(size),
            limit=file_size(max_size),
        )
    fileobj = _upload_file(value)
    fileobj.seek(0)
    data = fileobj.read(max_size + 1)
    fileobj.seek(0)
    if len(data) > max_size:
        raise refuse(
            _("Ce fichier dépasse la limite de %(limit)s."),
            "too_large",
            limit=file_size(max_size),
        )
    kind = check_content(
        data,
        allowed_kinds=allowed_kinds,
        name=getattr(value, "name", "") or "",
        max_size=max_size,
    )
    fileobj.detected_kind = kind
    return kind


@deconstructible(path="core.files.FileContentValidator")
class FileContentValidator:
    """A file field's validator: the upload must be one of ``allowed_kinds``, no larger than
    ``max_size`` bytes, or than what ``max_size()`` returns when it is a function (read at each
    upload, so that a setting can give it). Files already stored are not read again.

    The kind found gives the stored file its extension and its download's content type, so a
    file is always served as what it really is.
    """

    def __init__(self, allowed_kinds, max_size=DEFAULT_MAX_UPLOAD_SIZE):
        unknown = set(allowed_kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"Unknown file kinds: {sorted(unknown)}")
        self.allowed_kinds = frozenset(allowed_kinds)
        self.max_size = max_size

    def limit(self):
        return self.max_size() if callable(self.max_size) else self.max_size

    def __call__(self, value):
        if value and not getattr(value, "_committed", False):
            check_upload(value, allowed_kinds=self.allowed_kinds, max_size=self.limit())

    def detected_kind(self, field_file):
        """The kind validation found, or found now if the upload skipped validation."""
        kind = getattr(_upload_file(field_file), "detected_kind", None)
        if kind is None or kind.code not in self.allowed_kinds:
            kind = check_upload(field_file, allowed_kinds=self.allowed_kinds, max_size=self.limit())
        return kind

    def __eq__(self, other):
        return (
            isinstance(other, FileContentValidator)
            and self.allowed_kinds == other.allowed_kinds
            and self.max_size == other.max_size
        )

    def __hash__(self):
        return hash((self.allowed_kinds, self.max_size))
