"""Validators of the support request form."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Groups of digits, or one area code in parentheses, each followed by at most one separator; a
# single « + » may open the number: 01 60 91 91 91, 01.60.91.91.91, +33 (0)1 60 91 91 91.
PHONE_SHAPE = re.compile(r"\+?(?:\d+|\(\d{1,5}\))(?:[ .\-]?(?:\d+|\(\d{1,5}\)))*", re.ASCII)
PHONE_LENGTH = range(10, 21)
PHONE_MIN_DIGITS = 8


def validate_phone(value):
    """A French or international phone number, as people write it."""
    digits = sum(character in "0123456789" for character in value)
    if (
        len(value) not in PHONE_LENGTH
        or digits < PHONE_MIN_DIGITS
        or value.count("(") > 1
        or not PHONE_SHAPE.fullmatch(value)
    ):
        raise ValidationError(
            _(
                "Saisissez un numéro de téléphone, par exemple 01 60 91 91 91 ou "
                "+33 1 60 91 91 91 : de 10 à 20 caractères, chiffres, espaces, points ou "
                "tirets, un « + » au début et des parenthèses autour de l'indicatif."
            ),
            code="invalid_phone",
        )
