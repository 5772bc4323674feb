"""Small but valid PDF and OpenDocument files written by code, for the demo content and the tests.

Nothing here is used to serve files: it only makes real documents that readers open (and that
:mod:`core.files` accepts) without shipping binaries in the repository.
"""

import io
import zipfile
from xml.sax.saxutils import escape

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LINE_HEIGHT = 16
MAX_LINE_LENGTH = 90


def _pdf_text(text):
    """A PDF literal string in WinAnsi (cp1252), so French accents show with the base fonts."""
    raw = text.encode("cp1252", "replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _wrap(paragraph):
    lines, current = [], ""
    for word in paragraph.split():
        if current and len(current) + 1 + len(word) > MAX_LINE_LENGTH:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return lines


def pdf_document(title, paragraphs=()):
    """A one-page A4 PDF with a title and wrapped paragraphs (PDF 1.4, Helvetica)."""
    commands = [b"BT", b"/F2 18 Tf", b"56 780 Td", _pdf_text(title) + b" Tj", b"/F1 11 Tf"]
    commands.append(f"0 -{LINE_HEIGHT * 2} Td".encode())
    for paragraph in paragraphs:
        for line in _wrap(paragraph):
            commands.append(_pdf_text(line) + b" Tj")
            commands.append(f"0 -{LINE_HEIGHT} Td".encode())
        commands.append(f"0 -{LINE_HEIGHT // 2} Td".encode())
    commands.append(b"ET")
    stream = b"\n".join(commands)

    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        font % b"Helvetica",
        font % b"Helvetica-Bold",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Title " + _pdf_text(title) + b" /Producer (CRESI Essonne) >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, len(objects), xref)
    )
    return out.getvalue()


ODF_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)
ODT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def odt_document(title, paragraphs=()):
    """An OpenDocument text (ODF 1.3): ``mimetype`` first and stored, manifest, content, meta."""
    body = f'<text:h text:outline-level="1">{escape(title)}</text:h>' + "".join(
        f"<text:p>{escape(paragraph)}</text:p>" for paragraph in paragraphs
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {ODF_NAMESPACES}>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-meta {ODF_NAMESPACES}>"
        f"<office:meta><dc:title>{escape(title)}</dc:title>"
        "<meta:generator>CRESI Essonne</meta:generator></office:meta>"
        "</office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODT_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), ODT_MIMETYPE, zipfile.ZIP_STORED)
        for name, text in (
            ("content.xml", content),
            ("meta.xml", meta),
            ("META-INF/manifest.xml", manifest),
        ):
            # A fixed time: the same document is the same bytes whenever it is made.
            archive.writestr(
                zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED
            )
    return out.getvalue()


def csv_document(rows):
    """A UTF-8 CSV (semicolon-separated, as French spreadsheets expect) from rows of strings."""
    lines = [";".join(f'"{cell.replace(chr(34), chr(34) * 2)}"' for cell in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
