import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation import ngettext

import scripts.french_plurals as french_plurals
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_the_french_catalogue_holds_every_counted_message():
    with Path(french_plurals.FRENCH).open("rb") as source:
        committed = {message.id for message in read_po(source) if message.id}
    expected = {message.id for message in french_plurals.french_plural_catalogue() if message.id}
    assert committed == expected, "run: python scripts/french_plurals.py, then make messages"


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 action"), (1, "1 action"), (2, "2 actions")]
)
def test_french_uses_the_singular_for_zero_and_one(count, expected):
    with translation.override("fr"):
        text = ngettext("%(counter)s action", "%(counter)s actions", count) % {"counter": count}
    assert text == expected


def test_an_empty_filter_result_reads_zero_action(client):
    ActionFactory(title="Puits")
    page = client.get("/cooperation/actions/?q=introuvable").text
    assert re.search(r"\b0 action\b", page)
    assert "0 actions" not in page
