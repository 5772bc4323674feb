"""What every kind of file is refused for alike: executables, scripts, « bombs »."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .kinds import KINDS

# A container (ZIP, compressed PDF stream) may hold at most this many times its own size, and at
# least 1 MB: beyond that it is a « bomb », made to fill memory or disk once unpacked.
MAX_UNCOMPRESSED_RATIO = 50

MACH_O_MAGICS = (
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
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


def refuse(message, code, **params):
    """The error a check raises: ``message`` says why, ``code`` names the reason."""
    return ValidationError(message, code=code, params=params)


def not_allowed(kind, allowed_kinds):
    """The refusal of a file of ``kind`` where only ``allowed_kinds`` (codes) are accepted."""
    return refuse(
        _("Ce fichier est au format %(format)s, qui n'est pas accepté ici (%(accepted)s)."),
        "not_allowed",
        format=kind.label,
        accepted=", ".join(sorted(str(KINDS[code].label) for code in allowed_kinds)),
    )


def uncompressed_limit(size):
    """How much a container of ``size`` bytes may unpack to."""
    return MAX_UNCOMPRESSED_RATIO * max(size, 1024 * 1024)


def extension(name):
    """``"outil.EXE"`` → ``"exe"``; ``""`` without a dot."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def not_a_document(what):
    return refuse(
        _(
            "Ce fichier est %(what)s, pas un document : il est refusé, quel que soit son "
            "nom. Déposez un PDF, un document OpenDocument ou Office, un CSV, un texte ou une "
            "image."
        ),
        "dangerous",
        what=what,
    )


def executable_reason(head):
    """Why the file starting with ``head`` is a program or a script, or ``None``."""
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
