"""What the agenda (``/agenda/``) shows: events each app gives through ``agenda_events()``.

An app declares its coming events on its ``AppConfig`` (``core/registry.py``): the agenda app its
staff-written events, the CRESI its training sessions, the calls for projects their closing
dates. The agenda gathers them without importing any app.
"""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class AgendaEvent:
    #: Unique and stable across the apps (``"cresi-formation-<slug>"``): the event's file name,
    #: and with the site's host its iCalendar ``UID``.
    key: str
    #: The kind of event, a short code the agenda filters on (``"formation"``), and its label.
    kind: str
    kind_label: str
    title: str
    #: A ``date`` for a day-long event, an aware ``datetime`` for one at set hours.
    start: datetime.date | datetime.datetime
    #: The last day (``date``, included) or the end time (``datetime``); ``None``: as ``start``.
    end: datetime.date | datetime.datetime | None = None
    location: str = ""
    summary: str = ""
    #: The page telling more (a path on the portal), or ``""``.
    url: str = ""
    #: When the record last changed (``DTSTAMP`` of the iCalendar file).
    updated_at: datetime.datetime | None = None

    @property
    def all_day(self):
        return not isinstance(self.start, datetime.datetime)

    @property
    def start_date(self):
        return self.start if self.all_day else self.start.date()

    @property
    def last_day(self):
        end = self.end or self.start
        return end if self.all_day else end.date()

    def sort_key(self):
        start = self.start
        if self.all_day:
            start = datetime.datetime.combine(start, datetime.time.min, datetime.UTC)
        return (start, self.title)
