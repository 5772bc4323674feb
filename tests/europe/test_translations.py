"""The strings of the mission Europe in French: they are their own msgids, never translated."""

from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

PO = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
EUROPE_PATHS = ("europe/", "templates/europe/", "templates/includes/euproject_card.html")


def europe_messages():
    with PO.open("rb") as po:
        catalog = read_po(po)
    return [
        message
        for message in catalog
        if message.id
        and not message.pluralizable
        and any(path.startswith(EUROPE_PATHS) for path, _line in message.locations)
    ]


def test_no_europe_string_takes_a_french_translation_from_another_catalogue():
    """A msgid that is also an English word (« Close ») would read as Django's French for it."""
    messages = europe_messages()
    assert len(messages) > 100
    with translation.override("fr"):
        changed = {
            message.id: (
                pgettext(message.context, message.id) if message.context else gettext(message.id)
            )
            for message in messages
        }
    assert {msgid: french for msgid, french in changed.items() if french != msgid} == {}


def test_english_names_mission_europe_one_way():
    """« Mission Europe », a name: never "the mission Europe" nor "the Europe mission"."""
    with PO.open("rb") as po:
        catalog = read_po(po)
    strings = [
        string
        for message in catalog
        if message.id
        for string in (message.string if isinstance(message.string, tuple) else [message.string])
    ]
    assert [s for s in strings if "mission Europe" in s or "Europe mission" in s] == []
    assert [s for s in strings if "Mission Europe" in s]
