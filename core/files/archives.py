"""ZIP files: Office packages (OpenDocument, Office Open XML), whose members are checked for
programs, macros and nested packages, and plain ZIP kits, whose every member must itself be an
accepted document. Other archive formats are refused: their content cannot be read here."""

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

from . import office
from .kinds import DOCUMENT_KINDS, KINDS, OFFICE_KINDS
from .refusals import (
    DANGEROUS_EXTENSIONS,
    executable_reason,
    extension,
    refuse,
    uncompressed_limit,
)

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OTHER_ARCHIVES = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF", "CAB"),
)
# Many members or a huge uncompressed size would be a « zip bomb ».
MAX_ARCHIVE_MEMBERS = 10_000
MAX_NESTING = 2
SNIFF_SIZE = 512
WINDOWS_DRIVE = re.compile(r"[A-Za-z]:")


def refuse_other_archive(data):
    """Refuses gzip, 7-Zip, RAR, bzip2, xz and CAB archives, naming the format."""
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
    if uncompressed > uncompressed_limit(len(data)):
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


def _check_package_member(archive, member, *, check, max_size, depth):
    """Members of an office document: no executable, script, macro or embedded package.

    SVG and HTML parts are left alone here: Office itself stores icons as SVG inside a document,
    and they are never served by the portal, only rendered by the office suite.
    """
    if extension(member.filename) in DANGEROUS_EXTENSIONS - {"svg", "htm", "html", "xhtml"}:
        raise _refuse_member(member, _("un fichier exécutable ou un script"))
    head = _read(archive, member, SNIFF_SIZE)
    reason = executable_reason(head)
    if reason:
        raise _refuse_member(member, reason)
    if head.startswith(office.OLE2_MAGIC):
        office.check_ole_content(_read(archive, member))
    elif head.startswith(ZIP_MAGICS):
        if depth >= MAX_NESTING:
            raise _refuse_member(member, _("une archive imbriquée trop profondément"))
        check(
            _read(archive, member),
            name=member.filename,
            allowed_kinds=OFFICE_KINDS,
            max_size=max_size,
            depth=depth + 1,
        )


def _inspect_kit(archive, members, *, check, max_size, depth):
    """A plain ZIP (an event kit): every member must itself be an accepted document, no larger
    than ``max_size``."""
    if depth > 0:
        raise refuse(_("Les archives imbriquées dans une archive sont refusées."), "nested")
    if sum(member.file_size for member in members) > 5 * max_size:
        raise refuse(_("Cette archive est trop volumineuse une fois décompressée."), "zip_bomb")
    for member in members:
        if member.is_dir():
            continue
        if extension(member.filename) in DANGEROUS_EXTENSIONS:
            raise _refuse_member(member, _("un fichier exécutable, un script ou une page web"))
        if member.file_size > max_size:
            raise _refuse_member(member, _("un fichier trop volumineux"))
        try:
            check(
                _read(archive, member),
                name=member.filename,
                allowed_kinds=DOCUMENT_KINDS,
                max_size=max_size,
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


def inspect_zip(data, *, check, max_size, depth):
    """The kind of the ZIP file ``data``: an Office package, or a kit.

    ``check(data, *, name, allowed_kinds, max_size, depth)`` checks a member's content (it is
    :func:`core.files.checker.check_content`'s worker, passed in to avoid a circular import);
    ``depth`` counts the archives this one is nested in.
    """
    archive, members = _open_zip(data)
    with archive:
        names = {member.filename for member in members}
        if "mimetype" in names:
            kind = office.odf_kind(archive, names)
        elif "[Content_Types].xml" in names:
            kind = office.ooxml_kind(archive, names)
        else:
            return _inspect_kit(archive, members, check=check, max_size=max_size, depth=depth)
        for member in members:
            if not member.is_dir():
                _check_package_member(archive, member, check=check, max_size=max_size, depth=depth)
        return kind
