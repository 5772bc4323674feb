from django.utils import timezone

from core import registry


def agenda_coming(*, today=None):
    """Every app's events not over on ``today`` (``PortalAppConfig.agenda_events``)."""
    return registry.agenda_events(today=today or timezone.localdate())


def agenda_event(*, key, today=None):
    """The coming event named ``key``, or ``None``."""
    return next((event for event in agenda_coming(today=today) if event.key == key), None)
