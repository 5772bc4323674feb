"""CSV and plain text: UTF-8, no control characters, no markup a browser would render."""

import re

from django.utils.translation import gettext_lazy as _

from .kinds import KINDS
from .refusals import not_a_document, refuse

# Markup a browser would render (and run scripts in) if it ever displayed the file.
MARKUP_MARKERS = (
    ("<svg", _("une image SVG, qui peut contenir des scripts")),
    ("<?xml", _("un document XML, qui peut cacher du HTML ou du SVG")),
    ("<!doctype", _("une page HTML")),
    ("<html", _("une page HTML")),
    ("<script", _("du code JavaScript")),
    ("<iframe", _("une page HTML")),
    ("<body", _("une page HTML")),
    ("<object", _("une page HTML")),
    ("<embed", _("une page HTML")),
)
# Control characters that never appear in text (tabulation, line and page breaks excepted).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def inspect_text(data, name):
    """CSV if ``name`` says so, else text; anything else is refused (the name alone never
    makes a file acceptable: it only tells a CSV from a text)."""
    if b"\x00" in data:
        raise refuse(_("Le format de ce fichier n'est pas reconnu : il est refusé."), "unknown")
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(
            _(
                "Ce fichier texte n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 "
                "puis déposez-le à nouveau."
            ),
            "encoding",
        ) from error
    # The whole text (no larger than the upload limit): markup may hide after a harmless start.
    if CONTROL_CHARACTERS.search(text):
        raise refuse(_("Le format de ce fichier n'est pas reconnu : il est refusé."), "unknown")
    lowered = text.lower()
    for marker, what in MARKUP_MARKERS:
        if marker in lowered:
            raise not_a_document(what)
    if text.lstrip().startswith("<"):
        raise not_a_document(_("une page HTML"))
    is_csv = name.lower().endswith((".csv", ".tsv"))
    return KINDS["csv" if is_csv else "txt"]
