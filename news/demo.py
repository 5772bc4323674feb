"""Demo news drawn from the seed: the partnership with Mali, the aid to Haïti, the CRESI's
training days, the mission Europe's new advice. Dated from the day of the first run, so the
home page shows them as recent; keyed on their slug, so a second run writes nothing.
"""

from datetime import timedelta

from django.utils import timezone

from cooperation.models import Action, Zone
from core.demo import sync

from .models import NewsItem

NEWS = [
    {
        "slug": "formations-du-cresi-calendrier",
        "days_ago": 3,
        "title": "Les formations du CRESI : 14 jours par an pour les acteurs essonniens",
        "title_en": "CRESI training: 14 days a year for Essonne's actors",
        "summary": (
            "Montage de projet, financement, évaluation : le centre de ressources de la "
            "solidarité internationale ouvre les inscriptions à ses prochaines journées."
        ),
        "summary_en": (
            "Project design, funding, evaluation: the international solidarity resource "
            "centre opens registrations for its next training days."
        ),
        "body": (
            "Le CRESI met à la disposition des acteurs essonniens engagés de nombreux outils "
            "pratiques pour les aider à réaliser leurs projets.\n\n"
            "## Au programme\n\n"
            "- monter un projet de solidarité internationale ;\n"
            "- trouver des financements ;\n"
            "- évaluer son projet.\n\n"
            "Le calendrier et les inscriptions : /cresi/formations/"
        ),
        "zones": [],
        "actions": ["mali-appui-institutionnel-reseau"],
    },
    {
        "slug": "mission-europe-conseil-collectivites-associations",
        "days_ago": 10,
        "title": "La mission Europe conseille les collectivités et associations",
        "title_en": "The mission Europe advises local authorities and associations",
        "summary": (
            "Après Climate et Cinessonne, la mission Europe ouvre son expertise aux "
            "collectivités et associations du territoire qui souhaitent mener des projets "
            "européens."
        ),
        "summary_en": (
            "After Climate and Cinessonne, the mission Europe offers its expertise to the "
            "local authorities and associations planning European projects."
        ),
        "body": (
            "Le Département a créé en son sein une mission Europe qui lui permet de solliciter "
            "les fonds nécessaires pour mener à bien des projets comme Climate ou Cinessonne.\n\n"
            "Depuis peu, cette mission s'ouvre au conseil et à l'expertise des collectivités et "
            "associations du territoire : demandez un accompagnement sur /europe/accompagnement/"
        ),
        "zones": ["europe"],
        "actions": [],
    },
    {
        "slug": "haiti-aide-d-urgence",
        "days_ago": 20,
        "title": "Une aide d'urgence à Haïti",
        "title_en": "Emergency aid to Haiti",
        "summary": (
            "Après le séisme, le Département apporte une aide d'urgence à Haïti, comme il "
            "l'avait fait en 2004 lors du tsunami en Thaïlande."
        ),
        "summary_en": (
            "After the earthquake, the Département gives emergency aid to Haiti, as it did "
            "in 2004 after the tsunami in Thailand."
        ),
        "body": (
            "La politique de soutien du Département intervient également lors de catastrophes "
            "humaines ou climatiques."
        ),
        "zones": ["haiti"],
        "actions": [],
    },
    {
        "slug": "mali-relation-privilegiee",
        "days_ago": 40,
        "title": "Mali : une relation privilégiée",
        "title_en": "Mali: a special relationship",
        "summary": (
            "Culture, développement économique et social, éducation, environnement : une "
            "collaboration ancienne unit l'Essonne et plusieurs collectivités du Mali."
        ),
        "summary_en": (
            "Culture, economic and social development, education, environment: a long "
            "collaboration links Essonne with several local authorities of Mali."
        ),
        "body": (
            "Une collaboration ancienne avec le Mali a été créée afin d'établir un échange "
            "dans les domaines de la culture, du développement économique et social, de "
            "l'éducation et de l'environnement."
        ),
        "zones": ["mali"],
        "actions": ["mali-education-ecoles", "mali-culture-echanges-artistiques"],
    },
]


def load():
    now = timezone.now()
    for data in NEWS:
        values = {key: data[key] for key in ("title", "title_en", "summary", "summary_en", "body")}
        item = NewsItem.objects.filter(slug=data["slug"]).first()
        published_at = item.published_at if item else now - timedelta(days=data["days_ago"])
        item = sync(
            NewsItem,
            {"slug": data["slug"]},
            {**values, "is_published": True, "published_at": published_at},
        )
        zones = Zone.objects.filter(slug__in=data["zones"])
        actions = Action.objects.filter(slug__in=data["actions"])
        if set(item.zones.all()) != set(zones):
            item.zones.set(zones)
        if set(item.actions.all()) != set(actions):
            item.actions.set(actions)
    return len(NEWS)
