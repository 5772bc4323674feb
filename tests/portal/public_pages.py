"""Every public page type, addressed from the demo content, and their visible text.

Shared by the English and typography tests. ``PAGES`` names the page types (for parametrize, at
collection time, without the database); ``page_url`` finds the address of one page of that type
once ``load_demo`` has run.
"""

import html
import re
from datetime import date

from django.urls import reverse
from django.utils import translation

from cooperation.models import Action, Zone
from cresi.models import CatalogueRecord, Resource, TrainingSession
from europe.models import EUProject
from news.models import NewsItem

PAGES = [
    "home",
    "zone-list",
    "zone-detail",
    "action-list",
    "action-detail",
    "emergency-list",
    "subsidy-list",
    "key-figures",
    "cresi-home",
    "resource-list",
    "resource-detail",
    "record-list",
    "record-detail",
    "session-list",
    "session-detail",
    "registration",
    "europe-home",
    "project-detail",
    "support-request",
    "search",
    "legal-notice",
    "privacy",
    "accessibility",
    "site-map",
    "open-data",
    "api-docs",
    "actor-list",
    "actor-detail",
    "actor-request",
    "call-list",
    "call-detail",
    "call-apply",
    "news-list",
    "news-detail",
    "agenda",
]


def open_session():
    """A published session still open for registrations (the demo's are dated; one is moved)."""
    today = date.today()
    session = (
        TrainingSession.objects.filter(is_published=True, registration_deadline__gte=today)
        .order_by("start_date")
        .first()
    )
    if session is None:
        session = TrainingSession.objects.filter(is_published=True).order_by("-start_date").first()
        session.start_date = session.end_date = date(today.year + 1, 1, 20)
        session.registration_deadline = date(today.year + 1, 1, 10)
        session.save()
    return session


def _path(kind):
    match kind:
        case "home" | "key-figures" | "legal-notice" | "privacy" | "accessibility" | "site-map":
            return reverse(kind)
        case "search":
            return reverse("search") + "?q=mali"
        case "zone-list" | "action-list" | "emergency-list":
            return reverse(f"cooperation:{kind}")
        case "zone-detail":
            return Zone.objects.published().get(slug="mali").get_absolute_url()
        case "action-detail":
            # One with results, documents and development aid tags (results/demo.py).
            slug = "mali-environnement-eau-assainissement"
            return Action.objects.published().get(slug=slug).get_absolute_url()
        case "subsidy-list":
            return reverse("subsidies:subsidy-list")
        case "cresi-home":
            return reverse("cresi:home")
        case "resource-list" | "record-list" | "session-list":
            return reverse(f"cresi:{kind}")
        case "resource-detail":
            return Resource.objects.get(slug="guide-evaluer-son-projet").get_absolute_url()
        case "record-detail":
            record = CatalogueRecord.objects.get(slug="aide-d-urgence-haiti-2010-bilan")
            return record.get_absolute_url()
        case "session-detail":
            return open_session().get_absolute_url()
        case "registration":
            return open_session().get_registration_url()
        case "europe-home":
            return reverse("europe:home")
        case "project-detail":
            return EUProject.objects.published().get(slug="climate").get_absolute_url()
        case "support-request":
            return reverse("europe:support-request")
        case "open-data":
            return reverse("opendata:index")
        case "api-docs":
            return reverse("api:docs")
        case "actor-list":
            return reverse("actors:actor-list")
        case "actor-detail":
            return reverse("actors:actor-detail", args=["ecoles-du-sahel-91"])
        case "actor-request":
            return reverse("actors:request")
        case "call-list":
            return reverse("calls:call-list")
        case "call-detail":
            return reverse("calls:call-detail", kwargs={"slug": "solidarite-internationale-2010"})
        case "call-apply":
            return reverse("calls:apply", kwargs={"slug": "solidarite-internationale-appel-ouvert"})
        case "news-list":
            return reverse("news:list")
        case "news-detail":
            return (
                NewsItem.objects.published()
                .get(slug="mali-relation-privilegiee")
                .get_absolute_url()
            )
        case "agenda":
            return reverse("agenda:list")
    raise ValueError(kind)


def page_url(kind, language="fr"):
    """The address of a page of this type in ``language`` (``/en/…`` for English)."""
    with translation.override(language):
        return _path(kind)


_INVISIBLE = re.compile(r"<(script|style|code)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def visible_text(page):
    """The text a reader sees: no scripts, styles, code, comments, tags or attribute values.

    Runs of ASCII white space collapse to one space, as a browser shows them; non-breaking
    spaces are kept as they are.
    """
    text = _INVISIBLE.sub(" ", page)
    text = _COMMENT.sub(" ", text)
    text = _TAG.sub("", text)
    return _SPACES.sub(" ", html.unescape(text)).strip()
