"""PDF: refused when it holds JavaScript, a launch action or attached files, even compressed."""

import contextlib
import re
import zlib

from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

from .kinds import KINDS
from .refusals import refuse, uncompressed_limit

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


def inspect_pdf(data):
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
    scanner = _PdfScanner(uncompressed_limit(len(data)))
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
