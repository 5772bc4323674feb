"""Writes locale/fr/LC_MESSAGES/django.po: the French plural forms of every counted message.

The interface is written in French, so French needs no translation, except for one rule:
gettext falls back to the English plural rule (singular for 1 only) for messages that have no
French catalogue entry, and French uses the singular for 0 and 1 (« 0 action », « 1 action »).
This catalogue gives every message with a plural its two French forms under the French rule.
Run it after `makemessages`: python scripts/french_plurals.py
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
FRENCH = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def french_plural_catalogue():
    with ENGLISH.open("rb") as source:
        english = read_po(source)
    french = Catalog(
        locale="fr",
        project="essonne-intl",
        fuzzy=False,
        copyright_holder="Département de l'Essonne",
        msgid_bugs_address="relations-internationales@essonne.fr",
    )
    for message in english:
        if message.id and message.pluralizable:
            singular, plural = message.id
            # French has three CLDR forms: 0 and 1, round millions (« de »), the others.
            french.add(message.id, string=(singular, plural, plural), context=message.context)
    return french


def main():
    FRENCH.parent.mkdir(parents=True, exist_ok=True)
    with FRENCH.open("wb") as target:
        write_po(target, french_plural_catalogue(), width=100, omit_header=False, sort_output=True)
    print(f"wrote {FRENCH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
