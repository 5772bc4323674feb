"""ZIP files: Office packages (OpenDocument, Office Open XML), whose members are checked for
programs, macros and nested packages, and plain ZIP kits, whose every member must itself be a
document the caller accepts, named as what it is. Other archive formats are refused: their
content cannot be read here."""

import io
import re
import stat
import unicodedata
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.humanize import file_size

from . import links, office
from .kinds import KINDS, OFFICE_KINDS
from .refusals import (
    DANGEROUS_EXTENSIONS,
    executable_reason,
    extension,
    not_allowed,
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

# Once a kit is unpacked, a file's name, not its content, tells the computer what opens it: a
# text file named « .url » is a shortcut, « .slk » a spreadsheet whose formulas Excel runs. So a
# kit's member must be named with an extension of the document it is (FileKind.extensions), which
# alone refuses every name below; these are listed to tell the user what the file would have been.
KIT_REFUSED_EXTENSIONS = (
    (
        _("un programme, un installateur ou une image disque"),
        {
            # Windows programs, libraries, installers and packaged apps.
            *("exe", "com", "scr", "pif", "cpl", "dll", "ocx", "sys", "drv", "efi"),
            *("msi", "msp", "mst", "msix", "msixbundle", "appx", "appxbundle"),
            *("appref-ms", "application", "gadget", "xbap", "xll", "wll"),
            # macOS, Linux and Android programs and installers; Java archives run when opened.
            *("app", "pkg", "mpkg", "dmg", "deb", "rpm", "run", "bin", "appimage", "apk"),
            *("jar", "class", "jnlp"),
            # Disk images open as a drive, whose files escape the « from the Internet » mark.
            *("iso", "img", "vhd", "vhdx"),
        },
    ),
    (
        _("un script"),
        {
            # Run by Windows (cmd, PowerShell, Windows Script Host) on a double-click.
            *("bat", "cmd", "ps1", "psm1", "psd1", "ps1xml", "psc1", "msh", "msh1", "msh2"),
            *("vb", "vbs", "vbe", "js", "jse", "mjs", "wsf", "wsh", "wsc", "ws", "sct", "hta"),
            # Unix shells, macOS Terminal and Automator.
            *("sh", "bash", "zsh", "ksh", "csh", "fish", "command", "tool", "workflow"),
            *("scpt", "applescript"),
            # Interpreters installed on many computers.
            *("py", "pyw", "pyc", "pyo", "pyz", "rb", "pl", "pm", "php", "lua", "tcl"),
        },
    ),
    (
        _("un raccourci ou un fichier système, qui peut lancer un programme ou joindre un serveur"),
        {
            # Shortcuts to a program, a web or network address (Windows sends the user's
            # credentials to a share they name, « .scf » as soon as its folder is shown).
            *("lnk", "url", "scf", "website", "webloc", "inetloc", "fileloc", "desktop"),
            *("settingcontent-ms", "library-ms", "search-ms", "searchconnector-ms"),
            # Windows settings: registry, setup scripts, Internet settings, consoles, tasks,
            # themes (their icons and images may be on a share), remote desktop, help files that
            # run scripts, troubleshooting packs.
            *("reg", "inf", "ins", "isp", "msc", "job", "theme", "themepack", "deskthemepack"),
            *("rdp", "chm", "hlp", "diagcab"),
        },
    ),
    (
        _("un fichier Office qui peut lancer des macros, des requêtes ou des liens"),
        {
            # Queries Excel runs (web, database), SYLK and DIF sheets whose formulas it computes.
            *("iqy", "dqy", "oqy", "rqy", "slk", "dif"),
            # Office files with macros, templates and add-ins.
            *("docm", "dotm", "xlsm", "xltm", "xlsb", "xlam", "xla", "xlm", "pptm", "potm"),
            *("ppsm", "ppam", "sldm", "dot", "xlt", "pot"),
            # Access databases (VBA), OneNote notebooks and Publisher documents (attached files
            # and macros).
            *("mdb", "mde", "accdb", "accde", "ade", "adp", "one", "pub"),
        },
    ),
    (
        _("une page web ou une image SVG, qui peut contenir des scripts"),
        {"html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "xml", "xsl", "xslt"},
    ),
)
KIT_REFUSED_EXTENSION_REASONS = {
    name: what for what, names in KIT_REFUSED_EXTENSIONS for name in names
}
# Unicode characters that change how a name reads: controls (« Cc »), and formats (« Cf »), which
# include the right-to-left override (« rapport\u202etxt.lnk » shows as « rapportknl.txt »).
HIDDEN_CHARACTER_CATEGORIES = frozenset({"Cc", "Cf"})


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
                name=_shown(member.filename),
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
        name=_shown(member.filename),
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


def _shown(name):
    """A member's name as a message shows it: hidden characters written as ``\\u202e``."""
    return "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char) in HIDDEN_CHARACTER_CATEGORIES else char
        for char in name[:200]
    )


def _kit_name_reason(member):
    """Why a kit's member is refused by its name or its type (a link…), or ``None``."""
    name = member.filename
    if any(unicodedata.category(char) in HIDDEN_CHARACTER_CATEGORIES for char in name):
        return _(
            "un nom qui contient des caractères invisibles ou qui inversent le sens de "
            "l'écriture, et cachent son vrai nom"
        )
    if ":" in name:
        return _("un nom qui contient « : », par lequel Windows désigne un flux caché")
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    if any(part.endswith((".", " ")) for part in parts):
        return _(
            "un nom qui finit par un point ou une espace, que Windows efface (« site.url. » y "
            "devient « site.url »)"
        )
    file_type = stat.S_IFMT(member.external_attr >> 16)
    if file_type == stat.S_IFLNK:
        return _(
            "un lien symbolique, qui une fois décompressé pointerait vers un autre fichier de "
            "l'ordinateur"
        )
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        return _("un fichier spécial, ni document ni dossier")
    refused = KIT_REFUSED_EXTENSION_REASONS.get(extension(name))
    if refused:
        return _("%(what)s (extension « .%(extension)s »)") % {
            "what": refused,
            "extension": extension(name),
        }
    return None


def _inspect_kit(archive, members, *, check, allowed_kinds, max_size, depth):
    """A plain ZIP (an event kit): every member must itself be a document of ``allowed_kinds``,
    no larger than ``max_size``, and named with an extension of its kind."""
    if depth > 0:
        raise refuse(_("Les archives imbriquées dans une archive sont refusées."), "nested")
    if "zip" not in allowed_kinds:  # before reading any member
        raise not_allowed(KINDS["zip"], allowed_kinds)
    if sum(member.file_size for member in members) > 5 * max_size:
        raise refuse(_("Cette archive est trop volumineuse une fois décompressée."), "zip_bomb")
    member_kinds = allowed_kinds - {"zip"}
    for member in members:
        reason = _kit_name_reason(member)
        if reason:
            raise _refuse_member(member, reason)
        if member.is_dir():
            continue
        if member.file_size > max_size:
            raise _refuse_member(member, _("un fichier trop volumineux"))
        try:
            kind = check(
                _read(archive, member),
                name=member.filename,
                allowed_kinds=member_kinds,
                max_size=max_size,
                depth=depth + 1,
            )
        except ValidationError as error:
            raise refuse(
                _("L'archive contient « %(name)s », refusé : %(reason)s"),
                "dangerous_member",
                name=_shown(member.filename),
                reason=" ".join(error.messages),
            ) from error
        if extension(member.filename) not in kind.extensions:
            raise _refuse_member(
                member,
                _(
                    "un fichier %(format)s dont le nom ne finit pas par %(extensions)s, "
                    "l'extension de son format"
                )
                % {
                    "format": kind.label,
                    "extensions": ", ".join(f".{name}" for name in kind.extensions),
                },
            )
    return KINDS["zip"]


def inspect_zip(data, *, check, allowed_kinds, max_size, depth):
    """The kind of the ZIP file ``data``: an Office package, or a kit of ``allowed_kinds``.

    ``check(data, *, name, allowed_kinds, max_size, depth)`` checks a member's content (it is
    :func:`core.files.checker.check_content`'s worker, passed in to avoid a circular import);
    ``depth`` counts the archives this one is nested in.
    """
    archive, members = _open_zip(data)
    with archive:
        names = {member.filename for member in members}
        if "mimetype" in names:
            kind = office.odf_kind(archive, names)
            links.check_odf_links(archive, members)
        elif "[Content_Types].xml" in names:
            kind = office.ooxml_kind(archive, names)
            links.check_ooxml_links(archive, members)
        else:
            return _inspect_kit(
                archive,
                members,
                check=check,
                allowed_kinds=allowed_kinds,
                max_size=max_size,
                depth=depth,
            )
        for member in members:
            if not member.is_dir():
                _check_package_member(archive, member, check=check, max_size=max_size, depth=depth)
        return kind
