"""The kinds of file the checker tells apart: what each is stored and served as."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str  # the one a stored file is given
    content_type: str
    label: str  # translatable (lazy): str() it before joining
    other_extensions: tuple[str, ...] = ()  # others its files are named with

    @property
    def extensions(self):
        """Every extension a file of this kind may be named with, lowercase, without the dot."""
        return (self.extension, *self.other_extensions)


KINDS = {
    kind.code: kind
    for kind in [
        FileKind("pdf", "pdf", "application/pdf", "PDF"),
        FileKind("odt", "odt", "application/vnd.oasis.opendocument.text", _("OpenDocument texte")),
        FileKind(
            "ods",
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            _("OpenDocument classeur"),
        ),
        FileKind(
            "odp",
            "odp",
            "application/vnd.oasis.opendocument.presentation",
            _("OpenDocument présentation"),
        ),
        FileKind(
            "odg", "odg", "application/vnd.oasis.opendocument.graphics", _("OpenDocument dessin")
        ),
        FileKind(
            "docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word",
        ),
        FileKind(
            "xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel",
        ),
        FileKind(
            "pptx",
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint",
        ),
        FileKind("doc", "doc", "application/msword", "Word 97-2003"),
        FileKind("xls", "xls", "application/vnd.ms-excel", "Excel 97-2003"),
        FileKind("ppt", "ppt", "application/vnd.ms-powerpoint", "PowerPoint 97-2003"),
        FileKind("csv", "csv", "text/csv; charset=utf-8", "CSV", ("tsv",)),
        FileKind("txt", "txt", "text/plain; charset=utf-8", _("Texte")),
        FileKind("png", "png", "image/png", "PNG"),
        FileKind("jpeg", "jpg", "image/jpeg", "JPEG", ("jpeg",)),
        FileKind("webp", "webp", "image/webp", "WebP"),
        FileKind("zip", "zip", "application/zip", "ZIP"),
    ]
}
KIND_BY_EXTENSION = {kind.extension: kind for kind in KINDS.values()}

IMAGE_KINDS = frozenset({"png", "jpeg", "webp"})
OFFICE_KINDS = frozenset({"odt", "ods", "odp", "odg", "docx", "xlsx", "pptx", "doc", "xls", "ppt"})
# What a ZIP kit may hold: every kind but another archive.
DOCUMENT_KINDS = frozenset({"pdf", "csv", "txt", *OFFICE_KINDS, *IMAGE_KINDS})
