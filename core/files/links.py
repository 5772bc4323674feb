"""What an Office package links to outside itself: content its office suite fetches or runs when
the document opens (a template, an image, an object, a frame or a sheet linked rather than
embedded; DDE, macros, programs), refused; links the reader may click, accepted.

Fetching a linked file tells its server that the document is open, can bring macros along (Word
runs those of a remote template), and on Windows sends the user's credentials to a network share.

Office Open XML names every link in a ``.rels`` part, read with ``pyexpat`` (no DTD, so no entity
can fetch or expand anything). OpenDocument writes links (``xlink:href``) on the elements that use
them, in XML parts that may weigh hundreds of megabytes: they are searched for their few telling
words at the speed of ``bytes.find``, and only the tags holding one are read.
"""

import codecs
import html
import posixpath
import re
import zipfile
from urllib.parse import unquote
from xml.parsers import expat

from django.utils.translation import gettext_lazy as _

from .office import macros_refused
from .refusals import refuse

READ_PIECE = 1024 * 1024

OOXML_RELATIONSHIP_TYPES = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/",  # Strict
)
# A link followed only when the reader clicks it, as a PDF's /URI or an OpenDocument's text:a.
OOXML_CLICKED = frozenset({"hyperlink"})
# Read at opening; accepted from the author's computer (a path there names nothing on the
# reader's), refused from a server.
OOXML_TEMPLATE = "attachedTemplate"
# A part of the package that itself links to other workbooks, or to programs (DDE, OLE links).
OOXML_LINKED_DATA = "externalLink"

# OpenDocument elements whose link is followed only on a click (text and drawing links, image
# maps, form submission and buttons, a presentation's click actions).
ODF_CLICKED = frozenset(
    {"a", "area-rectangle", "area-circle", "area-polygon", "form", "button", "event-listener"}
)
ODF_TEMPLATE = "template"  # meta:template: checked against its template at opening
ODF_DDE = frozenset({"dde-source", "dde-connection-decl", "dde-connection", "dde-link"})
# Words that tell a tag worth reading: a link (an XLink attribute always has a prefix, hence
# « :href »), DDE, an applet, a script or its binding. Each is one pass of ``bytes.find``.
ODF_TELLING_WORDS = (b":href", b"dde-", b"applet", b"event-listener", b"script")
ODF_START_TAG = re.compile(rb"<([^\s/>!?<]+)((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>")
ODF_ATTRIBUTE = re.compile(rb"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
XML_ENCODING = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
# Addresses that run a macro or a script when followed (LibreOffice, browsers).
SCRIPT_SCHEMES = frozenset({"vnd.sun.star.script", "macro", "service", "javascript", "vbscript"})
URI_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


class _Forbidden(Exception):
    """Raised from a pyexpat handler: the part declares a DTD."""


def _refuse_external(target, what):
    return refuse(
        _(
            "Ce document charge « %(target)s », hors du fichier, à son ouverture (%(what)s) : "
            "il est refusé. Incorporez ce contenu au document, ou faites-en un simple lien "
            "hypertexte, puis déposez-le à nouveau."
        ),
        "external_link",
        target=target[:200],
        what=what,
    )


def _refuse_unreadable(reason):
    return refuse(
        _("Ce document ne peut pas être vérifié (%(reason)s) : il est refusé."),
        "unreadable",
        reason=reason,
    )


def _pieces(archive, member):
    """The member's uncompressed bytes, piece by piece."""
    try:
        with archive.open(member) as stream:
            while piece := stream.read(READ_PIECE):
                yield piece
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError) as error:
        raise refuse(
            _("Le fichier « %(name)s » de l'archive ne peut pas être lu."),
            "damaged",
            name=member.filename,
        ) from error


def _cleaned(target):
    """An address as a program reads it: escapes decoded, spaces and controls left out."""
    return "".join(char for char in unquote(target) if char > " ").replace("\\", "/")


def _on_the_authors_computer(target):
    """A relative path, or an absolute one with no server (``C:\\…``, ``file:///C:/…``)."""
    address = _cleaned(target)
    scheme = URI_SCHEME.match(address)
    if scheme is None:
        return not address.startswith("//")  # //server/share
    if len(scheme[1]) == 1:  # a drive letter
        return True
    rest = address[scheme.end() :]
    return scheme[1].lower() == "file" and (
        not rest.startswith("//") or (rest.startswith("///") and not rest.startswith("////"))
    )


def _inside_package(target, part):
    """Whether ``target``, written in the part named ``part``, names a member of the package."""
    address = _cleaned(target).split("#", 1)[0]
    if not address:
        return True  # a place in the document
    if address.startswith("/") or URI_SCHEME.match(address):
        return False
    path = posixpath.normpath(posixpath.join(posixpath.dirname(part), address))
    return path != ".." and not path.startswith("../")


def _runs_a_script(target):
    scheme = URI_SCHEME.match(_cleaned(target))
    return scheme is not None and scheme[1].lower() in SCRIPT_SCHEMES


# Office Open XML


def _forbid_dtd(*args):
    raise _Forbidden


def _relationships(archive, member):
    """The attributes (names lowered, without namespace) of each ``Relationship`` of the
    ``.rels`` part ``member``."""
    found = []

    def start(name, attributes):
        if name.rsplit(" ", 1)[-1] == "Relationship":
            found.append(
                {key.rsplit(" ", 1)[-1].lower(): value for key, value in attributes.items()}
            )

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_dtd
    parser.StartElementHandler = start
    try:
        for piece in _pieces(archive, member):
            parser.Parse(piece, False)
        parser.Parse(b"", True)
    except _Forbidden as error:
        raise _refuse_unreadable(_("déclaration de type XML, ou DOCTYPE")) from error
    except expat.ExpatError as error:
        raise refuse(
            _("Ce document Office est endommagé (« %(name)s » est illisible)."),
            "damaged",
            name=member.filename,
        ) from error
    return found


def _relationship_kind(type_uri):
    for prefix in OOXML_RELATIONSHIP_TYPES:
        if type_uri.startswith(prefix):
            return type_uri.removeprefix(prefix)
    return type_uri.rsplit("/", 1)[-1] or type_uri


def check_ooxml_links(archive, members):
    """Refuses an Office Open XML package with a relationship to outside itself
    (``TargetMode="External"``: a remote template, a linked image, object, frame or video, a
    linked workbook), but for hyperlinks and a template on the author's computer, or with links
    to other workbooks or programs (external links, DDE)."""
    for member in members:
        if not member.filename.lower().endswith(".rels"):
            continue
        for relationship in _relationships(archive, member):
            kind = _relationship_kind(relationship.get("type", "").strip())
            target = relationship.get("target", "").strip()
            if kind == OOXML_LINKED_DATA:
                raise refuse(
                    _(
                        "Ce classeur est lié à d'autres classeurs ou à des programmes (liaisons "
                        "externes, DDE ou OLE), mis à jour à son ouverture : il est refusé. "
                        "Rompez ces liaisons (Données, Modifier les liens), puis déposez-le à "
                        "nouveau."
                    ),
                    "external_link",
                )
            mode = relationship.get("targetmode", "Internal").strip().lower()
            if mode == "internal":
                continue
            if kind in OOXML_CLICKED:
                continue
            if kind == OOXML_TEMPLATE and _on_the_authors_computer(target):
                continue
            raise _refuse_external(target, kind)


# OpenDocument


def _utf8_pieces(archive, member):
    """The member's bytes in UTF-8, piece by piece: a part in another encoding (UTF-16…) is
    read whole and converted, so that the words looked for are found."""
    pieces = _pieces(archive, member)
    first = next(pieces, b"")
    declared = XML_ENCODING.match(first.removeprefix(codecs.BOM_UTF8))
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or first[:4] in (
        b"<\x00?\x00",
        b"\x00<\x00?",
    ):
        encoding = "utf-16"
    elif declared and declared[1].lower() not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        encoding = declared[1].decode()
    else:
        yield first
        yield from pieces
        return
    try:
        text = b"".join([first, *pieces]).decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise _refuse_unreadable(_("partie XML dans un encodage inconnu")) from error
    yield text.encode("utf-8")


def _attributes(attributes):
    """``{local name: [values]}`` of a start tag's attributes, values unescaped."""
    found = {}
    for match in ODF_ATTRIBUTE.finditer(attributes):
        name = match[1].rsplit(b":", 1)[-1].decode("utf-8", "replace")
        value = match[2] if match[2] is not None else match[3]
        found.setdefault(name, []).append(html.unescape(value.decode("utf-8", "replace")))
    return found


def _check_odf_tag(name, attributes, part):
    element = name.rsplit(b":", 1)[-1].decode("utf-8", "replace")
    attributes = _attributes(attributes)
    if element in ODF_DDE:
        raise refuse(
            _(
                "Ce document contient un lien DDE, qui lance un programme pour en tirer des "
                "données : il est refusé."
            ),
            "dde",
        )
    if element == "applet":
        raise refuse(
            _("Ce document contient une applet Java, un programme : il est refusé."), "program"
        )
    if element == "script":
        raise macros_refused()
    if element == "event-listener":
        actions = attributes.get("action")
        if not actions:  # an event bound to a script (script:event-listener)
            raise macros_refused()
        if "execute" in actions:  # a presentation's « run a program » action
            raise refuse(
                _("Ce document contient un bouton qui lance un programme : il est refusé."),
                "program",
            )
    for target in attributes.get("href", ()):
        if _runs_a_script(target):
            raise macros_refused()
        if element in ODF_CLICKED:
            continue
        if element == ODF_TEMPLATE:
            if not _on_the_authors_computer(target):
                raise _refuse_external(target, name.decode("utf-8", "replace"))
        elif not _inside_package(target, part):
            raise _refuse_external(target, name.decode("utf-8", "replace"))


class _OdfPartScanner:
    """Finds the telling words of an XML part, piece by piece, and checks the start tags that
    hold them. A tag never holds « < », so the tag holding a word starts at the last « < »
    before it; pieces are cut before a « < », so no tag is cut."""

    def __init__(self, part):
        self.part = part
        self.pending = []
        self.in_prolog = True

    def feed(self, piece, *, final=False):
        if self.in_prolog:
            self._check_prolog(piece)
            self.in_prolog = False
        cut = piece.rfind(b"<")
        if final:
            cut = len(piece)
        elif cut < 0:
            self.pending.append(piece)
            return
        self.pending.append(piece[:cut])
        text = b"".join(self.pending)
        self.pending = [piece[cut:]]
        self._scan(text)

    @staticmethod
    def _check_prolog(piece):
        """Refuses a DTD, which may only come before the root element: its entities could
        write any tag where the text shows none. The prolog (a declaration, comments) must end
        in the first piece read: a real one is a line long."""
        too_long = _refuse_unreadable(_("début de partie XML trop long"))
        position = piece.find(b"<")
        while position >= 0 and piece.startswith((b"<?", b"<!"), position):
            if piece.startswith((b"<!DOCTYPE", b"<!ENTITY"), position):
                raise _refuse_unreadable(_("déclaration de type XML, ou DOCTYPE"))
            end = piece.find(b"-->" if piece.startswith(b"<!--", position) else b">", position)
            if end < 0:
                raise too_long
            position = piece.find(b"<", end)
        if position < 0 and len(piece) >= READ_PIECE:
            raise too_long

    def _scan(self, text):
        found = sorted(
            position for word in ODF_TELLING_WORDS for position in self._positions(text, word)
        )
        checked_to = 0  # every tag starting before this is checked
        for position in found:
            if position < checked_to:
                continue
            start = text.rfind(b"<", checked_to, position)
            if start < 0:
                continue
            tag = ODF_START_TAG.match(text, start)
            if tag is None or tag.end() <= position:  # text, a comment, an end tag
                checked_to = position
                continue
            _check_odf_tag(tag[1], tag[2], self.part)
            checked_to = tag.end()

    @staticmethod
    def _positions(text, word):
        position = text.find(word)
        while position >= 0:
            yield position
            position = text.find(word, position + 1)


def check_odf_links(archive, members):
    """Refuses an OpenDocument package whose XML parts (its own, and those of the objects it
    embeds) fetch content from outside the package when it opens (a linked image, object,
    section or sheet, a template on a server), hold DDE links, applets, scripts bound to events
    or links that run a macro, or a DTD. Links the reader may click are accepted."""
    for member in members:
        if member.is_dir() or not member.filename.lower().endswith(".xml"):
            continue
        scanner = _OdfPartScanner(member.filename)
        for piece in _utf8_pieces(archive, member):
            scanner.feed(piece)
        scanner.feed(b"", final=True)
