"""Demo content of the resource centre: tools with real small files, the documentary base, and the
training sessions of the seed year (2010: 14 days) plus a few coming ones to register for, dated
from the day of the run.

Idempotent: records are keyed on their slug (or shelf mark) and updated in place; a resource's
file is written only the first time, so a second run stores no new file; a second run the same
day leaves the sessions untouched, a run on a later day moves the coming ones forward.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo import sync

from .choices import ConsultationMode, DocumentLanguage, RecordKind, ResourceType
from .documents import csv_document, odt_document, pdf_document
from .models import CatalogueRecord, Resource, Theme, TrainingSession

SEED_YEAR = 2010

THEMES = [
    ("montage-de-projet", "Montage de projet", "Project design"),
    ("financement", "Financement", "Funding"),
    ("education-au-developpement", "Éducation au développement", "Development education"),
    ("eau-et-assainissement", "Eau et assainissement", "Water and sanitation"),
    ("partenariat", "Partenariat", "Partnership"),
    ("vie-associative", "Vie associative", "Running an association"),
    ("evaluation", "Évaluation", "Evaluation"),
    ("urgence", "Urgence et reconstruction", "Emergency and reconstruction"),
]


def _pdf(title, *paragraphs):
    return "pdf", lambda: pdf_document(title, paragraphs)


def _odt(title, *paragraphs):
    return "odt", lambda: odt_document(title, paragraphs)


def _csv(*rows):
    return "csv", lambda: csv_document(rows)


RESOURCES = [
    {
        "slug": "guide-monter-un-projet-de-solidarite-internationale",
        "title": "Guide : monter un projet de solidarité internationale",
        "title_en": "Guide: setting up an international solidarity project",
        "resource_type": ResourceType.GUIDE,
        "themes": ["montage-de-projet", "partenariat"],
        "publication_date": date(2010, 3, 1),
        "summary": (
            "Les étapes d'un projet de solidarité internationale, de l'idée à l'évaluation : "
            "diagnostic partagé avec le partenaire, objectifs, budget, calendrier et suivi."
        ),
        "summary_en": "The steps of an international solidarity project, from idea to evaluation.",
        "file": _pdf(
            "Monter un projet de solidarité internationale",
            "1. Partir des besoins exprimés par le partenaire et établir un diagnostic partagé.",
            "2. Fixer des objectifs précis et mesurables, un budget équilibré et un calendrier.",
            "3. Prévoir dès le départ le suivi et l'évaluation du projet.",
        ),
    },
    {
        "slug": "fiche-rechercher-des-financements",
        "title": "Fiche pratique : rechercher des financements",
        "title_en": "Practical sheet: finding funding",
        "resource_type": ResourceType.PRACTICAL_SHEET,
        "themes": ["financement"],
        "publication_date": date(2010, 2, 15),
        "summary": (
            "Collectivités, État, Union européenne, fondations, dons : qui finance quoi, et "
            "comment présenter une demande de subvention solide."
        ),
        "summary_en": (
            "Local authorities, the State, the European Union, foundations, donations: who "
            "funds what, and how to present a strong grant application."
        ),
        "file": _pdf(
            "Rechercher des financements",
            "Diversifier les financeurs : collectivités, État, Union européenne, fondations.",
            "Soigner le dossier : objectifs, budget détaillé, cofinancements, calendrier.",
        ),
    },
    {
        "slug": "modele-de-budget-previsionnel",
        "title": "Modèle de budget prévisionnel",
        "title_en": "Provisional budget template",
        "resource_type": ResourceType.TEMPLATE,
        "themes": ["financement", "montage-de-projet"],
        "publication_date": date(2010, 2, 15),
        "summary": (
            "Un tableau à compléter pour présenter les dépenses et les recettes d'un projet, "
            "cofinancements et valorisation du bénévolat compris."
        ),
        "summary_en": (
            "A table to fill in to present a project's expenditure and income, including "
            "co-funding and the value of volunteer work."
        ),
        "file": _csv(
            ["Poste", "Dépenses (€)", "Recettes (€)", "Financeur"],
            ["Achats de matériel", "", "", ""],
            ["Voyages et missions", "", "", ""],
            ["Valorisation du bénévolat", "", "", ""],
            ["Subvention du Département de l'Essonne", "", "", "Département de l'Essonne"],
            ["Total", "", "", ""],
        ),
    },
    {
        "slug": "modele-de-convention-de-partenariat",
        "title": "Modèle de convention de partenariat",
        "title_en": "Partnership agreement template",
        "resource_type": ResourceType.TEMPLATE,
        "themes": ["partenariat"],
        "publication_date": date(2010, 4, 6),
        "summary": (
            "Une convention type entre une association de l'Essonne et son partenaire du Sud : "
            "objet, engagements de chacun, durée, suivi et règlement des différends."
        ),
        "summary_en": (
            "A model agreement between an association in Essonne and its partner in the Global "
            "South: purpose, each party's commitments, duration, monitoring and settlement of "
            "disputes."
        ),
        "file": _odt(
            "Convention de partenariat",
            "Entre l'association …, ci-après « l'association », et …, ci-après « le partenaire ».",
            "Article 1 – Objet de la convention.",
            "Article 2 – Engagements des parties.",
            "Article 3 – Durée, suivi et évaluation.",
        ),
    },
    {
        "slug": "fiche-envoyer-du-materiel-a-l-etranger",
        "title": "Fiche pratique : envoyer du matériel à l'étranger",
        "title_en": "Practical sheet: sending equipment abroad",
        "resource_type": ResourceType.PRACTICAL_SHEET,
        "themes": ["montage-de-projet"],
        "publication_date": date(2010, 5, 10),
        "summary": (
            "Avant d'envoyer un conteneur : s'assurer du besoin, des droits de douane, du "
            "transport et de la réception sur place. Souvent, acheter sur place vaut mieux."
        ),
        "summary_en": (
            "Before shipping a container: make sure of the need, customs duties, transport and "
            "reception on site. Buying locally is often better."
        ),
        "file": _pdf(
            "Envoyer du matériel à l'étranger",
            "Vérifier avec le partenaire que le matériel répond à un besoin et qu'il sera "
            "entretenu ; comparer avec un achat sur place, qui soutient l'économie locale.",
        ),
    },
    {
        "slug": "kit-semaine-de-la-solidarite-internationale",
        "title": "Kit d'animation : la Semaine de la solidarité internationale",
        "title_en": "Activity kit: International Solidarity Week",
        "resource_type": ResourceType.EVENT_KIT,
        "themes": ["education-au-developpement"],
        "publication_date": date(2010, 9, 20),
        "summary": (
            "Des idées d'animations pour les écoles, les médiathèques et les marchés, une "
            "affiche à compléter et une fiche d'organisation."
        ),
        "summary_en": (
            "Ideas for activities in schools, libraries and markets, a poster to complete and "
            "an organisation sheet."
        ),
        "file": _odt(
            "Organiser une animation pendant la Semaine de la solidarité internationale",
            "Choisir un public, un lieu et un message ; associer les partenaires du Sud ; "
            "prévoir un temps d'échange avec le public.",
        ),
    },
    {
        "slug": "guide-evaluer-son-projet",
        "title": "Guide : évaluer son projet",
        "title_en": "Guide: evaluating your project",
        "resource_type": ResourceType.GUIDE,
        "themes": ["evaluation", "montage-de-projet"],
        "publication_date": date(2010, 6, 1),
        "summary": (
            "Pourquoi et comment évaluer : critères de pertinence, d'efficacité et de durabilité, "
            "indicateurs simples et restitution au partenaire."
        ),
        "summary_en": (
            "Why and how to evaluate: criteria of relevance, effectiveness and sustainability, "
            "simple indicators and feedback to the partner."
        ),
        "file": _pdf(
            "Évaluer son projet",
            "L'évaluation se prépare dès le montage du projet : choisir quelques indicateurs "
            "simples, les suivre avec le partenaire et partager les résultats.",
        ),
    },
    {
        "slug": "etude-acteurs-essonniens-de-la-cooperation-au-mali",
        "title": "Étude : les acteurs essonniens de la coopération avec le Mali",
        "title_en": "Study: Essonne's stakeholders in cooperation with Mali",
        "resource_type": ResourceType.STUDY,
        "themes": ["partenariat"],
        "partner_zone": "Mali",
        "publication_date": date(2009, 11, 30),
        "summary": (
            "Qui sont les associations, collectivités et établissements de l'Essonne engagés au "
            "Mali, dans quels domaines (culture, développement économique et social, éducation, "
            "environnement) et avec quels partenaires."
        ),
        "summary_en": (
            "Who the associations, local authorities and institutions of Essonne involved in "
            "Mali are, in which fields (culture, economic and social development, education, "
            "environment) and with which partners."
        ),
        "file": _pdf(
            "Les acteurs essonniens de la coopération avec le Mali",
            "Une collaboration ancienne relie l'Essonne et le Mali dans les domaines de la "
            "culture, du développement économique et social, de l'éducation et de "
            "l'environnement.",
        ),
    },
    {
        "slug": "fiche-eau-et-assainissement",
        "title": "Fiche pratique : un projet d'eau et d'assainissement",
        "title_en": "Practical sheet: a water and sanitation project",
        "resource_type": ResourceType.PRACTICAL_SHEET,
        "themes": ["eau-et-assainissement", "montage-de-projet"],
        "partner_zone": "Mali",
        "publication_date": date(2010, 7, 5),
        "summary": (
            "Puits, forages, latrines : associer les usagers, prévoir la maintenance et le "
            "financement du service de l'eau dans la durée."
        ),
        "summary_en": (
            "Wells, boreholes, latrines: involve the users, plan for maintenance and for "
            "funding the water service over time."
        ),
        "file": _pdf(
            "Un projet d'eau et d'assainissement",
            "Un ouvrage n'est utile que s'il est entretenu : prévoir un comité de gestion, une "
            "tarification et la formation d'artisans réparateurs.",
        ),
    },
    {
        "slug": "modele-de-rapport-d-activite",
        "title": "Modèle de rapport d'activité",
        "title_en": "Activity report template",
        "resource_type": ResourceType.TEMPLATE,
        "themes": ["vie-associative", "evaluation"],
        "publication_date": date(2010, 10, 12),
        "summary": (
            "Un plan de rapport d'activité annuel pour rendre compte aux adhérents et aux "
            "financeurs des actions menées."
        ),
        "summary_en": (
            "An outline of an annual activity report, to account to members and funders for the "
            "work done."
        ),
        "file": _odt(
            "Rapport d'activité",
            "1. L'association en quelques mots.",
            "2. Les actions de l'année et leurs résultats.",
            "3. Les comptes et les perspectives.",
        ),
    },
    {
        "slug": "reagir-a-une-catastrophe-aide-d-urgence",
        "title": "Réagir à une catastrophe : l'aide d'urgence",
        "title_en": "Responding to a disaster: emergency aid",
        "resource_type": ResourceType.GUIDE,
        "themes": ["urgence"],
        "partner_zone": "Haïti",
        "publication_date": date(2010, 2, 1),
        "summary": (
            "Après une catastrophe humaine ou climatique, comme en Haïti en 2010 ou en Thaïlande "
            "en 2004 : à qui donner, pourquoi privilégier les dons financiers, comment préparer "
            "la reconstruction."
        ),
        "summary_en": (
            "After a human or climate disaster, as in Haiti in 2010 or Thailand in 2004: whom "
            "to give to, why financial donations are better, how to prepare for reconstruction."
        ),
        "file": _pdf(
            "Réagir à une catastrophe",
            "Privilégier les dons financiers aux organisations présentes sur place ; éviter "
            "l'envoi de dons en nature non demandés ; penser dès l'urgence à la reconstruction.",
        ),
    },
    {
        "slug": "portail-de-l-action-exterieure-des-collectivites",
        "title": "L'action extérieure des collectivités territoriales",
        "title_en": "The external action of local authorities",
        "resource_type": ResourceType.OTHER,
        "themes": ["partenariat", "financement"],
        "publication_date": date(2010, 1, 15),
        "summary": (
            "Le portail du ministère des Affaires étrangères consacré à la coopération "
            "décentralisée : cadre juridique, appels à projets et atlas des coopérations."
        ),
        "summary_en": (
            "The French Ministry of Foreign Affairs' portal on decentralised cooperation: legal "
            "framework, calls for projects and an atlas of cooperation partnerships."
        ),
        "external_url": (
            "https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/"
            "action-exterieure-des-collectivites-territoriales/"
        ),
    },
]

RECORDS = [
    {
        "shelf_mark": "CRESI-GUI-001",
        "slug": "guide-de-la-cooperation-decentralisee",
        "title": "Guide de la coopération décentralisée",
        "authors": "Direction des relations internationales",
        "publisher": "Département de l'Essonne",
        "year": 2009,
        "kind": RecordKind.BOOK,
        "themes": ["partenariat", "montage-de-projet"],
        "places": "Mali, Haïti, Guyane",
        "abstract": (
            "Les principes de la coopération décentralisée et leur mise en œuvre par le "
            "Département : soutien à plusieurs régions du monde, réseau d'acteurs essonniens."
        ),
        "consultation": ConsultationMode.LOAN,
        "consultation_notes": "Prêt de trois semaines.",
    },
    {
        "shelf_mark": "CRESI-RAP-014",
        "slug": "rapport-reseau-acteurs-essonniens-mali",
        "title": "Le réseau des acteurs essonniens de la coopération avec le Mali",
        "authors": "CRESI",
        "publisher": "Département de l'Essonne",
        "year": 2010,
        "kind": RecordKind.REPORT,
        "themes": ["partenariat"],
        "places": "Mali",
        "abstract": (
            "Bilan des échanges d'expériences et de la mutualisation des ressources humaines et "
            "financières entre les acteurs essonniens engagés au Mali."
        ),
    },
    {
        "shelf_mark": "CRESI-RAP-015",
        "slug": "aide-d-urgence-haiti-2010-bilan",
        "title": "Aide d'urgence à Haïti : premier bilan",
        "authors": "Direction des relations internationales",
        "publisher": "Département de l'Essonne",
        "year": 2010,
        "kind": RecordKind.REPORT,
        "themes": ["urgence"],
        "places": "Haïti",
        "abstract": "L'aide d'urgence apportée à Haïti après le séisme et les suites données.",
    },
    {
        "shelf_mark": "CRESI-RAP-009",
        "slug": "tsunami-thailande-2004-soutien",
        "title": "Tsunami en Thaïlande : le soutien de l'Essonne",
        "authors": "Direction des relations internationales",
        "publisher": "Département de l'Essonne",
        "year": 2005,
        "kind": RecordKind.REPORT,
        "themes": ["urgence"],
        "places": "Thaïlande",
        "abstract": "L'aide apportée aux victimes du tsunami de décembre 2004 en Thaïlande.",
    },
    {
        "shelf_mark": "CRESI-PER-001",
        "slug": "lettre-du-cresi",
        "title": "La Lettre du CRESI",
        "authors": "CRESI",
        "publisher": "Département de l'Essonne",
        "year": 2010,
        "kind": RecordKind.PERIODICAL,
        "themes": ["vie-associative"],
        "abstract": (
            "La lettre d'information du centre : formations, appels à projets, outils et "
            "actualités des acteurs essonniens. Collection complète au centre."
        ),
    },
    {
        "shelf_mark": "CRESI-VID-003",
        "slug": "video-ecoles-essonne-mali",
        "title": "D'une école à l'autre : l'Essonne et le Mali",
        "authors": "Collégiens de l'Essonne",
        "publisher": "Département de l'Essonne",
        "year": 2009,
        "kind": RecordKind.VIDEO,
        "themes": ["education-au-developpement"],
        "places": "Mali",
        "abstract": "Un film de 26 minutes sur un échange entre collèges de l'Essonne et du Mali.",
        "consultation_notes": "Projection possible au centre, sur rendez-vous.",
    },
    {
        "shelf_mark": "CRESI-GUI-007",
        "slug": "eau-potable-et-assainissement-en-milieu-rural",
        "title": "Eau potable et assainissement en milieu rural",
        "authors": "Réseau des acteurs essonniens de la coopération avec le Mali",
        "year": 2008,
        "kind": RecordKind.BOOK,
        "themes": ["eau-et-assainissement"],
        "places": "Mali, Sahel",
        "abstract": (
            "Retours d'expérience de projets de puits, de forages et de latrines, et de la "
            "gestion du service de l'eau par les usagers."
        ),
        "consultation": ConsultationMode.LOAN,
    },
    {
        "shelf_mark": "CRESI-EXP-002",
        "slug": "exposition-regards-croises-essonne-monde",
        "title": "Regards croisés : l'Essonne et le monde",
        "authors": "CRESI",
        "year": 2010,
        "kind": RecordKind.EXHIBITION,
        "themes": ["education-au-developpement"],
        "places": "Mali, Haïti, Chine, Guyane",
        "abstract": "Douze panneaux sur les partenariats internationaux de l'Essonne.",
        "consultation": ConsultationMode.LOAN,
        "consultation_notes": "Prêt gratuit aux associations, écoles et mairies de l'Essonne.",
    },
    {
        "shelf_mark": "CRESI-GUI-011",
        "slug": "wuhan-hubei-cooperation-economique",
        "title": "Wuhan et le Hubei : une coopération économique",
        "authors": "Antenne de l'Essonne à Wuhan",
        "publisher": "Département de l'Essonne",
        "year": 2010,
        "kind": RecordKind.REPORT,
        "themes": ["partenariat"],
        "places": "Wuhan, Hubei, Chine",
        "abstract": (
            "La présence de l'Essonne à Wuhan, dans la province du Hubei, et les synergies "
            "recherchées avec les pôles de compétitivité de l'Essonne dans les hautes "
            "technologies."
        ),
    },
    {
        "shelf_mark": "CRESI-GUI-012",
        "slug": "financer-un-projet-europeen",
        "title": "Financer un projet avec l'Union européenne",
        "authors": "Mission Europe",
        "publisher": "Département de l'Essonne",
        "year": 2010,
        "kind": RecordKind.BOOK,
        "themes": ["financement"],
        "places": "Europe",
        "abstract": (
            "Les programmes et les fonds européens ouverts aux collectivités et aux "
            "associations, et les conseils de la mission Europe du Département."
        ),
        "consultation": ConsultationMode.ONLINE,
        "url": "https://european-union.europa.eu/index_fr",
    },
]

# The seed year's 14 training days.
SEED_SESSIONS = [
    (
        "monter-un-projet-2010",
        "Monter un projet de solidarité internationale",
        "2010-01-22",
        "2010-01-23",
        "2",
    ),
    (
        "rechercher-des-financements-2010",
        "Rechercher des financements",
        "2010-02-12",
        "2010-02-12",
        "1",
    ),
    (
        "education-au-developpement-2010",
        "Éducation au développement",
        "2010-03-05",
        "2010-03-05",
        "1",
    ),
    (
        "connaitre-le-mali-2010",
        "Partenariat avec le Mali : connaître le contexte",
        "2010-03-26",
        "2010-03-26",
        "1",
    ),
    ("evaluer-son-projet-2010", "Évaluer son projet", "2010-04-16", "2010-04-16", "1"),
    (
        "communiquer-sur-son-action-2010",
        "Communiquer sur son action",
        "2010-05-07",
        "2010-05-07",
        "0.5",
    ),
    (
        "gerer-son-association-2010",
        "Gérer une association de solidarité internationale",
        "2010-05-28",
        "2010-05-29",
        "1.5",
    ),
    (
        "envoyer-du-materiel-2010",
        "Envoyer du matériel à l'étranger",
        "2010-06-11",
        "2010-06-11",
        "0.5",
    ),
    (
        "accueillir-des-partenaires-2010",
        "Accueillir des partenaires du Sud",
        "2010-06-25",
        "2010-06-25",
        "1",
    ),
    (
        "fonds-europeens-associations-2010",
        "Les fonds européens pour les associations",
        "2010-09-24",
        "2010-09-24",
        "1",
    ),
    (
        "eau-et-assainissement-2010",
        "Mener un projet d'eau et d'assainissement",
        "2010-10-08",
        "2010-10-09",
        "2",
    ),
    ("interculturalite-2010", "Interculturalité et partenariat", "2010-11-19", "2010-11-19", "1"),
    ("rapport-d-activite-2010", "Rédiger un rapport d'activité", "2010-12-03", "2010-12-03", "0.5"),
]
# Sessions to come, so that visitors of the demo can register: dated from the day ``load_demo``
# runs (first day ``offset`` days later, over ``days_long`` calendar days, registrations closing a
# week before), under slugs without a date. Run again on a later day, it moves them forward: on a
# demo site loaded at each deploy (or daily), they stay ahead of the calendar.
COMING_SESSIONS = [
    (
        "monter-un-projet-prochaine-session",
        "Monter un projet de solidarité internationale",
        45,
        2,
        "2",
    ),
    ("rechercher-des-financements-prochaine-session", "Rechercher des financements", 75, 1, "1"),
    ("communiquer-sur-son-action-prochaine-session", "Communiquer sur son action", 110, 1, "0.5"),
]
# The fixed-date slugs of the coming sessions before they moved with the day of the run: a demo
# database loaded then keeps its rows (and their registrations) under the new slugs.
RENAMED_SLUGS = {
    "monter-un-projet-2027": "monter-un-projet-prochaine-session",
    "rechercher-des-financements-2027": "rechercher-des-financements-prochaine-session",
    "communiquer-sur-son-action-2027": "communiquer-sur-son-action-prochaine-session",
}
SESSION_TITLES_EN = {
    "Monter un projet de solidarité internationale": "Setting up an international solidarity "
    "project",
    "Rechercher des financements": "Finding funding",
    "Éducation au développement": "Development education",
    "Partenariat avec le Mali : connaître le contexte": "Partnership with Mali: understanding "
    "the context",
    "Évaluer son projet": "Evaluating your project",
    "Communiquer sur son action": "Communicating about your work",
    "Gérer une association de solidarité internationale": "Running an international "
    "solidarity association",
    "Envoyer du matériel à l'étranger": "Sending equipment abroad",
    "Accueillir des partenaires du Sud": "Hosting partners from the Global South",
    "Les fonds européens pour les associations": "EU funds for associations",
    "Mener un projet d'eau et d'assainissement": "Running a water and sanitation project",
    "Interculturalité et partenariat": "Intercultural relations and partnership",
    "Rédiger un rapport d'activité": "Writing an activity report",
}
PLACES = ["Évry, hôtel du Département", "Évry, CRESI", "Massy, maison des associations"]
DEADLINE_DAYS_BEFORE = 7


def load_themes():
    themes = {}
    for slug, name, name_en in THEMES:
        themes[slug] = sync(Theme, {"slug": slug}, {"name": name, "name_en": name_en})
    return themes


def load_resources(themes):
    for data in RESOURCES:
        resource = Resource.objects.filter(slug=data["slug"]).first() or Resource(slug=data["slug"])
        changed = resource._state.adding
        if "file" in data and not resource.file:
            extension, make = data["file"]
            resource.file = ContentFile(make(), name=f"{data['slug']}.{extension}")
            changed = True
        values = {k: v for k, v in data.items() if k not in {"slug", "themes", "file"}}
        values["language"] = data.get("language", DocumentLanguage.FRENCH)
        values["is_published"] = True
        for name, value in values.items():
            if getattr(resource, name) != value:
                setattr(resource, name, value)
                changed = True
        if changed:  # a second run of load_demo writes nothing
            resource.full_clean()  # checks the generated files like any upload
            resource.save()
        resource.themes.set([themes[slug] for slug in data["themes"]])


def load_records(themes):
    for data in RECORDS:
        fields = {k: v for k, v in data.items() if k not in {"shelf_mark", "themes"}}
        record = sync(
            CatalogueRecord, {"shelf_mark": data["shelf_mark"]}, {**fields, "is_published": True}
        )
        record.themes.set([themes[slug] for slug in data["themes"]])


def session_rows(today):
    """Slug and dates of every demo session: the seed year's, then the coming ones."""
    for slug, title, start, end, days in SEED_SESSIONS:
        yield slug, title, date.fromisoformat(start), date.fromisoformat(end), days
    for slug, title, offset, days_long, days in COMING_SESSIONS:
        start_date = today + timedelta(days=offset)
        yield slug, title, start_date, start_date + timedelta(days=days_long - 1), days


PROGRAMME_LENGTHS = {
    "0.5": "Une demi-journée",
    "1": "Une journée",
    "1.5": "Une journée et demie",
    "2": "Deux journées",
    "3": "Trois journées",
}


def programme(days):
    """The session's programme, as long as the session: « Deux journées… » for two days."""
    return (
        f"{PROGRAMME_LENGTHS[days]} d'apports méthodologiques et d'échanges d'expériences entre "
        "acteurs essonniens de la solidarité internationale, animée par le CRESI."
    )


def load_sessions(today=None):
    """Creates the sessions, or updates those that differ; one left as it was is not saved."""
    for old_slug, slug in RENAMED_SLUGS.items():
        if not TrainingSession.objects.filter(slug=slug).exists():
            TrainingSession.objects.filter(slug=old_slug).update(slug=slug)
    rows = session_rows(today or timezone.localdate())
    for index, (slug, title, start_date, end_date, days) in enumerate(rows):
        values = {
            "title": title,
            "title_en": SESSION_TITLES_EN.get(title, ""),
            "start_date": start_date,
            "end_date": end_date,
            "duration_days": Decimal(days),
            "place": PLACES[index % len(PLACES)],
            "audience": "Associations et collectivités de l'Essonne",
            "capacity": 20,
            "registration_deadline": start_date - timedelta(days=DEADLINE_DAYS_BEFORE),
            "body": programme(days),
            "is_published": True,
        }
        session = TrainingSession.objects.filter(slug=slug).first()
        if session is None:
            TrainingSession.objects.create(slug=slug, **values)
        elif any(getattr(session, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(session, name, value)
            session.save()


def load(today=None):
    """Creates or updates the CRESI demo records; returns how many records it touched.

    The coming sessions are dated from ``today`` (the local date by default).
    """
    themes = load_themes()
    load_resources(themes)
    load_records(themes)
    load_sessions(today)
    sessions = len(SEED_SESSIONS) + len(COMING_SESSIONS)
    return len(THEMES) + len(RESOURCES) + len(RECORDS) + sessions
