"""The English site under /en/: every public page type in English, and a complete catalogue.

The compiled catalogue (``django.mo``) is not committed: ``make messages`` builds it, and so does
this module's first fixture when it is missing or older than ``django.po``, so a plain ``pytest``
works too.
"""

import os
import re
import shutil
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from cresi.models import TrainingSession
from tests.portal.public_pages import PAGES, page_url, visible_text

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def untranslated(message):
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return not all(strings)


def test_catalogue_is_english_with_two_plural_forms():
    with PO.open("rb") as po:
        catalog = read_po(po)
    assert str(catalog.locale) == "en"
    assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"
    assert not catalog.fuzzy


def test_catalogue_has_no_untranslated_nor_fuzzy_entry():
    with PO.open("rb") as po:
        catalog = read_po(po)
    messages = [message for message in catalog if message.id]
    assert len(messages) > 800
    missing = [message.id for message in messages if untranslated(message)]
    fuzzy = [message.id for message in messages if message.fuzzy]
    assert not missing, f"{len(missing)} untranslated entries in {PO}: {missing}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries in {PO}: {fuzzy}"


def test_translations_keep_their_placeholders():
    with PO.open("rb") as po:
        catalog = read_po(po)
    problems = [
        (message.id, [str(error) for error in errors]) for message, errors in catalog.check()
    ]
    assert not problems


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_every_marked_string_of_the_code_is_in_the_catalogue(settings, tmp_path):
    """A string marked in the code or a template but missing from django.po fails here.

    Runs the README's ``makemessages`` on a copy of the sources and of the catalogue (never on
    the working tree's), the way a translator would, and checks nothing came out untranslated.
    """
    base = Path(settings.BASE_DIR)
    source = tmp_path / "source"
    for folder in [
        "cooperation",
        "core",
        "cresi",
        "europe",
        "portal",
        "subsidies",
        "templates",
        "calls",
    ]:
        shutil.copytree(
            base / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__", "*.json")
        )
    copy = source / "locale" / "en" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(PO, copy)
    settings.LOCALE_PATHS = [source / "locale"]
    cwd = os.getcwd()
    os.chdir(source)
    try:
        call_command("makemessages", locale=["en"], verbosity=0, stdout=StringIO())
    finally:
        os.chdir(cwd)
    with copy.open("rb") as po:
        catalog = read_po(po)
    missing = [message.id for message in catalog if message.id and untranslated(message)]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert not missing and not fuzzy, (
        "Strings without an English translation: run `manage.py makemessages -l en "
        "--ignore=.venv --ignore=bench --ignore=tests`, translate them in "
        f"locale/en/LC_MESSAGES/django.po, then `make messages`.\n{missing + fuzzy}"
    )


# A few English texts each page must show (interface and, for the demo's key fields, content).
ENGLISH = {
    "home": ["Skip to content", "Three main strands", "An economic presence in China"],
    "zone-list": ["Partner zones", "The partner zones on the map:", "French Guiana"],
    "zone-detail": ["In figures", "Partners", "Cultural exchanges between Essonne and Mali"],
    "action-list": ["Cooperation actions", "contribution of the Département:", "All zones"],
    "action-detail": ["Contribution of the Département", "Total budget", "Status"],
    "emergency-list": ["Amount committed:", "Emergency aid after the earthquake in Haiti"],
    "subsidy-list": ["Open data", "Download as CSV", "Beneficiary", "total granted:"],
    "key-figures": ["Subsidies by zone", "Subsidies by field", "Total voted"],
    "cresi-home": ["The international solidarity resource centre (CRESI)", "Training days"],
    "resource-list": ["The CRESI's tools", "All types", "Practical sheet: finding funding"],
    "resource-detail": ["Guide: evaluating your project", "Downloads", "Publication"],
    "record-list": ["Documentary database", "All kinds", "Shelf mark:"],
    "record-detail": ["How to consult it", "Shelf mark", "At the centre, ask for the document"],
    "session-list": ["The CRESI's training", "Upcoming sessions", "Past sessions"],
    "session-detail": ["Duration", "Audience", "places left out of"],
    "registration": ["Register for “", "Full name", "Email address", "(optional)"],
    "europe-home": ["Mission Europe", "EU funds in figures", "Digital inclusion in Essonne"],
    "project-detail": ["Budget and co-financing", "Financing plan", "Lead partner"],
    "support-request": ["Ask Mission Europe for support", "Send my request"],
    "search": ["results for “mali”", "Partner zones", "Cooperation actions"],
    "legal-notice": ["Legal notice", "Director of publication"],
    "privacy": ["Personal data", "Your rights"],
    "accessibility": ["Accessibility statement", "Feedback and contact"],
    "site-map": ["Site map", "Cooperation actions", "The resource centre (CRESI)"],
    "open-data": ["Open data", "Datasets", "Last update", "Development aid activities (IATI)"],
    "api-docs": ["API documentation", "Endpoints", "The objects", "Parameters of"],
    "actor-list": ["Essonne actors", "Partner organisations abroad", "All towns", "Mali ("],
    "actor-detail": ["Subsidies received", "Total per year", "Calls for projects won"],
    "actor-request": ["List an organisation in the directory", "(optional)", "Send my request"],
    "call-list": ["Calls for projects", "Open calls", "Closed calls", "days left"],
    "call-detail": ["Who may apply", "Funded projects", "International solidarity 2010"],
    "call-apply": ["Apply to “", "Email address", "Receive the link"],
    "news-list": ["News", "RSS feed", "4 news items", "Mali: a special relationship"],
    "news-detail": ["See also", "Culture, economic and social development"],
    "agenda": ["Type of event", "CRESI training", "Add to my calendar", "Subscribe to this"],
}

# French words of the interface (navigation, footer, forms, share links) that no English page
# may show; matched as whole, case-sensitive words, so French content rarely trips them.
FRENCH_INTERFACE = [
    "Aller au contenu",
    "Rechercher",
    "Coopération",
    "Subventions",
    "Chiffres clés",
    "Mentions légales",
    "Données personnelles",
    "Plan du site",
    "Accessibilité",
    "Filtrer",
    "Tout afficher",
    "Toutes les zones",
    "Tous les thèmes",
    "Page suivante",
    "Partager",
    "vues",
    "Un site du",
    "Mis à jour",
    "Télécharger",
    "facultatif",
    "Zones partenaires",
    "Montant",
]


def french_leftovers(text):
    return [
        word for word in FRENCH_INTERFACE if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
    ]


def test_leftover_detection():
    assert french_leftovers("Filtrer · Montant : 5 €") == ["Filtrer", "Montant"]
    assert not french_leftovers("Filter · Amount: €5 · Montants")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", PAGES)
def test_english_pages_speak_english(client, demo, kind):
    url = page_url(kind, "en")
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.text
    assert '<html lang="en">' in page
    text = visible_text(page)
    for english in ENGLISH[kind] + ["Cooperation", "Key figures", "Legal notice", "Site map"]:
        assert english in text, f"{url}: « {english} » missing"
    assert not french_leftovers(text), f"{url}: French interface words {french_leftovers(text)}"


@pytest.mark.django_db
def test_english_dates_and_amounts_are_written_the_british_way(client, demo):
    text = visible_text(client.get(page_url("project-detail", "en")).text)
    assert "from 1 January 2009 to 31 December 2011" in text
    assert "€1,600,000" in text and "75%" in text and "75.0%" not in text
    french = visible_text(client.get(page_url("project-detail")).text)
    assert "du 1er janvier 2009 au 31 décembre 2011" in french
    assert "1\xa0600\xa0000\xa0€" in french


@pytest.mark.django_db
def test_filters_name_zones_and_themes_in_english(client, demo):
    assert ">French Guiana</option>" in client.get("/en/cooperation/actions/").text
    assert ">Guyane</option>" in client.get("/cooperation/actions/").text
    assert ">Water and sanitation</option>" in client.get("/en/cresi/ressources/").text
    assert ">Climate and energy</option>" in client.get("/en/europe/").text


def test_fractional_training_days_are_plural_in_english():
    session = TrainingSession(duration_days=Decimal("1.5"))
    assert session.duration_label == "1,5\xa0jour"
    with translation.override("en"):
        assert session.duration_label == "1.5 days"
        session.duration_days = Decimal("1")
        assert session.duration_label == "1 day"


def test_server_error_page_follows_the_language():
    with translation.override("en"):
        page = render_to_string("500.html")
    assert '<html lang="en">' in page and "Something went wrong" in page and 'href="/en/"' in page
    page = render_to_string("500.html")
    assert '<html lang="fr">' in page and "Une erreur est survenue" in page
