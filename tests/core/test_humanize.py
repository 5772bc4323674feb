from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.humanize import file_size, long_date, long_datetime


@pytest.mark.parametrize(
    ("size", "french", "english"),
    [
        (1, "1\xa0octet", "1 byte"),
        (512, "512\xa0octets", "512 bytes"),
        (1024, "1\xa0Ko", "1 KB"),
        (1229, "1,2\xa0Ko", "1.2 KB"),
        (20 * 1024 * 1024, "20\xa0Mo", "20 MB"),
        (int(2.5 * 1024**3), "2,5\xa0Go", "2.5 GB"),
    ],
)
def test_file_size_in_french_and_english(size, french, english):
    assert file_size(size) == french
    with translation.override("en"):
        assert file_size(size) == english


@pytest.mark.parametrize(
    ("day", "french", "english"),
    [
        (date(2027, 2, 1), "1er février 2027", "1 February 2027"),
        (date(2027, 2, 2), "2 février 2027", "2 February 2027"),
        (date(2027, 1, 22), "22 janvier 2027", "22 January 2027"),
    ],
)
def test_long_date_says_1er_in_french(day, french, english):
    assert long_date(day) == french
    with translation.override("en"):
        assert long_date(day) == english


def test_template_filters():
    template = Template("{% load formatting %}{{ day|long_date }} · {{ size|file_size }}")
    text = template.render(Context({"day": date(2027, 3, 1), "size": 1229}))
    assert text == "1er mars 2027 · 1,2\xa0Ko"


def test_long_datetime_is_paris_time():
    moment = datetime(2027, 2, 1, 13, 30, tzinfo=UTC)
    assert long_datetime(moment) == "1er février 2027 à 14:30"
    with translation.override("en"):
        assert long_datetime(moment) == "1 February 2027 at 14:30"
    assert long_datetime(None) == ""
