"""Demo events written by staff, dated from the day of the run (a run on a later day moves
them forward, like the CRESI's coming sessions); keyed on their slug."""

import datetime

from django.utils import timezone

from core.demo import sync

from .models import Event

EVENTS = [
    {
        "slug": "rencontre-reseau-cooperation-mali",
        "in_days": 21,
        "hour": (18, 30),
        "hours": 2,
        "title": "Rencontre du réseau essonnien de coopération avec le Mali",
        "title_en": "Meeting of Essonne's network for cooperation with Mali",
        "location": "Hôtel du Département, Évry-Courcouronnes",
        "summary": (
            "Échanges d'expériences entre les acteurs essonniens engagés au Mali, pour "
            "mutualiser les ressources et monter des projets de plus grande ampleur."
        ),
        "summary_en": (
            "Essonne's actors working in Mali share their experience, to pool resources and "
            "build larger projects."
        ),
    },
    {
        "slug": "information-fonds-europeens",
        "in_days": 45,
        "hour": (9, 30),
        "hours": 3,
        "title": "Matinée d'information : les fonds européens pour les associations",
        "title_en": "Information morning: EU funds for associations",
        "location": "Hôtel du Département, Évry-Courcouronnes",
        "summary": (
            "La mission Europe présente les programmes européens ouverts aux collectivités et "
            "associations du territoire, et son accompagnement."
        ),
        "summary_en": (
            "The mission Europe presents the EU programmes open to local authorities and "
            "associations, and the help it offers."
        ),
    },
]


def load():
    today = timezone.localdate()
    for data in EVENTS:
        day = today + datetime.timedelta(days=data["in_days"])
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(*data["hour"])))
        values = {
            key: data[key] for key in ("title", "title_en", "location", "summary", "summary_en")
        }
        existing = Event.objects.filter(slug=data["slug"]).first()
        if existing and timezone.localdate(existing.start_at) >= today:
            start = existing.start_at
        sync(
            Event,
            {"slug": data["slug"]},
            {
                **values,
                "start_at": start,
                "end_at": start + datetime.timedelta(hours=data["hours"]),
                "is_published": True,
            },
        )
    return len(EVENTS)
