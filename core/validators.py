"""Validators of French identifiers shared by the apps' forms and models (SIRET, RNA).

``normalize_identifier`` removes the spaces, dots and dashes people type; the validators expect
the normalised value and raise ``ValidationError`` with code ``invalid``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN; their SIRET follow a digit-sum rule, not Luhn.
LA_POSTE_SIREN = "356000000"

RNA_PATTERN = re.compile(r"^W(?:\d{2}|2[AB])\d{7}$")


def normalize_identifier(value):
    """``"123 456 789 00012"`` → ``"12345678900012"``; ``"w912001234"`` → ``"W912001234"``."""
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_is_valid(digits):
    """Luhn key check: doubling every second digit from the right, the total is a multiple of 10."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def validate_siret(value):
    if not (len(value) == 14 and value.isascii() and value.isdigit()):
        raise ValidationError(_("Un numéro SIRET compte 14 chiffres."), code="invalid")
    la_poste = value.startswith(LA_POSTE_SIREN) and sum(int(char) for char in value) % 5 == 0
    if not (luhn_is_valid(value) or la_poste):
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis."), code="invalid"
        )


def validate_rna(value):
    if not RNA_PATTERN.match(value):
        raise ValidationError(
            _("Un numéro RNA s'écrit W suivi de 9 chiffres (par exemple W912001234)."),
            code="invalid",
        )
