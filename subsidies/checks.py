"""System checks: the attributing body's SIRET, published in every SCDL row, must be valid."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError

from .validators import validate_siret


@checks.register()
def publisher_siret_is_valid(app_configs, **kwargs):
    siret = getattr(settings, "PUBLISHER_SIRET", "")
    try:
        validate_siret(siret)
    except ValidationError:
        return [
            checks.Error(
                f"PUBLISHER_SIRET={siret!r} is not a valid SIRET (14 digits and a Luhn key).",
                hint="It is the idAttribuant of the SCDL export; set it in the environment.",
                id="subsidies.E001",
            )
        ]
    return []
