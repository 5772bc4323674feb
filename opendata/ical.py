"""The CRESI training calendar as iCalendar (RFC 5545): one all-day event per session.

Written by hand: the few properties a calendar needs, escaped and folded as the RFC asks, with
no dependency for it.
"""

from datetime import UTC, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import translation

from core.i18n import translated_value
from core.links import absolute_url

LINE_OCTETS = 75  # RFC 5545, 3.1: lines longer than this are folded


def escape(text):
    """A TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """The content line cut into lines of at most 75 octets, never inside a UTF-8 character,
    each continuation starting with a space; CRLF after each."""
    pieces, current = [], ""
    limit = LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            pieces.append(current)
            current = " "
            limit = LINE_OCTETS
        current += character
    pieces.append(current)
    return "\r\n".join(pieces) + "\r\n"


def _utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_lines(session, host):
    """The content lines of one session's VEVENT. ``DTEND`` of an all-day event is the day
    after the last one (exclusive)."""
    title = translated_value(session, "title")
    description = f"{session.audience} · {session.duration_label}"
    return [
        "BEGIN:VEVENT",
        f"UID:cresi-{session.slug}@{host}",
        f"DTSTAMP:{_utc_stamp(session.updated_at)}",
        f"LAST-MODIFIED:{_utc_stamp(session.updated_at)}",
        f"DTSTART;VALUE=DATE:{session.start_date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{session.end_date + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(title)}",
        f"LOCATION:{escape(session.place)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{absolute_url(session.get_absolute_url())}",
        "END:VEVENT",
    ]


def calendar(sessions, *, name):
    """The whole calendar, piece by piece, in the language active when it is called."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    with translation.override(language):
        yield "".join(
            fold(line)
            for line in (
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                f"PRODID:-//{escape(settings.PUBLISHER_NAME)}//{host}//{language.upper()}",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                f"X-WR-CALNAME:{escape(name)}",
                "X-WR-TIMEZONE:Europe/Paris",
            )
        )
        for session in sessions:
            yield "".join(fold(line) for line in session_lines(session, host))
        yield fold("END:VCALENDAR")
