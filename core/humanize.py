"""Dates and file sizes as French (and British English) readers write them, for every app.

Django's formats give « 1 janvier 2027 », « du 22 janvier 2027 au 23 janvier 2027 » and
« 1,2 Kio »; French writes « 1er janvier 2027 », « du 22 au 23 janvier 2027 » and « 1,2 Ko ».
"""

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _


def _first_of_month_in_french(value):
    return value.day == 1 and (get_language() or "fr").startswith("fr")


def _day(value):
    """« 22 », or « 1er » for the first of the month in French."""
    return date_format(value, r"j\e\r" if _first_of_month_in_french(value) else "j")


def _day_and_month(value):
    if _first_of_month_in_french(value):
        return date_format(value, r"j\e\r F")
    return date_format(value, "MONTH_DAY_FORMAT")


def long_date(value):
    """« 22 janvier 2027 », « 1er février 2027 »; « 1 February 2027 » in English."""
    if not value:
        return ""
    if _first_of_month_in_french(value):
        return date_format(value, r"j\e\r F Y")
    return date_format(value, "DATE_FORMAT")


def long_datetime(value):
    """A moment, in Paris time: « 22 janvier 2027 à 14:30 »; « 22 January 2027 at 14:30 »."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return _("%(date)s à %(time)s") % {
        "date": long_date(local.date()),
        "time": date_format(local, "TIME_FORMAT"),
    }


def date_range(start, end):
    """« le 3 février 2010 », « du 22 au 23 janvier 2027 », « du 30 janvier au 2 février 2027 »,
    « du 30 décembre 2026 au 2 janvier 2027 »: what both dates share is written once."""
    if start == end:
        return _("le %(day)s") % {"day": long_date(start)}
    if (start.year, start.month) == (end.year, end.month):
        first = _day(start)
    elif start.year == end.year:
        first = _day_and_month(start)
    else:
        first = long_date(start)
    return _("du %(start)s au %(end)s") % {"start": first, "end": long_date(end)}


KILO = 1024
# Units of 1 024 bytes, as file managers count them, under the names French readers know.
UNITS = [
    (KILO**3, lambda size: _("%(size)s Go") % {"size": size}),
    (KILO**2, lambda size: _("%(size)s Mo") % {"size": size}),
    (KILO, lambda size: _("%(size)s Ko") % {"size": size}),
]


def file_size(size):
    """« 1,2 Ko », « 20 Mo », « 512 octets »; « 1.2 KB », « 20 MB », « 512 bytes » in English."""
    if size is None or size == "":
        return ""
    size = int(size)
    for unit, label in UNITS:
        if size >= unit:
            return label(floatformat(size / unit, -1))
    return ngettext("%(size)s octet", "%(size)s octets", size) % {"size": size}
