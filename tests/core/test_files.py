"""Files are judged by their content: samples in memory, and real files written to disk."""

import base64
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from core.files import (
    IMAGE_KINDS,
    KINDS,
    FileContentValidator,
    check_content,
    check_upload,
)
from tests import samples
from tests.samples import ACCEPTED

EVERY_KIND = frozenset(KINDS)


def check(data, *, name="", allowed=EVERY_KIND):
    """Checks ``data`` against ``allowed`` kinds (every kind by default)."""
    return check_content(data, name=name, allowed_kinds=allowed)


REFUSED = [
    ("guide.pdf", samples.elf_executable, "programme exécutable (ELF"),
    ("guide.pdf", samples.pe_executable, "programme exécutable (Windows)"),
    ("guide.pdf", samples.macho_executable, "programme exécutable (Mach-O"),
    ("outil.txt", samples.shell_script, "script"),
    ("page.txt", samples.html_page, "page HTML"),
    ("logo.svg", samples.svg_with_script, "SVG"),
    ("logo.png", samples.svg_with_script, "SVG"),
    ("kit.zip", lambda: samples.zip_holding("outil.exe", samples.pe_executable()), "outil.exe"),
    (
        "kit.zip",
        lambda: samples.zip_holding("notice.pdf", samples.elf_executable()),
        "notice.pdf",
    ),
    ("kit.zip", lambda: samples.zip_holding("page.html", samples.html_page()), "page.html"),
    ("kit.zip", lambda: samples.zip_holding("logo.svg", samples.svg_with_script()), "logo.svg"),
    ("kit.zip", lambda: samples.zip_holding("autre.zip", samples.zip_kit()), "imbriquées"),
    ("macro.doc", samples.word_97_with_macros, "macros"),
    (
        "macro.docx",
        lambda: samples.ooxml("docx", {"word/vbaProject.bin": b"\x00" * 10}),
        "macros",
    ),
    (
        "objet.docx",
        lambda: samples.ooxml("docx", {"word/embeddings/setup.exe": samples.pe_executable()}),
        "setup.exe",
    ),
    ("installeur.doc", samples.msi_installer, "MSI"),
    ("script.pdf", samples.pdf_with_javascript, "JavaScript"),
    ("ancien.txt", samples.latin1_text, "UTF-8"),
    ("archive.tar.gz", lambda: b"\x1f\x8b\x08\x00" + b"\x00" * 100, "gzip"),
    ("vide.pdf", lambda: b"", "vide"),
    ("coupe.pdf", lambda: samples.pdf()[:200], "incomplet"),
    ("casse.zip", lambda: b"PK\x03\x04" + b"\x00" * 50, "endommagée"),
]


@pytest.mark.parametrize(("name", "make", "code", "content_type"), ACCEPTED)
def test_accepted_kinds(name, make, code, content_type):
    kind = check(make(), name=name)
    assert kind.code == code
    assert kind.content_type == content_type


@pytest.mark.parametrize(("name", "make", "reason"), REFUSED)
def test_refused_with_the_reason(name, make, reason):
    with pytest.raises(ValidationError) as error:
        check(make(), name=name)
    assert reason in " ".join(error.value.messages)


def test_the_name_never_makes_an_executable_acceptable():
    for name in ["guide.pdf", "convention.odt", "photo.png", "notes.txt", ""]:
        with pytest.raises(ValidationError):
            check(samples.pe_executable(), name=name)


def test_csv_or_text_is_told_by_the_name_but_both_are_checked_as_text():
    assert check(samples.csv(), name="budget.csv").code == "csv"
    assert check(samples.csv(), name="budget.dat").code == "txt"
    with pytest.raises(ValidationError):
        check(samples.html_page(), name="budget.csv")


def test_only_the_allowed_kinds_are_accepted():
    assert check(samples.png(), allowed=IMAGE_KINDS).code == "png"
    with pytest.raises(ValidationError) as error:
        check(samples.pdf(), allowed=IMAGE_KINDS)
    assert "PDF" in error.value.messages[0]


# Active content hidden from a look at the raw bytes, in real files written to disk.


def ascii85(data):
    return base64.a85encode(data, adobe=True).removeprefix(b"<~")  # PDF's ASCII85 ends in ~>


def png_up_predicted(data, columns=4):
    """Flate data with the PNG predictor (each row of ``columns`` bytes after a filter byte)."""
    rows = (data[i : i + columns].ljust(columns, b" ") for i in range(0, len(data), columns))
    return zlib.compress(b"".join(b"\x00" + row for row in rows))


def inflated_marker_across_pieces():
    """An object stream whose inflated text has /JavaScript cut by the validator's pieces."""

    def with_padding(size):
        return samples.compressed_pdf(b"/Padding (" + b" " * size + b") " + samples.OPEN_JAVASCRIPT)

    def marker_offset(data):
        start = data.index(b"stream\n", data.index(b"/Type /ObjStm")) + len(b"stream\n")
        return zlib.decompressobj().decompress(data[start:]).index(b"/JavaScript")

    target, size = 256 * 1024 - 5, 0
    while (offset := marker_offset(with_padding(size))) != target:
        size += target - offset  # the object stream's index grows with the padding
    return with_padding(size)


HOSTILE_PDFS = [
    ("JavaScript in an object stream", lambda: samples.compressed_pdf(samples.OPEN_JAVASCRIPT)),
    (
        "escaped name in an object stream",
        lambda: samples.compressed_pdf(b"/OpenAction << /S /J#61va#53cript /JS (x) >> "),
    ),
    (
        "escaped name in the file",
        lambda: samples.pdf().replace(
            b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /JS (x) >>"
        ),
    ),
    ("marker across pieces", inflated_marker_across_pieces),
    (
        "escaped filter name",
        lambda: samples.compressed_pdf(
            samples.OPEN_JAVASCRIPT, objstm_dictionary=b"/Filter /Fl#61teDecode"
        ),
    ),
    (
        "JavaScript in a compressed stream",
        lambda: samples.compressed_pdf(
            streams={9: (b"/Filter /FlateDecode", zlib.compress(b"<< /S /JavaScript /JS (x) >>"))}
        ),
    ),
]
LAUNCH_AND_ATTACHMENT = [
    (b"/OpenAction << /S /Launch /F (cmd.exe) >> ", "programme"),
    (b"/Names << /EmbeddedFiles << /Names [(a.exe) 9 0 R] >> >> ", "fichiers joints"),
]
UNREADABLE_PDFS = [
    (
        "object stream in ASCII85",
        lambda: samples.compressed_pdf(
            samples.OPEN_JAVASCRIPT, objstm_dictionary=b"/Filter /ASCII85Decode", encode=ascii85
        ),
    ),
    (
        "object stream with a PNG predictor",
        lambda: samples.compressed_pdf(
            samples.OPEN_JAVASCRIPT,
            objstm_dictionary=b"/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
            encode=png_up_predicted,
        ),
    ),
    (
        "two filters on an object stream",
        lambda: samples.compressed_pdf(
            samples.OPEN_JAVASCRIPT,
            objstm_dictionary=b"/Filter [/FlateDecode /FlateDecode]",
            encode=lambda data: zlib.compress(zlib.compress(data)),
        ),
    ),
    (
        "damaged object stream",
        lambda: samples.compressed_pdf(encode=lambda data: b"\x78\x9c" + b"\xff" * 40),
    ),
    (
        "object stream typed by a reference",
        lambda: samples.pdf_15(
            samples.PAGE_OBJECTS,
            {
                4: (b"/Filter /FlateDecode", zlib.compress(samples.PAGE_CONTENT)),
                9: (b"/Type 10 0 R /N 1 /Filter /ASCII85Decode", ascii85(b"1 0 << /S /Launch >>")),
            },
            packed={1, 2, 3, 5},
        ),
    ),
]


XFA_STREAM = {9: (b"/Filter /FlateDecode", zlib.compress(samples.XFA_FORM))}
EXECUTABLE_STREAM = {9: (b"/Filter /FlateDecode", zlib.compress(samples.pe_executable()))}
# PDFs running, playing or fetching something that the checker once accepted: (case, PDF, what
# the refusal says).
ACTIVE_PDFS = [
    (
        "JavaScript in a Rendition action",
        lambda: samples.compressed_pdf(samples.OPEN_RENDITION_JAVASCRIPT),
        "multimédia",
    ),
    (
        "escaped Rendition action",
        lambda: samples.compressed_pdf(b"/OpenAction << /S /R#65ndition /#4A#53 (x) >> "),
        "multimédia",
    ),
    (
        "escaped /JS key in the file",
        lambda: samples.pdf().replace(
            b"/Type /Catalog", b"/Type /Catalog /AA << /WC << /#4A#53 (app.alert(1)) >> >>"
        ),
        "JavaScript",
    ),
    (
        "/JS key in an object stream",
        lambda: samples.compressed_pdf(b"/AA << /WC << /JS(app.alert(1))>> >> "),
        "JavaScript",
    ),
    (
        "XFA form",
        lambda: samples.compressed_pdf(
            b"/AcroForm << /Fields [] /XFA 9 0 R >> ", streams=XFA_STREAM
        ),
        "XFA",
    ),
    (
        "escaped XFA form",
        lambda: samples.compressed_pdf(b"/AcroForm<</Fields[]/X#46A 9 0 R>>", streams=XFA_STREAM),
        "XFA",
    ),
    (
        "RichMedia annotation",
        lambda: samples.compressed_pdf(annotation=samples.RICH_MEDIA_ANNOTATION),
        "RichMedia",
    ),
    (
        "file attachment annotation",
        lambda: samples.compressed_pdf(
            annotation=samples.ATTACHMENT_ANNOTATION, streams=EXECUTABLE_STREAM
        ),
        "fichiers joints",
    ),
    (
        "associated file, escaped /EF",
        lambda: samples.compressed_pdf(
            b"/AF [<< /Type /Filespec /F (a.exe) /#45#46 << /F 9 0 R >> >>] ",
            streams=EXECUTABLE_STREAM,
        ),
        "fichiers joints",
    ),
    (
        "file on a network share opened with the document",
        lambda: samples.compressed_pdf(samples.OPEN_REMOTE_FILE),
        "autre fichier",
    ),
    (
        "Rendition action added by an incremental update",
        lambda: samples.incremental_update(
            samples.pdf(),
            {
                1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 8 0 R >>",
                8: b"<< /S /Rendition /JS (app.alert(1)) >>",
            },
        ),
        "multimédia",
    ),
]


def inspect_from_disk(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    with open(path, "rb") as upload:
        return check_upload(File(upload, name=name), allowed_kinds=EVERY_KIND)


@pytest.mark.parametrize(("case", "make"), HOSTILE_PDFS)
def test_pdf_javascript_hidden_in_compressed_streams_or_escapes_is_refused(tmp_path, case, make):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "guide.pdf", make())
    assert error.value.code == "pdf_active_content"
    assert "JavaScript" in " ".join(error.value.messages)


@pytest.mark.parametrize(("entry", "reason"), LAUNCH_AND_ATTACHMENT)
def test_pdf_launch_or_attachment_in_an_object_stream_is_refused(tmp_path, entry, reason):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "guide.pdf", samples.compressed_pdf(entry))
    assert reason in " ".join(error.value.messages)


@pytest.mark.parametrize(("case", "make", "reason"), ACTIVE_PDFS)
def test_pdf_running_playing_or_fetching_content_is_refused(tmp_path, case, make, reason):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "guide.pdf", make())
    assert error.value.code == "pdf_active_content"
    assert reason in " ".join(error.value.messages)


@pytest.mark.parametrize(("case", "make"), UNREADABLE_PDFS)
def test_pdf_whose_object_stream_cannot_be_read_is_refused(tmp_path, case, make):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "guide.pdf", make())
    assert error.value.code == "pdf_unreadable"
    assert "ne peut pas être vérifié" in " ".join(error.value.messages)


def test_pdf_that_inflates_beyond_the_bound_is_refused_without_holding_it(tmp_path):
    bomb = zlib.compress(b" " * (60 * 1024 * 1024), 9)  # 60 MB of blank page content
    data = samples.compressed_pdf(streams={9: (b"/Filter /FlateDecode", bomb)})
    assert len(data) < 100_000
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "guide.pdf", data)
    assert error.value.code == "zip_bomb"


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("objects in a Flate object stream", samples.compressed_pdf),
        (
            "escaped Flate filter name",
            lambda: samples.compressed_pdf(objstm_dictionary=b"/Filter /Fl#61teDecode"),
        ),
        (
            "uncompressed object stream",
            lambda: samples.compressed_pdf(objstm_dictionary=b"", encode=lambda data: data),
        ),
        (
            "JPEG image and damaged page content",
            lambda: samples.compressed_pdf(
                streams={
                    8: (
                        b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace "
                        b"/DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                        samples.JPEG_1X1,
                    ),
                    9: (b"/Filter /FlateDecode", b"\x78\x9c not deflate"),
                    10: (b"/Filter /ASCII85Decode", ascii85(samples.PAGE_CONTENT)),
                }
            ),
        ),
        ("link to a web page", lambda: samples.compressed_pdf(annotation=samples.LINK_ANNOTATION)),
        (
            "short names by chance in image and font data",
            lambda: samples.compressed_pdf(
                streams={
                    8: (
                        b"/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace "
                        b"/DeviceGray /BitsPerComponent 8 /Filter /DCTDecode",
                        samples.JPEG_1X1 + b"\x00/JS(\x93/EF<</XFA ",
                    ),
                    9: (b"/Filter /FlateDecode", zlib.compress(b"\x01/JS(\x02/EF<<\x03/XFA ")),
                }
            ),
        ),
        (
            "incremental update of an ordinary PDF",
            lambda: samples.incremental_update(
                samples.pdf(), {7: b"<< /Title (Guide du CRESI, 2e version) >>"}
            ),
        ),
    ],
)
def test_pdf_with_compressed_objects_and_images_is_accepted(tmp_path, case, make):
    assert inspect_from_disk(tmp_path, "guide.pdf", make()).code == "pdf"


@pytest.mark.parametrize(
    "member",
    [
        "../../etc/cron.d/lisez-moi.txt",
        "kit/../../lisez-moi.txt",
        "..\\..\\Users\\Public\\lisez-moi.txt",
        "/etc/lisez-moi.txt",
        "\\\\serveur\\partage\\lisez-moi.txt",
        "C:/Windows/lisez-moi.txt",
    ],
)
def test_zip_kit_with_a_path_out_of_its_folder_is_refused(tmp_path, member):
    data = samples._zip({"affiche.pdf": samples.pdf(), member: samples.text()})
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "kit.zip", data)
    assert error.value.code == "unsafe_path"
    assert member in " ".join(error.value.messages)


@pytest.mark.parametrize("name", sorted(samples.NAMED_TO_RUN))
def test_zip_kit_with_text_named_to_run_is_refused(tmp_path, name):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(
            tmp_path, "kit.zip", samples.zip_holding(name, samples.NAMED_TO_RUN[name])
        )
    assert error.value.code == "dangerous_member"
    message = " ".join(error.value.messages)
    assert f"«\xa0{name}\xa0»" in message
    assert f"extension «\xa0.{name.rsplit('.', 1)[1]}\xa0»" in message


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        # Windows drops a final dot or space: « site.url. » is unpacked as « site.url ».
        ("site.url.", "finit par un point ou une espace"),
        ("site.url ", "finit par un point ou une espace"),
        ("Kit. /lisez-moi.txt", "finit par un point ou une espace"),
        # Hidden characters: a bell, a line break, a right-to-left override that shows
        # « rapport\u202etxt.lnk » as « rapportknl.txt ».
        ("lisez\x07moi.txt", "caractères invisibles"),
        ("lisez\nmoi.txt", "caractères invisibles"),
        ("rapport\u202egnp.txt", "caractères invisibles"),
        # An NTFS alternate data stream, hidden inside « notes ».
        ("notes:flux.txt", "flux caché"),
        # Text, but named as something else: Windows reads desktop.ini to show the folder.
        ("desktop.ini", "dont le nom ne finit pas par .txt"),
        ("notes.md", "dont le nom ne finit pas par .txt"),
        ("LISEZMOI", "dont le nom ne finit pas par .txt"),
    ],
)
def test_zip_kit_member_named_to_deceive_is_refused(tmp_path, name, reason):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "kit.zip", samples.zip_holding(name, samples.text()))
    assert error.value.code == "dangerous_member"
    assert reason in " ".join(error.value.messages)


def test_zip_kit_with_a_symbolic_link_is_refused(tmp_path):
    data = samples.zip_with_symlink("lisez-moi.txt", "../../.ssh/id_rsa")
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "kit.zip", data)
    assert error.value.code == "dangerous_member"
    assert "lien symbolique" in " ".join(error.value.messages)


def test_zip_kit_members_are_only_the_kinds_the_caller_accepts():
    pdf_only = {"pdf", "zip"}
    assert check(samples._zip({"guide.pdf": samples.pdf()}), allowed=pdf_only).code == "zip"
    with pytest.raises(ValidationError) as error:
        check(samples.zip_kit(), allowed=pdf_only)
    assert error.value.code == "dangerous_member"
    message = " ".join(error.value.messages)
    assert "programme.odt" in message or "logo.png" in message
    assert "(PDF)" in message


def test_zip_kit_is_refused_at_once_where_zip_is_not_accepted():
    with pytest.raises(ValidationError) as error:
        check(samples.zip_kit(), allowed={"pdf", "png"})
    assert error.value.code == "not_allowed"
    assert "ZIP" in error.value.messages[0]


def test_zip_kit_with_folders_is_accepted(tmp_path):
    data = samples._zip({"kit/affiche.pdf": samples.pdf(), "kit/textes/lisez-moi.txt": b"Kit"})
    assert inspect_from_disk(tmp_path, "kit.zip", data).code == "zip"


def test_zip_kit_of_documents_named_as_they_are_is_accepted(tmp_path):
    data = samples._zip(
        {
            "Kit 2026/": b"",
            "Kit 2026/Affiche A3.PDF": samples.pdf(),
            "Kit 2026/photo.jpeg": samples.JPEG_1X1,
            "Kit 2026/photo 2.JPG": samples.JPEG_1X1,
            "Kit 2026/budget.tsv": b"Poste\tMontant\r\nVoyages\t1200\r\n",
            "Kit 2026/budget.csv": samples.csv(),
            "Kit 2026/convention.docx": samples.ooxml("docx"),
            "Kit 2026/ancien.doc": samples.word_97(),
            "Kit 2026/lisez-moi.txt": samples.text(),
        }
    )
    assert inspect_from_disk(tmp_path, "kit.zip", data).code == "zip"


# Office documents that fetch something outside themselves when they open.

EXTERNAL_WORKBOOK = {
    "xl/_rels/workbook.xml.rels": samples.relationships(
        ("externalLink", "externalLinks/externalLink1.xml", None)
    ),
    "xl/externalLinks/externalLink1.xml": (
        '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="A0"/>'
        "</ddeItems></ddeLink></externalLink>"
    ),
}
OOXML_FETCHING = [
    (
        "remote template",
        lambda: samples.docx_with_relationships(
            samples.REMOTE_TEMPLATE, part="word/_rels/settings.xml.rels"
        ),
        "https://serveur.example/modele.dotm",
    ),
    (
        "remote OLE object",
        lambda: samples.docx_with_relationships(samples.REMOTE_OLE_OBJECT),
        "mhtml:https://serveur.example/page.html",
    ),
    (
        "linked image",
        lambda: samples.docx_with_relationships(samples.HYPERLINK, samples.LINKED_IMAGE),
        "file://serveur/partage/logo.png",
    ),
    (
        "remote frame",
        lambda: samples.docx_with_relationships(samples.REMOTE_FRAME),
        "https://serveur.example/cadre.html",
    ),
    (
        "template on a share, target mode escaped",
        lambda: samples.docx_with_relationships(
            ("attachedTemplate", "file://///serveur/modeles/lettre.dotm", "&#69;xternal"),
            part="word/_rels/settings.xml.rels",
        ),
        "file://///serveur/modeles/lettre.dotm",
    ),
    (
        "linked workbook",
        lambda: samples.ooxml(
            "xlsx",
            {
                "xl/externalLinks/_rels/externalLink1.xml.rels": samples.relationships(
                    ("externalLinkPath", "file:///C:/Budget/autre.xlsx", "External")
                )
            },
        ),
        "file:///C:/Budget/autre.xlsx",
    ),
    (
        "linked video in a presentation",
        lambda: samples.ooxml(
            "pptx",
            {
                "ppt/slides/_rels/slide1.xml.rels": samples.relationships(
                    ("video", "https://serveur.example/film.mp4", "External")
                )
            },
        ),
        "https://serveur.example/film.mp4",
    ),
]


@pytest.mark.parametrize(("case", "make", "target"), OOXML_FETCHING)
def test_office_document_fetching_content_from_outside_is_refused(tmp_path, case, make, target):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "convention.docx", make())
    assert error.value.code == "external_link"
    assert f"«\xa0{target}" in " ".join(error.value.messages)


def test_workbook_with_links_to_other_workbooks_or_programs_is_refused(tmp_path):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.xlsx", samples.ooxml("xlsx", EXTERNAL_WORKBOOK))
    assert error.value.code == "external_link"
    assert "DDE" in " ".join(error.value.messages)


def test_office_relationships_with_a_doctype_are_refused(tmp_path):
    rels = samples.relationships(samples.HYPERLINK).replace(
        "<Relationships",
        '<!DOCTYPE r [<!ENTITY lien SYSTEM "file:///etc/passwd">]><Relationships',
    )
    data = samples.ooxml("docx", {"word/_rels/document.xml.rels": rels})
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "convention.docx", data)
    assert error.value.code == "unreadable"


@pytest.mark.parametrize(
    ("case", "make"),
    [
        ("hyperlink", lambda: samples.docx_with_relationships(samples.HYPERLINK)),
        (
            "template on the author's computer",
            lambda: samples.docx_with_relationships(
                (
                    "attachedTemplate",
                    "file:///C:\\Users\\Marie\\Modèles\\Courrier.dotx",
                    "External",
                ),
                part="word/_rels/settings.xml.rels",
            ),
        ),
        (
            "pictures and parts inside the package",
            lambda: samples.docx_with_relationships(
                ("image", "media/image1.png", None), ("styles", "/word/styles.xml", "Internal")
            ),
        ),
    ],
)
def test_office_document_with_links_clicked_or_inside_is_accepted(tmp_path, case, make):
    assert inspect_from_disk(tmp_path, "convention.docx", make()).code == "docx"


@pytest.mark.parametrize("case", sorted(samples.ODF_FETCHING))
def test_opendocument_fetching_content_from_outside_is_refused(tmp_path, case):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.ods", samples.ods(samples.ODF_FETCHING[case]))
    assert error.value.code == "external_link"
    assert "hors du fichier" in " ".join(error.value.messages)


@pytest.mark.parametrize("case", sorted(samples.ODF_RUNNING))
def test_opendocument_running_a_program_or_a_macro_is_refused(tmp_path, case):
    body, reason = samples.ODF_RUNNING[case]
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.ods", samples.ods(body))
    assert reason in " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("case", "extra"),
    [
        (
            "in an embedded object",
            {"Object 1/content.xml": samples.odf_content(samples.ODF_FETCHING["linked image"])},
        ),
        (
            "template on a web server",
            {
                "meta.xml": samples.odf_content(
                    '<meta:template xlink:href="https://serveur.example/modele.ots"/>'
                )
            },
        ),
        (
            "in a part written in UTF-16",
            {
                "styles.xml": samples.odf_content(samples.ODF_FETCHING["linked image"])
                .replace('encoding="UTF-8"', 'encoding="UTF-16"')
                .encode("utf-16")
            },
        ),
    ],
)
def test_opendocument_links_in_other_parts_are_refused(tmp_path, case, extra):
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.ods", samples.ods(extra=extra))
    assert error.value.code == "external_link"


def test_opendocument_with_a_doctype_is_refused(tmp_path):
    # An entity would put a linked image where the text only says « &lien; ».
    content = samples.odf_content(samples.cell("&lien;")).replace(
        "<office:document-content",
        "<!DOCTYPE d [<!ENTITY lien \"<draw:image xlink:href='http://x'/>\">]>"
        "<office:document-content",
    )
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.ods", samples.ods(extra={"content.xml": content}))
    assert error.value.code == "unreadable"


def test_opendocument_part_whose_start_is_too_long_to_check_is_refused(tmp_path):
    padded = samples.odf_content("").replace("?>", "?><!--" + "x" * 2_000_000 + "-->", 1)
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, "budget.ods", samples.ods(extra={"content.xml": padded}))
    assert error.value.code == "unreadable"


def test_opendocument_with_links_clicked_inside_or_to_a_local_template_is_accepted(tmp_path):
    meta = samples.odf_content('<meta:template xlink:href="../../Modèles/Budget.ots"/>')
    # LibreOffice writes an empty list of keyboard shortcuts.
    empty = {"Configurations2/accelerator/current.xml": ""}
    data = samples.ods(samples.ODF_ALLOWED, extra={"meta.xml": meta, **empty})
    assert inspect_from_disk(tmp_path, "budget.ods", data).code == "ods"


@pytest.mark.parametrize("name", ["budget.csv", "notes.txt"])
@pytest.mark.parametrize("markup", ["<script>alert(1)</script>", "<SVG onload=alert(1)>"])
def test_markup_after_a_long_harmless_start_is_refused(tmp_path, name, markup):
    rows = "".join(f'"Poste {n}";"{n * 10}"\r\n' for n in range(1000))  # ≈ 20 000 characters
    with pytest.raises(ValidationError) as error:
        inspect_from_disk(tmp_path, name, (rows + markup + "\r\n").encode())
    assert error.value.code == "dangerous"


# An upload's size, and the field validator.


def test_an_upload_over_the_size_limit_is_refused():
    big = SimpleUploadedFile("notes.txt", b"Une ligne.\n" * 200)
    with pytest.raises(ValidationError) as error:
        check_upload(big, allowed_kinds=EVERY_KIND, max_size=1024)
    assert error.value.code == "too_large"
    assert check_upload(big, allowed_kinds=EVERY_KIND, max_size=4096).code == "txt"


def test_the_validator_checks_new_uploads_and_remembers_their_kind():
    validator = FileContentValidator(IMAGE_KINDS)
    upload = SimpleUploadedFile("photo.svg", samples.png())
    validator(upload)
    assert upload.detected_kind.code == "png"
    assert validator.detected_kind(upload) is upload.detected_kind
    with pytest.raises(ValidationError) as error:
        validator(SimpleUploadedFile("logo.png", samples.svg_with_script()))
    assert "SVG" in " ".join(error.value.messages)


def test_the_validator_leaves_stored_files_alone():
    stored = ContentFile(samples.svg_with_script(), name="ancien.png")
    stored._committed = True  # as the FieldFile of a file already in the storage
    FileContentValidator(IMAGE_KINDS)(stored)


def test_the_validator_finds_the_kind_of_an_upload_it_did_not_see():
    validator = FileContentValidator(IMAGE_KINDS)
    assert validator.detected_kind(ContentFile(samples.png(), name="a.pdf")).code == "png"
    with pytest.raises(ValidationError):
        validator.detected_kind(ContentFile(samples.pdf(), name="a.png"))


def test_the_validator_reads_its_size_limit_at_each_upload():
    limit = {"bytes": 1024}
    validator = FileContentValidator(EVERY_KIND, max_size=lambda: limit["bytes"])
    with pytest.raises(ValidationError) as error:
        validator(SimpleUploadedFile("notes.txt", b"Une ligne.\n" * 200))
    assert error.value.code == "too_large"
    limit["bytes"] = 4096
    validator(SimpleUploadedFile("notes.txt", b"Une ligne.\n" * 200))


def test_the_validator_is_written_into_migrations_by_its_kinds_and_limit():
    kinds = frozenset({"png", "jpeg"})
    validator = FileContentValidator(kinds, max_size=1024)
    assert validator.deconstruct() == (
        "core.files.FileContentValidator",
        (kinds,),
        {"max_size": 1024},
    )
    assert validator == FileContentValidator(["jpeg", "png"], max_size=1024)
    assert validator != FileContentValidator(kinds)


def test_the_validator_knows_only_the_kinds_of_the_checker():
    with pytest.raises(ValueError, match="exe"):
        FileContentValidator({"pdf", "exe"})
