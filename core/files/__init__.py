"""Checks uploaded files by their content, never by their name or the browser's declared type.

Known kinds (:data:`KINDS`): PDF, OpenDocument, Office Open XML and legacy Office (OLE2)
documents, CSV and UTF-8 text, PNG, JPEG and WebP images, and ZIP kits whose every member is one
of those the caller accepts, named with its kind's extension. Each caller says which it accepts.
Refused, with the reason: executables (ELF, PE, Mach-O), scripts (``#!``), HTML, SVG and XML;
PDFs with JavaScript, XFA forms, multimedia, attached files or actions opening a program or
another file; Office macros, embedded packages, DDE, and content fetched from outside the file
when it opens (a remote template, a linked image or object); encrypted or unknown content, other
archive formats, archives holding anything refused or a member named to run (``.url``, ``.py``…)
or to deceive, or a symbolic link.

A model's file field takes a :class:`FileContentValidator`; :func:`check_upload` checks an
upload elsewhere (a form, a service), :func:`check_content` bytes. One module per family of
formats: :mod:`.pdf`, :mod:`.archives`, :mod:`.office` (with :mod:`.links`, what a package
links to outside itself), :mod:`.text`, :mod:`.images`.

A small package of our own rather than libmagic (absent from a fresh machine) or a magic-number
table (``filetype``, ``puremagic``): those name a type from the first bytes, while a safe answer
needs to look inside ZIP containers, read the OLE2 directory (with ``olefile``) and tell text
from markup.
"""

from .checker import DEFAULT_MAX_UPLOAD_SIZE, FileContentValidator, check_content, check_upload
from .kinds import DOCUMENT_KINDS, IMAGE_KINDS, KIND_BY_EXTENSION, KINDS, OFFICE_KINDS, FileKind

__all__ = [
    "DEFAULT_MAX_UPLOAD_SIZE",
    "DOCUMENT_KINDS",
    "IMAGE_KINDS",
    "KINDS",
    "KIND_BY_EXTENSION",
    "OFFICE_KINDS",
    "FileContentValidator",
    "FileKind",
    "check_content",
    "check_upload",
]
