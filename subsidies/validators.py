"""The SCDL « subventions » rules on identifiers, on top of the portal's shared validators.

SIRET numbers follow the shared rule (14 digits, Luhn key, La Poste's exception). The SCDL is
stricter than the shared RNA rule: its pattern is ``^W\\d{9}$``, so a Corsican ``W2A…`` number,
valid elsewhere in the portal, cannot be published in the SCDL file and is refused here.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import validate_rna as validate_portal_rna
from core.validators import validate_siret

__all__ = ["validate_rna", "validate_siret"]

SCDL_RNA_RE = re.compile(r"^W\d{9}$")
# Ids of the national « dispositifs d'aide » schema are UUIDs (8-4-4-4-12 hexadecimal digits).
AID_SCHEME_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def validate_rna(value):
    validate_portal_rna(value)
    if not SCDL_RNA_RE.match(value):
        raise ValidationError(
            _("Le format SCDL n'admet que W suivi de 9 chiffres pour le numéro RNA."),
            code="invalid",
        )


def validate_aid_scheme_id(value):
    """No longer used: ``dispositifAide`` is a free text in the SCDL (a scheme's name fits).
    Kept for migration 0001, whose field still names it."""
    if not AID_SCHEME_RE.match(value):
        raise ValidationError(
            _(
                "L'identifiant d'un dispositif d'aide est un UUID : 8-4-4-4-12 chiffres "
                "hexadécimaux, par exemple 65d5b6c7-102c-4440-ac3b-768f708edc0a."
            ),
            code="invalid",
        )
