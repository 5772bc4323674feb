"""PDF: refused when it holds JavaScript, XFA forms, multimedia, attached files, or actions that
launch a program or open another file, even compressed, escaped or added by an update."""

import contextlib
import re
import zlib

from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

from .kinds import KINDS
from .refusals import refuse, uncompressed_limit

JAVASCRIPT = _("du JavaScript, qui pourrait s'exécuter à l'ouverture")
ATTACHMENTS = _(
    "des fichiers joints, tous refusés car leur contenu ne peut pas être vérifié ici (déposez-les "
    "à part)"
)
OTHER_FILE = _("un lien qui ouvre un autre fichier, sur l'ordinateur ou sur le réseau")
# Names a reader acts on. Long enough never to appear by chance in binary data (images, fonts),
# so they are looked for everywhere: the file's bytes and every stream it compresses. A name is
# found at the start of a longer one too (/RichMediaExecute, /EmbeddedFiles).
PDF_ACTIVE_NAMES = (
    # JavaScript actions, and the document's list of scripts run at opening.
    (b"/JavaScript", JAVASCRIPT),
    # Scripts of 3D annotations.
    (b"/OnInstantiate", JAVASCRIPT),
    (b"/Launch", _("une commande qui lance un programme")),
    # Multimedia actions: they start a player, and may carry JavaScript (/JS).
    (
        b"/Rendition",
        _("une action multimédia (« Rendition »), qui peut lancer un lecteur ou du JavaScript"),
    ),
    # Flash, video or 3D annotations, and the actions that drive them.
    (b"/RichMedia", _("du contenu « RichMedia » (Flash, vidéo ou 3D), qui peut exécuter du code")),
    # Attached files (/EmbeddedFile streams, the /EmbeddedFiles list, attachment annotations):
    # an executable is only a double-click away, and a document inside a PDF cannot be checked.
    (b"/EmbeddedFile", ATTACHMENTS),
    (b"/FileAttachment", ATTACHMENTS),
    # Go to a page of another PDF, or of an attached one: the file is opened, even on a network
    # share, where Windows sends the user's credentials to the server (« BadPDF »).
    (b"/GoToR", OTHER_FILE),
    (b"/GoToE", OTHER_FILE),
)
# Keys too short to look for in binary data, where they would turn up by chance (a 20 MB image
# holds any three given bytes more than once): looked for, as whole names, only where objects are
# written, the file outside stream data and object streams. /JS is an action's script, /EF a
# file specification's attached file, /XFA a form's XFA scripts.
PDF_ACTIVE_KEYS = {
    b"JS": JAVASCRIPT,
    b"EF": ATTACHMENTS,
    b"XFA": _("un formulaire XFA, dont les scripts s'exécutent à l'ouverture"),
}
PDF_DELIMITERS = rb"\s/\[\]<>()%{}"
# One search for every name (far quicker than one per name over hundreds of megabytes).
PDF_ACTIVE_NAME = re.compile(b"|".join(re.escape(name) for name, _what in PDF_ACTIVE_NAMES))
PDF_ACTIVE_NAME_REASONS = dict(PDF_ACTIVE_NAMES)
PDF_ACTIVE_KEY = re.compile(rb"/(JS|EF|XFA)(?![^" + PDF_DELIMITERS + rb"])")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# The longest marker written with every letter escaped (« /#4F#6e… »), and some margin.
PDF_SCAN_OVERLAP = 64
PDF_INFLATE_PIECE = 256 * 1024
PDF_NAME = rb"/[^" + PDF_DELIMITERS + rb"]*"
# Starts with its literal, which a search finds quickly; the end of ``endstream`` is told apart
# in _stream_keywords (a look-behind here made the search ten times slower over binary data).
PDF_STREAM_KEYWORD = re.compile(rb"stream(?:\r\n|\n|\r)")
PDF_END_STREAM = b"endstream"
# Bounded repeats: a long run of digits or spaces never makes the search quadratic.
PDF_OBJECT_HEADER = re.compile(rb"(?<!\d)\d{1,10}\s{1,32}\d{1,5}\s{1,32}obj(?![A-Za-z])")
PDF_OBJECT_HEADER_LENGTH = 10 + 32 + 5 + 32 + len(b"obj")
PDF_FILTER = re.compile(
    rb"/Filter\s*(?:\[(?P<names>[^\]]*)\]|/(?P<name>[^" + PDF_DELIMITERS + rb"]+))"
)
PDF_TYPE = re.compile(rb"/Type(?![^" + PDF_DELIMITERS + rb"])\s*(?P<name>" + PDF_NAME + rb")?")
PDF_PREDICTOR = re.compile(rb"/Predictor(?![^" + PDF_DELIMITERS + rb"])\s*(?P<value>\d*)")
PDF_FLATE = frozenset({b"FlateDecode", b"Fl"})


def _pdf_refusal(what):
    return refuse(
        _(
            "Ce PDF contient %(what)s. Enregistrez-le à nouveau (« Imprimer en PDF ») sans "
            "ce contenu."
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

    def scan(self, data, *, objects, final=True):
        """Refuses ``data`` if it holds an active name; with ``objects`` (text where objects are
        written), an active key too. Unless ``final``, a key at the very end is left for the
        next piece, which may go on with the key's name (``/JS`` then ``ON``)."""
        data = _unescape_pdf_names(data)
        name = PDF_ACTIVE_NAME.search(data)
        if name:
            raise _pdf_refusal(PDF_ACTIVE_NAME_REASONS[name[0]])
        if objects:
            for key in PDF_ACTIVE_KEY.finditer(data):
                if final or key.end() < len(data):
                    raise _pdf_refusal(PDF_ACTIVE_KEYS[key[1]])

    def inflate(self, data, start, *, objects):
        """Inflates the zlib stream at ``data[start:]`` and scans it (for keys too if it holds
        ``objects``); ``zlib.error`` if damaged.

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
            self.scan(tail + piece, objects=objects, final=inflater.eof)
            tail = piece[-PDF_SCAN_OVERLAP:]


def _outside_streams(data):
    """The file's bytes but the data of its streams, where objects are written. A stream with no
    ``endstream`` runs to the end: the rest is kept, as objects a lenient reader might find."""
    pieces, position = [], 0
    for keyword in _stream_keywords(data):
        if keyword.start() < position:  # in the data of the stream before
            continue
        pieces.append(data[position : keyword.start()])
        end = data.find(PDF_END_STREAM, keyword.end())
        if end < 0:
            return b"\n".join(pieces)
        position = end + len(PDF_END_STREAM)
    pieces.append(data[position:])
    return b"\n".join(pieces)


def _stream_keywords(data):
    """Each ``stream`` keyword of ``data`` (not the end of ``endstream``)."""
    for keyword in PDF_STREAM_KEYWORD.finditer(data):
        start = keyword.start()
        if not data[start - 1 : start].isalpha():
            yield keyword


def _pdf_stream_dictionary(data, stream_start, search_from):
    """The dictionary of the stream whose ``stream`` keyword is at ``stream_start``: the text
    from its object's header (``12 0 obj``) to the keyword, names unescaped."""
    header_end, end = search_from, stream_start
    # The last header before the keyword: each « obj » from the end (quick to find, even after
    # megabytes of another stream's data) until one ends a header.
    while (obj := data.rfind(b"obj", search_from, end)) >= 0:
        window = max(search_from, obj - PDF_OBJECT_HEADER_LENGTH)
        headers = PDF_OBJECT_HEADER.finditer(data, window, min(obj + 4, stream_start))
        if any(header.end() == obj + 3 for header in headers):
            header_end = obj + 3
            break
        end = obj
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
    """A PDF with no JavaScript, XFA form, multimedia, attached file, or action that launches a
    program or opens another file, even compressed, escaped or added by an incremental update.

    PDF objects are either written in the file or, since PDF 1.5, compressed in object streams
    (``/Type /ObjStm``). The file is scanned, then every FlateDecode stream is inflated (within
    a bound on the total, against « bombs ») and scanned too. An object stream we cannot read
    – another filter, a predictor, damaged or encrypted data – could hide any object, so the
    PDF is refused. Other streams we do not read (DCT, JPX, JBIG2 or CCITT images, LZW or
    ASCII85 page content, damaged data) hold pixels or drawing commands, never objects, and
    are left alone. Every ``stream`` keyword is looked at, even inside another stream's data:
    readers find objects by their offset, wherever they are.

    An ``/OpenAction`` or ``/AA`` (actions run when the document, a page or a field opens)
    pointing to one of those is refused with it: the action it points to names its kind
    (``/S /JavaScript``), wherever it is written. Links to web pages (``/URI``) are accepted.
    """
    if b"%%EOF" not in data[-2048:]:
        raise refuse(
            _("Ce PDF est incomplet ou endommagé (il ne se termine pas par « %%EOF »)."),
            "damaged",
        )
    scanner = _PdfScanner(uncompressed_limit(len(data)))
    scanner.scan(data, objects=False)
    scanner.scan(_outside_streams(data), objects=True)
    search_from = 0
    for keyword in _stream_keywords(data):
        dictionary = _pdf_stream_dictionary(data, keyword.start(), search_from)
        search_from = keyword.end()
        filters = _pdf_filters(dictionary)
        inflatable = filters is not None and len(filters) == 1 and filters[0] in PDF_FLATE
        if _is_object_stream(dictionary) and filters != []:  # uncompressed: scanned above
            predictor = PDF_PREDICTOR.search(dictionary)
            if not inflatable or (predictor and predictor["value"] != b"1"):
                raise _pdf_unreadable(_("objets compressés dans un format non lu"))
            try:
                scanner.inflate(data, keyword.end(), objects=True)
            except zlib.error as error:
                raise _pdf_unreadable(_("objets compressés endommagés ou chiffrés")) from error
        elif inflatable:
            with contextlib.suppress(zlib.error):  # damaged content, but no objects
                scanner.inflate(data, keyword.end(), objects=False)
    return KINDS["pdf"]
