"""Office documents: OpenDocument and Office Open XML (ZIP packages, whose members
:mod:`core.files.archives` checks) and legacy Office files in the OLE2 compound format, whose
directory ``olefile`` reads. Macros, encrypted content and embedded packages are refused."""

import io

import olefile
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .refusals import refuse

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_MACRO_STORAGES = frozenset({"macros", "_vba_project_cur", "vba", "_vba_project"})
ODF_MACRO_FOLDERS = ("Basic/", "Scripts/")
ODF_MIMETYPE_PREFIX = "application/vnd.oasis.opendocument."
ODF_KINDS = {"text": "odt", "spreadsheet": "ods", "presentation": "odp", "graphics": "odg"}
OOXML_FOLDERS = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))


def macros_refused():
    return refuse(_("Ce document contient des macros, qui sont refusées."), "macros")


def odf_kind(archive, names):
    """The kind of the OpenDocument package ``archive`` (a ``zipfile.ZipFile``) whose member
    names are ``names``, read from its ``mimetype``."""
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    if "META-INF/manifest.xml" not in names:
        raise refuse(_("Ce document OpenDocument est endommagé (son manifeste manque)."), "damaged")
    code = ODF_KINDS.get(
        mimetype.removeprefix(ODF_MIMETYPE_PREFIX)
        if mimetype.startswith(ODF_MIMETYPE_PREFIX)
        else ""
    )
    if code is None:
        raise refuse(
            _("Ce document OpenDocument est d'un type non accepté (%(type)s)."),
            "not_allowed",
            type=mimetype[:100],
        )
    if any(name.startswith(ODF_MACRO_FOLDERS) for name in names):
        raise macros_refused()
    return KINDS[code]


def ooxml_kind(archive, names):
    """The kind of the Office Open XML package ``archive``, told by its folders."""
    content_types = archive.read("[Content_Types].xml")
    if any(name.lower().endswith("vbaproject.bin") for name in names) or (
        b"macroEnabled" in content_types
    ):
        raise macros_refused()
    for folder, code in OOXML_FOLDERS:
        if any(name.startswith(folder) for name in names):
            return KINDS[code]
    raise refuse(
        _("Cette archive se présente comme un document Office, mais n'en est pas un."),
        "not_allowed",
    )


def _ole_entries(data):
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return {
                tuple(part.lower() for part in entry)
                for entry in ole.listdir(streams=True, storages=True)
            }
    except (OSError, ValueError, IndexError, TypeError) as error:
        raise refuse(_("Ce document Office ancien est endommagé."), "damaged") from error


def check_ole_content(data):
    """The names in the OLE2 file's directory, lowered; refused if encrypted, with macros or an
    embedded package (also for OLE2 parts inside an Office Open XML document)."""
    entries = _ole_entries(data)
    parts = {part for entry in entries for part in entry}
    if "encryptedpackage" in parts:
        raise refuse(
            _("Ce document est chiffré : son contenu ne peut pas être vérifié."),
            "encrypted",
        )
    if parts & OLE_MACRO_STORAGES:
        raise macros_refused()
    if "\x01ole10native" in parts:
        raise refuse(
            _("Ce document contient un fichier incorporé (objet « package »), refusé."),
            "embedded_package",
        )
    return parts


def inspect_ole(data):
    """A Word, Excel or PowerPoint 97-2003 file; any other OLE2 file (an MSI) is refused."""
    parts = check_ole_content(data)
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
