"""Validators of French identifiers shared by the apps' forms and models (SIREN, SIRET, RNA).

``normalize_identifier`` removes the spaces, dots and dashes people type; the validators expect
the normalised value and raise ``ValidationError`` with code ``invalid``.

SIREN and SIRET keys are checked by python-stdnum (``stdnum.fr.siren``, ``stdnum.fr.siret``), the
library the SCDL schema's own ``french-siret-value`` check uses: a SIRET is valid when its
14 digits pass the Luhn key (or La Poste's digit-sum rule, for its establishments) *and* its
first 9 digits are a valid SIREN.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

RNA_PATTERN = re.compile(r"^W(?:\d{2}|2[AB])\d{7}$")
DIGITS = re.compile(r"[0-9]+")

# What a spreadsheet reads as a formula when a cell starts with it (CSV injection): « = », « + »,
# « @ », a tab or a carriage return; « - » only when a formula follows (« -2+3 », « -SUM(A1) »,
# « -cmd|' /C calc'!A0 », « -A1+B1 », « -=… »), so that « - Projet » or « -5 % » stay text.
FORMULA_START = re.compile(
    r"""[=+@\t\r]
    | -\s*(?: [=+\-@]                         # another formula sign
           | [^\s(|!]*[(|!]                    # a function call, a DDE link, a sheet reference
           | \$?[A-Za-z]{1,3}\$?\d+(?!\w)        # a cell (« -A1+B1 »)
           | [\d.,\s]*\d[\d.,\s]*[-+*/^&] )    # arithmetic on numbers
    """,
    re.VERBOSE,
)


def normalize_identifier(value):
    """``"123 456 789 00012"`` → ``"12345678900012"``; ``"w912001234"`` → ``"W912001234"``."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def validate_siret(value):
    if not (len(value) == 14 and DIGITS.fullmatch(value)):
        raise ValidationError(_("Un numéro SIRET compte 14 chiffres."), code="invalid")
    if not stdnum_siren.is_valid(value[:9]):
        raise ValidationError(
            _(
                "Ce numéro SIRET n'est pas valide : la clé de ses 9 premiers chiffres (le SIREN) "
                "est fausse."
            ),
            code="invalid",
        )
    if not stdnum_siret.is_valid(value):
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis."), code="invalid"
        )


def validate_no_spreadsheet_formula(value):
    """Refuses a text a spreadsheet would run as a formula once the open data is opened in it:
    the SCDL publishes values as they are, so they must not start as a formula does."""
    if value and FORMULA_START.match(value):
        raise ValidationError(
            _(
                "Ce texte commence comme une formule de tableur (« = », « + », « - », « @ », "
                "tabulation) : reformulez son début."
            ),
            code="spreadsheet_formula",
        )


def validate_rna(value):
    if not RNA_PATTERN.match(value):
        raise ValidationError(
            _("Un numéro RNA s'écrit W suivi de 9 chiffres (par exemple W912001234)."),
            code="invalid",
        )
