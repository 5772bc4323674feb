"""Checks uploaded files by their content, never by their name or the browser's declared type.

Accepted: PDF, OpenDocument, Office Open XML and legacy Office (OLE2) documents, CSV and UTF-8
text, PNG, JPEG and WebP images, and ZIP kits whose every member is one of those. Refused, with
the reason: executables (ELF, PE, Mach-O), scripts (``#!``), HTML, SVG and XML, PDF active content,
Office macros and embedded packages, encrypted or unknown content, other archive formats, and
archives holding anything refused.

The kind found also names the stored file (its extension) and gives the download its content
type, so a file is always served as what it really is. A small module of our own rather than
libmagic (absent from a fresh machine) or a magic-number table (``filetype``, ``puremagic``): those
name a type from the first bytes, while a safe answer needs to look inside ZIP containers, read the
OLE2 directory (with ``olefile``) and tell text from markup.
"""

import contextlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass

import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

DEFAULT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024

# ZIP containers: many members or a huge uncompressed size would be a « zip bomb ».
MAX_ARCHIVE_MEMBERS = 10_000
MAX_UNCOMPRESSED_RATIO = 50
MAX_NESTING = 2
SNIFF_SIZE = 512


@dataclass(frozen=True)
class FileKind:
    code: str
    extension: str
    content_type: str
    label: str  # translatable (lazy): str() it before joining


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
        FileKind("csv", "csv", "text/csv; charset=utf-8", "CSV"),
        FileKind("txt", "txt", "text/plain; charset=utf-8", _("Texte")),
        FileKind("png", "png", "image/png", "PNG"),
        FileKind("jpeg", "jpg", "image/jpeg", "JPEG"),
        FileKind("webp", "webp", "image/webp", "WebP"),
        FileKind("zip", "zip", "application/zip", "ZIP"),
    ]
}
KIND_BY_EXTENSION = {kind.extension: kind for kind in KINDS.values()}

IMAGE_KINDS = frozenset({"png", "jpeg", "webp"})
OFFICE_KINDS = frozenset({"odt", "ods", "odp", "odg", "docx", "xlsx", "pptx", "doc", "xls", "ppt"})
DOCUMENT_KINDS = frozenset({"pdf", "csv", "txt", *OFFICE_KINDS, *IMAGE_KINDS})
RESOURCE_KINDS = DOCUMENT_KINDS | {"zip"}

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
MACH_O_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
OTHER_ARCHIVES = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF", "CAB"),
)
DANGEROUS_EXTENSIONS = frozenset(
    {
        "app",
        "bat",
        "cmd",
        "com",
        "cpl",
        "dll",
        "exe",
        "hta",
        "htm",
        "html",
        "jar",
        "js",
        "jse",
        "lnk",
        "msi",
        "ps1",
        "reg",
        "scr",
        "sh",
        "svg",
        "vbe",
        "vbs",
        "wsf",
        "xhtml",
    }
)
# Markup a browser would render (and run scripts in) if it ever displayed the file.
MARKUP_MARKERS = (
    ("<svg", _("une image SVG, qui peut contenir des scripts")),
    ("<?xml", _("un document XML, qui peut cacher du HTML ou du SVG")),
    ("<!doctype", _("une page HTML")),
    ("<html", _("une page HTML")),
    ("<script", _("du code JavaScript")),
    ("<iframe", _("une page HTML")),
    ("<body", _("une page HTML")),
    ("<object", _("une page HTML")),
    ("<embed", _("une page HTML")),
)
PDF_ACTIVE_CONTENT = (
    (b"/JavaScript", _("du JavaScript")),
    (b"/Launch", _("une commande qui lance un programme")),
    (b"/EmbeddedFile", _("des fichiers joints")),
)
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# The longest marker written with every letter escaped (« /#45#6d… »), and some margin.
PDF_SCAN_OVERLAP = 64
PDF_INFLATE_PIECE = 256 * 1024
PDF_NAME = rb"/[^\s/\[\]<>()%{}]*"
PDF_STREAM_KEYWORD = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
# Bounded repeats: a long run of digits or spaces never makes the search quadratic.
PDF_OBJECT_HEADER = re.compile(rb"(?<!\d)\d{1,10}\s{1,32}\d{1,5}\s{1,32}obj(?![A-Za-z])")
PDF_FILTER = re.compile(rb"/Filter\s*(?:\[(?P<names>[^\]]*)\]|/(?P<name>[^\s/\[\]<>()%{}]+))")
PDF_TYPE = re.compile(rb"/Type(?![^\s/\[\]<>()%{}])\s*(?P<name>" + PDF_NAME + rb")?")
PDF_PREDICTOR = re.compile(rb"/Predictor(?![^\s/\[\]<>()%{}])\s*(?P<value>\d*)")
PDF_FLATE = frozenset({b"FlateDecode", b"Fl"})
OLE_MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})
ODF_MACRO_FOLDERS = ("Basic/", "Scripts/")
WINDOWS_DRIVE = re.compile(r"[A-Za-z]:")
# Control characters that never appear in text (tabulation, line and page breaks excepted).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def max_upload_size():
    return getattr(settings, "CRESI_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def refuse(message, code, **params):
    return ValidationError(message, code=code, params=params)


def _not_a_document(what):
    return refuse(
        _(
            "Ce fichier est %(what)s, pas un document : il est refusé, quel que soit son "
            "nom. Déposez un PDF, un document OpenDocument ou Office, un CSV, un texte ou une "
            "image."
        ),
        "dangerous",
        what=what,
    )


def _executable_reason(head):
    if head.startswith(b"\x7fELF"):
        return _("un programme exécutable (ELF, Linux)")
    if head.startswith(MACH_O_MAGICS):
        return _("un programme exécutable (Mach-O, macOS, ou Java)")
    if head.startswith(b"MZ"):
        offset = int.from_bytes(head[0x3C:0x40], "little") if len(head) >= 0x40 else None
        is_pe = offset is not None and head[offset : offset + 4] == b"PE\x00\x00"
        if is_pe or b"\x00" in head[:64]:
            return _("un programme exécutable (Windows)")
    if head.startswith(b"#!"):
        return _("un script (il commence par « #! »)")
    return None


def inspect(data, *, name="", allowed=RESOURCE_KINDS, depth=0):
    """The :class:`FileKind` of ``data`` (bytes); ``ValidationError`` saying why if refused."""
    if not data:
        raise refuse(_("Le fichier est vide."), "empty")
    reason = _executable_reason(data[:4096])
    if reason:
        raise _not_a_document(reason)
    if data.startswith(b"%PDF-"):
        kind = _inspect_pdf(data)
    elif data.startswith(ZIP_MAGICS):
        kind = _inspect_zip(data, depth=depth)
    elif data.startswith(OLE2_MAGIC):
        kind = _inspect_ole(data)
    elif data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        kind = KINDS["png"]
    elif data.startswith(b"\xff\xd8\xff"):
        kind = KINDS["jpeg"]
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:15] == b"VP8":
        kind = KINDS["webp"]
    else:
        for magic, archive in OTHER_ARCHIVES:
            if data.startswith(magic):
                raise refuse(
                    _(
                        "Les archives %(format)s ne sont pas acceptées, car leur contenu ne "
                        "peut pas être vérifié : utilisez une archive ZIP."
                    ),
                    "archive",
                    format=archive,
                )
        kind = _inspect_text(data, name)
    if kind.code not in allowed:
        raise refuse(
            _("Ce fichier est au format %(format)s, qui n'est pas accepté ici (%(accepted)s)."),
            "not_allowed",
            format=kind.label,
            accepted=", ".join(sorted(str(KINDS[code].label) for code in allowed)),
        )
    return kind


def _pdf_refusal(what):
    return refuse(
        _(
            "Ce PDF contient %(what)s, qui pourrait s'exécuter à l'ouverture. "
            "Enregistrez-le à nouveau (« Imprimer en PDF ») sans ce contenu."
        ),
        "pdf_active_content",
        what=what,
    )


def _pdf_unreadable(reason):
    return refuse(
        _(
            "Ce PDF ne peut pas être vérifié (%(reason)s) : il est refusé. Enregistrez-le à "
            "nouveau (« Imprimer en PDF »)."
        ),
        "pdf_unreadable",
        reason=reason,
    )


def _unescape_pdf_names(data):
    """Names may hide letters as #xx escapes (/J#61vaScript is /JavaScript)."""
    if b"#" not in data:
        return data
    return PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match[1], 16)]), data)


class _PdfScanner:
    """Looks for active content in a PDF's bytes and in what its compressed streams hold.

    Output is read piece by piece, each with the end of the piece before, so a marker (or an
    escape such as ``#61``) cut between two pieces is still found; at most one piece is held.
    """

    def __init__(self, limit):
        self.limit = limit
        self.inflated = 0

    def scan(self, data):
        data = _unescape_pdf_names(data)
        for marker, what in PDF_ACTIVE_CONTENT:
            if marker in data:
                raise _pdf_refusal(what)

    def inflate(self, data, start):
        """Inflates the zlib stream at ``data[start:]`` and scans it; ``zlib.error`` if damaged.

        Refuses the PDF as soon as everything inflated so far exceeds ``limit`` (a « bomb »).
        """
        inflater = zlib.decompressobj()
        position, pending, tail = start, b"", b""
        while not inflater.eof:
            if not pending:
                pending = data[position : position + PDF_INFLATE_PIECE]
                position += len(pending)
                if not pending:
                    raise zlib.error("the compressed stream is cut short")
            piece = inflater.decompress(pending, PDF_INFLATE_PIECE)
            pending = inflater.unconsumed_tail
            self.inflated += len(piece)
            if self.inflated > self.limit:
                raise refuse(
                    _(
                        "Ce PDF se décompresse en plus de %(size)s, bien plus que son poids : "
                        "il est refusé par prudence."
                    ),
                    "zip_bomb",
                    size=file_size(self.limit),
                )
            self.scan(tail + piece)
            tail = piece[-PDF_SCAN_OVERLAP:]


def _pdf_stream_dictionary(data, stream_start, search_from):
    """The dictionary of the stream whose ``stream`` keyword is at ``stream_start``: the text
    from its object's header (``12 0 obj``) to the keyword, names unescaped."""
    header_end = search_from
    for header in PDF_OBJECT_HEADER.finditer(data, search_from, stream_start):
        header_end = header.end()
    return _unescape_pdf_names(data[header_end:stream_start])


def _pdf_filters(dictionary):
    """The stream's filter names, in order; ``None`` when they cannot be read (a reference)."""
    match = PDF_FILTER.search(dictionary)
    if match is None:
        return None if b"/Filter" in dictionary else []
    if match["name"]:
        return [match["name"]]
    names = match["names"].split()
    if not all(name.startswith(b"/") for name in names):
        return None
    return [name.removeprefix(b"/") for name in names]


def _is_object_stream(dictionary):
    """An object stream (``/Type /ObjStm``) has ``/First``, which no other stream has; a
    ``/Type`` that is not a plain name (a reference to another object) is taken as one too."""
    kind = PDF_TYPE.search(dictionary)
    return (
        b"/ObjStm" in dictionary
        or b"/First" in dictionary
        or (kind is not None and not kind["name"])
    )


def _inspect_pdf(data):
    """A PDF with no JavaScript, launch action or attached file, even compressed or escaped.

    PDF objects are either written in the file or, since PDF 1.5, compressed in object streams
    (``/Type /ObjStm``). The file is scanned, then every FlateDecode stream is inflated (within
    a bound on the total, against « bombs ») and scanned too. An object stream we cannot read
    – another filter, a predictor, damaged or encrypted data – could hide any object, so the
    PDF is refused. Other streams we do not read (DCT, JPX, JBIG2 or CCITT images, LZW or
    ASCII85 page content, damaged data) hold pixels or drawing commands, never objects, and
    are left alone. Every ``stream`` keyword is looked at, even inside another stream's data:
    readers find objects by their offset, wherever they are.
    """
    if b"%%EOF" not in data[-2048:]:
        raise refuse(
            _("Ce PDF est incomplet ou endommagé (il ne se termine pas par « %%EOF »)."),
            "damaged",
        )
    scanner = _PdfScanner(MAX_UNCOMPRESSED_RATIO * max(len(data), 1024 * 1024))
    scanner.scan(data)
    search_from = 0
    for keyword in PDF_STREAM_KEYWORD.finditer(data):
        dictionary = _pdf_stream_dictionary(data, keyword.start(), search_from)
        search_from = keyword.end()
        filters = _pdf_filters(dictionary)
        inflatable = filters is not None and len(filters) == 1 and filters[0] in PDF_FLATE
        if _is_object_stream(dictionary) and filters != []:  # uncompressed: scanned above
            predictor = PDF_PREDICTOR.search(dictionary)
            if not inflatable or (predictor and predictor["value"] != b"1"):
                raise _pdf_unreadable(_("objets compressés dans un format non lu"))
            try:
                scanner.inflate(data, keyword.end())
            except zlib.error as error:
                raise _pdf_unreadable(_("objets compressés endommagés ou chiffrés")) from error
        elif inflatable:
            with contextlib.suppress(zlib.error):  # damaged content, but no objects
                scanner.inflate(data, keyword.end())
    return KINDS["pdf"]


def _escapes_extraction_folder(name):
    """An absolute path (``/etc/…``, ``C:…``, ``\\\\server\\…``) or one climbing out (``../``)."""
    path = name.replace("\\", "/")
    return path.startswith("/") or bool(WINDOWS_DRIVE.match(path)) or ".." in path.split("/")


def _open_zip(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise refuse(_("Cette archive ZIP est endommagée."), "damaged") from error
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise refuse(
            _("Cette archive contient trop de fichiers (plus de %(count)s)."),
            "zip_bomb",
            count=MAX_ARCHIVE_MEMBERS,
        )
    uncompressed = sum(member.file_size for member in members)
    if uncompressed > MAX_UNCOMPRESSED_RATIO * max(len(data), 1024 * 1024):
        raise refuse(
            _(
                "Cette archive se décompresse en %(size)s, bien plus que son poids : elle "
                "est refusée par prudence."
            ),
            "zip_bomb",
            size=file_size(uncompressed),
        )
    for member in members:
        if _escapes_extraction_folder(member.filename):
            raise refuse(
                _(
                    "L'archive contient « %(name)s », un chemin qui sort du dossier où elle "
                    "serait décompressée : elle est refusée."
                ),
                "unsafe_path",
                name=member.filename[:200],
            )
    if any(member.flag_bits & 0x1 for member in members):
        raise refuse(
            _("Cette archive est chiffrée : son contenu ne peut pas être vérifié."),
            "encrypted",
        )
    return archive, members


def _read(archive, member, size=-1):
    try:
        with archive.open(member) as stream:
            return stream.read(size)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
        raise refuse(
            _("Le fichier « %(name)s » de l'archive ne peut pas être lu."),
            "damaged",
            name=member.filename,
        ) from error


def _refuse_member(member, reason):
    return refuse(
        _("L'archive contient « %(name)s », %(reason)s : elle est refusée."),
        "dangerous_member",
        name=member.filename,
        reason=reason,
    )


def _check_container_member(archive, member, depth):
    """Members of an office document: no executable, script, macro or embedded package.

    SVG and HTML parts are left alone here: Office itself stores icons as SVG inside a document,
    and they are never served by the portal, only rendered by the office suite.
    """
    extension = member.filename.rsplit(".", 1)[-1].lower() if "." in member.filename else ""
    if extension in DANGEROUS_EXTENSIONS - {"svg", "htm", "html", "xhtml"}:
        raise _refuse_member(member, _("un fichier exécutable ou un script"))
    head = _read(archive, member, SNIFF_SIZE)
    reason = _executable_reason(head)
    if reason:
        raise _refuse_member(member, reason)
    if head.startswith(OLE2_MAGIC):
        _check_ole_content(_read(archive, member))
    elif head.startswith(ZIP_MAGICS):
        if depth >= MAX_NESTING:
            raise _refuse_member(member, _("une archive imbriquée trop profondément"))
        inspect(_read(archive, member), name=member.filename, allowed=OFFICE_KINDS, depth=depth + 1)


def _inspect_zip(data, *, depth):
    archive, members = _open_zip(data)
    with archive:
        names = {member.filename for member in members}
        if "mimetype" in names:
            kind = _odf_kind(archive)
            if any(name.startswith(ODF_MACRO_FOLDERS) for name in names):
                raise refuse(_("Ce document contient des macros, qui sont refusées."), "macros")
        elif "[Content_Types].xml" in names:
            kind = _ooxml_kind(archive, names)
        else:
            return _inspect_kit(archive, members, depth=depth)
        for member in members:
            if not member.is_dir():
                _check_container_member(archive, member, depth)
        return kind


def _odf_kind(archive):
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if "META-INF/manifest.xml" not in archive.namelist():
        raise refuse(_("Ce document OpenDocument est endommagé (son manifeste manque)."), "damaged")
    prefix = "application/vnd.oasis.opendocument."
    code = {"text": "odt", "spreadsheet": "ods", "presentation": "odp", "graphics": "odg"}.get(
        mimetype.removeprefix(prefix) if mimetype.startswith(prefix) else ""
    )
    if code is None:
        raise refuse(
            _("Ce document OpenDocument est d'un type non accepté (%(type)s)."),
            "not_allowed",
            type=mimetype[:100],
        )
    return KINDS[code]


def _ooxml_kind(archive, names):
    content_types = archive.read("[Content_Types].xml")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or (
        b"macroEnabled" in content_types
    ):
        raise refuse(_("Ce document contient des macros, qui sont refusées."), "macros")
    for folder, code in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(name.startswith(folder) for name in names):
            return KINDS[code]
    raise refuse(
        _("Cette archive se présente comme un document Office, mais n'en est pas un."),
        "not_allowed",
    )


def _inspect_kit(archive, members, *, depth):
    """A plain ZIP (an event kit): every member must itself be an accepted document."""
    if depth > 0:
        raise refuse(_("Les archives imbriquées dans une archive sont refusées."), "nested")
    limit = max_upload_size()
    if sum(member.file_size for member in members) > 5 * limit:
        raise refuse(_("Cette archive est trop volumineuse une fois décompressée."), "zip_bomb")
    for member in members:
        if member.is_dir():
            continue
        extension = member.filename.rsplit(".", 1)[-1].lower() if "." in member.filename else ""
        if extension in DANGEROUS_EXTENSIONS:
            raise _refuse_member(member, _("un fichier exécutable, un script ou une page web"))
        if member.file_size > limit:
            raise _refuse_member(member, _("un fichier trop volumineux"))
        try:
            inspect(
                _read(archive, member),
                name=member.filename,
                allowed=DOCUMENT_KINDS,
                depth=depth + 1,
            )
        except ValidationError as error:
            raise refuse(
                _("L'archive contient « %(name)s », refusé : %(reason)s"),
                "dangerous_member",
                name=member.filename,
                reason=" ".join(error.messages),
            ) from error
    return KINDS["zip"]


def _ole_entries(data):
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {
                tuple(part.lower() for part in entry)
                for entry in ole.listdir(streams=True, storages=True)
            }
    except (OSError, ValueError, IndexError, TypeError) as error:
        raise refuse(_("Ce document Office ancien est endommagé."), "damaged") from error


def _check_ole_content(data):
    entries = _ole_entries(data)
    parts = {part for entry in entries for part in entry}
    if "encryptedpackage" in parts:
        raise refuse(
            _("Ce document est chiffré : son contenu ne peut pas être vérifié."),
            "encrypted",
        )
    if parts & OLE_MACRO_STORAGES:
        raise refuse(_("Ce document contient des macros, qui sont refusées."), "macros")
    if "\x01ole10native" in parts:
        raise refuse(
            _("Ce document contient un fichier incorporé (objet « package »), refusé."),
            "embedded_package",
        )
    return parts


def _inspect_ole(data):
    parts = _check_ole_content(data)
    if "worddocument" in parts:
        return KINDS["doc"]
    if "workbook" in parts or "book" in parts:
        return KINDS["xls"]
    if "powerpoint document" in parts:
        return KINDS["ppt"]
    raise refuse(
        _(
            "Ce fichier au format Microsoft OLE n'est ni un document Word, ni un classeur "
            "Excel, ni une présentation PowerPoint (un installateur MSI, par exemple) : il "
            "est refusé."
        ),
        "not_allowed",
    )


def _inspect_text(data, name):
    if b"\x00" in data:
        raise refuse(_("Le format de ce fichier n'est pas reconnu : il est refusé."), "unknown")
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(
            _(
                "Ce fichier texte n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
                "puis déposez-le à nouveau."
            ),
            "encoding",
        ) from error
    # The whole text (no larger than the upload limit): markup may hide after a harmless start.
    if CONTROL_CHARACTERS.search(text):
        raise refuse(_("Le format de ce fichier n'est pas reconnu : il est refusé."), "unknown")
    lowered = text.lower()
    for marker, what in MARKUP_MARKERS:
        if marker in lowered:
            raise _not_a_document(what)
    if text.lstrip().startswith("<"):
        raise _not_a_document(_("une page HTML"))
    is_csv = name.lower().endswith((".csv", ".tsv"))
    return KINDS["csv" if is_csv else "txt"]


def _upload_file(value):
    """The uploaded ``File`` behind a model's ``FieldFile``, or the file itself."""
    return value.file if isinstance(value, FieldFile) else value


def _read_upload(value, limit):
    fileobj = _upload_file(value)
    fileobj.seek(0)
    data = fileobj.read(limit + 1)
    fileobj.seek(0)
    return fileobj, data


def inspect_upload(value, *, allowed):
    """Checks an uploaded file (size, then content) and returns its :class:`FileKind`.

    The kind is remembered on the uploaded file so that the ``upload_to`` functions name the
    stored file without reading it again.
    """
    limit = max_upload_size()
    size = getattr(value, "size", None)
    if size is not None and size > limit:
        raise refuse(
            _("Ce fichier pèse %(size)s ; la limite est de %(limit)s."),
            "too_large",
            size=file_size(size),
            limit=file_size(limit),
        )
    fileobj, data = _read_upload(value, limit)
    if len(data) > limit:
        raise refuse(
            _("Ce fichier dépasse la limite de %(limit)s."),
            "too_large",
            limit=file_size(limit),
        )
    kind = inspect(data, name=getattr(value, "name", "") or "", allowed=allowed)
    fileobj.detected_kind = kind
    return kind


def _is_new_upload(value):
    return bool(value) and not getattr(value, "_committed", False)


def validate_resource_file(value):
    """Field validator: a document, image or ZIP kit (files already stored are not re-read)."""
    if _is_new_upload(value):
        inspect_upload(value, allowed=RESOURCE_KINDS)


def validate_cover_image(value):
    """Field validator: a PNG, JPEG or WebP image."""
    if _is_new_upload(value):
        inspect_upload(value, allowed=IMAGE_KINDS)


def detected_kind(field_file, allowed):
    """The kind found by validation, or found now if the upload skipped validation."""
    kind = getattr(_upload_file(field_file), "detected_kind", None)
    if kind is None or kind.code not in allowed:
        kind = inspect_upload(field_file, allowed=allowed)
    return kind
