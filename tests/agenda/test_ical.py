"""The iCalendar files follow RFC 5545: read back by an unfolding, unescaping parser of our own
written from the RFC (§3.1 folding, §3.3.11 text)."""

import datetime
import re
from zoneinfo import ZoneInfo

from agenda.ical import calendar, escape_text, fold
from core.agenda import AgendaEvent

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2027, 1, 5, 9, 0, tzinfo=datetime.UTC)


def unfold(text):
    assert text.endswith("\r\n")
    # Every line break is CRLF: no bare LF or CR.
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    lines = text[:-2].split("\r\n")
    for line in lines:
        assert len(line.encode()) <= 75, line
    return re.sub(r"\r\n[ \t]", "", text[:-2]).split("\r\n")


def unescape(value):
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def properties(lines):
    """``[(name, params, value)]`` of the content lines."""
    result = []
    for line in lines:
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        result.append((name, params, value))
    return result


def event(**values):
    defaults = {
        "key": "evenement-rencontre",
        "kind": "evenement",
        "kind_label": "Événement",
        "title": "Rencontre",
        "start": datetime.datetime(2027, 3, 12, 18, 30, tzinfo=PARIS),
        "end": datetime.datetime(2027, 3, 12, 20, 0, tzinfo=PARIS),
        "url": "/agenda/",
        "updated_at": datetime.datetime(2027, 1, 2, 8, 0, tzinfo=datetime.UTC),
    }
    return AgendaEvent(**{**defaults, **values})


def make(*events):
    text = calendar(
        list(events),
        name="Agenda",
        host="international.essonne.fr",
        base_url="https://x.fr",
        now=NOW,
    )
    return properties(unfold(text))


def test_folding_cuts_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(part[1:] for part in parts[1:])]) == line
    assert fold("SHORT:1") == "SHORT:1"


def test_text_is_escaped():
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_a_calendar_has_its_header_and_one_event_per_record():
    props = make(event(), event(key="cresi-formation-x", title="Autre"))
    names = [name for name, _params, _value in props]
    assert names[:2] == ["BEGIN", "VERSION"] and props[0][2] == "VCALENDAR"
    assert ("VERSION", [], "2.0") in props and any(name == "PRODID" for name in names)
    assert names.count("BEGIN") == 1 + 1 + 2 + 2  # calendar, timezone and its 2 rules, events
    assert props[-1] == ("END", [], "VCALENDAR")
    uids = [value for name, _params, value in props if name == "UID"]
    assert uids == [
        "evenement-rencontre@international.essonne.fr",
        "cresi-formation-x@international.essonne.fr",
    ]
    stamps = [value for name, _params, value in props if name == "DTSTAMP"]
    assert stamps == ["20270105T090000Z"] * 2


def test_a_timed_event_is_in_paris_time_with_its_timezone():
    props = make(event())
    assert ("DTSTART", ["TZID=Europe/Paris"], "20270312T183000") in props
    assert ("DTEND", ["TZID=Europe/Paris"], "20270312T200000") in props
    assert ("TZID", [], "Europe/Paris") in props
    assert ("LAST-MODIFIED", [], "20270102T080000Z") in props


def test_a_day_long_event_ends_the_day_after_its_last_day():
    props = make(event(start=datetime.date(2027, 1, 16), end=datetime.date(2027, 1, 17), url=""))
    assert ("DTSTART", ["VALUE=DATE"], "20270116") in props
    assert ("DTEND", ["VALUE=DATE"], "20270118") in props
    # No timed event: no timezone needed.
    assert not any(name == "TZID" for name, _params, _value in props)
    assert not any(name == "URL" for name, _params, _value in props)


def test_text_with_special_characters_reads_back_as_written():
    summary = "Échanges, bilans; et\nsuite \\ fin " + "très long " * 20
    props = make(event(summary=summary, location="Hôtel du Département, Évry"))
    values = {name: value for name, _params, value in props}
    assert unescape(values["DESCRIPTION"]) == summary
    assert unescape(values["LOCATION"]) == "Hôtel du Département, Évry"
    assert values["URL"] == "https://x.fr/agenda/"
