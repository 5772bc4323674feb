from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def publication_director_check(app_configs, **kwargs):
    """The legal notice must name its director of publication (``PUBLICATION_DIRECTOR``)."""
    if settings.PUBLICATION_DIRECTOR.strip():
        return []
    return [
        checks.Warning(
            "PUBLICATION_DIRECTOR is not set: the legal notice names no director of publication.",
            hint="Set the PUBLICATION_DIRECTOR environment variable to the president's name.",
            id="portal.W001",
        )
    ]
