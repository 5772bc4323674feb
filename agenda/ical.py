"""iCalendar (RFC 5545) files of the agenda's events, written by hand: the format is small and
a library would be one more dependency for a few lines.

Lines end with CRLF and are folded at 75 octets (never inside a UTF-8 character); text values
escape backslashes, semicolons, commas and new lines (§3.3.11); timed events are given in
Paris time with the ``VTIMEZONE`` that defines it (§3.6.5), day-long ones as dates whose
``DTEND`` is the day after the last (§3.6.1); ``DTSTAMP`` (the file's creation, as the file has
a ``METHOD``, §3.8.7.2) and ``LAST-MODIFIED`` are in UTC.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

PRODID = "-//Departement de l'Essonne//Portail international//FR"
TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
LINE_OCTETS = 75

# Central European Time as France keeps it since 1996: summer time from the last Sunday of March
# at 02:00 to the last Sunday of October at 03:00.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape_text(value):
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """The content line cut into lines of at most 75 octets, each continuation starting with
    a space (which counts in its 75)."""
    parts = []
    current = b""
    limit = LINE_OCTETS
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > limit:
            parts.append(current)
            current = b""
            limit = LINE_OCTETS - 1
        current += encoded
    parts.append(current)
    return b"\r\n ".join(parts).decode()


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _paris(moment):
    return moment.astimezone(PARIS).strftime("%Y%m%dT%H%M%S")


def event_lines(event, *, host, base_url, now):
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.key}@{host}",
        f"DTSTAMP:{_utc(now)}",
    ]
    if event.updated_at:
        lines.append(f"LAST-MODIFIED:{_utc(event.updated_at)}")
    if event.all_day:
        last = event.last_day
        lines += [
            f"DTSTART;VALUE=DATE:{event.start.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(last + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
        ]
    else:
        lines.append(f"DTSTART;TZID={TZID}:{_paris(event.start)}")
        if event.end:
            lines.append(f"DTEND;TZID={TZID}:{_paris(event.end)}")
    lines.append(f"SUMMARY:{escape_text(event.title)}")
    if event.summary:
        lines.append(f"DESCRIPTION:{escape_text(event.summary)}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        url = event.url if "://" in event.url else base_url + event.url
        lines.append(f"URL:{url}")
    lines.append(f"CATEGORIES:{escape_text(event.kind_label)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name, host, base_url, now=None):
    """The iCalendar text of ``events`` (:class:`core.agenda.AgendaEvent`)."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
    ]
    if any(not event.all_day for event in events):
        lines += VTIMEZONE
    for event in events:
        lines += event_lines(event, host=host, base_url=base_url, now=now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
