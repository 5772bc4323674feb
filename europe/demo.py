"""Demo content of the mission Europe (see shared/seed).

The seed names two projects the mission Europe sought EU funds for, Climate and Cinessonne. Their
programme, dates, budgets and partners here, like the other projects, are illustrative demo
values, kept modest and plausible. Loading is idempotent: records are keyed on their slug.
"""

from datetime import date
from decimal import Decimal

from cooperation.models import Zone
from core.demo import sync

from .choices import Fund, PartnerRole, Programme, ProjectStatus
from .models import EUProject, ProjectPartner, Theme

DEPARTEMENT = "Département de l'Essonne"

THEMES = [
    ("climat-energie", "Climat et énergie", "Climate and energy"),
    ("culture", "Culture et cinéma", "Culture and cinema"),
    ("jeunesse", "Jeunesse et mobilité", "Youth and mobility"),
    ("inclusion", "Inclusion et emploi", "Inclusion and employment"),
    ("environnement", "Eau et biodiversité", "Water and biodiversity"),
]

PROJECTS = [
    {
        "slug": "climate",
        "name": "Climate",
        "acronym": "Climate",
        "programme": Programme.INTERREG,
        "fund": Fund.ERDF,
        "status": ProjectStatus.CLOSED,
        "start_date": date(2009, 1, 1),
        "end_date": date(2011, 12, 31),
        "total_budget": Decimal("1600000.00"),
        "eu_contribution": Decimal("1200000.00"),
        "department_share": Decimal("160000.00"),
        "zone": "europe",
        "themes": ["climat-energie"],
        "summary": (
            "Un projet de coopération entre collectivités européennes pour échanger leurs "
            "pratiques face au changement climatique."
        ),
        "summary_en": (
            "A cooperation project between European local authorities sharing their ways of "
            "tackling climate change."
        ),
        "text": (
            "Climate fait partie des projets pour lesquels la mission Europe du Département a "
            "sollicité et obtenu des fonds européens.\n\n"
            "Les partenaires ont comparé leurs plans climat, organisé des visites d'étude et "
            "publié leurs recommandations aux collectivités."
        ),
        "partners": [
            (DEPARTEMENT, "FR", PartnerRole.LEAD),
            ("Agence de l'énergie et du climat de Basse-Saxe", "DE", PartnerRole.PARTNER),
            ("Province de Trévise", "IT", PartnerRole.PARTNER),
            ("Réseau Énergie-Cités", "BE", PartnerRole.ASSOCIATED),
        ],
    },
    {
        "slug": "cinessonne",
        "name": "Cinessonne",
        "acronym": "",
        "programme": Programme.CREATIVE_EUROPE,
        "fund": Fund.DIRECT,
        "status": ProjectStatus.CLOSED,
        "start_date": date(2010, 1, 1),
        "end_date": date(2012, 6, 30),
        "total_budget": Decimal("400000.00"),
        "eu_contribution": Decimal("200000.00"),
        "department_share": Decimal("80000.00"),
        "zone": None,
        "themes": ["culture"],
        "summary": (
            "Le cinéma européen dans les salles de l'Essonne : diffusion, rencontres et "
            "éducation à l'image."
        ),
        "summary_en": (
            "European cinema in the film theatres of Essonne: screenings, meetings and film "
            "education."
        ),
        "text": (
            "Cinessonne est l'un des projets pour lesquels la mission Europe a sollicité des fonds "
            "européens, avec le réseau des salles de cinéma de l'Essonne."
        ),
        "partners": [
            (DEPARTEMENT, "FR", PartnerRole.LEAD),
            ("Réseau des salles de cinéma de l'Essonne", "FR", PartnerRole.PARTNER),
        ],
    },
    {
        "slug": "jeunes-essonniens-en-europe",
        "name": "Jeunes Essonniens en Europe",
        "name_en": "Young people from Essonne in Europe",
        "acronym": "JEE",
        "programme": Programme.ERASMUS_PLUS,
        "fund": Fund.DIRECT,
        "status": ProjectStatus.RUNNING,
        "start_date": date(2024, 9, 1),
        "end_date": date(2026, 8, 31),
        "total_budget": Decimal("300000.00"),
        "eu_contribution": Decimal("240000.00"),
        "department_share": Decimal("30000.00"),
        "zone": "europe",
        "themes": ["jeunesse"],
        "summary": (
            "Des séjours d'apprentissage en Europe pour des jeunes de l'Essonne suivis par les "
            "missions locales."
        ),
        "summary_en": "Learning stays in Europe for young people of Essonne.",
        "partners": [
            (DEPARTEMENT, "FR", PartnerRole.LEAD),
            ("Office de la jeunesse du Brandebourg", "DE", PartnerRole.PARTNER),
            ("Centre de formation professionnelle de Poznań", "PL", PartnerRole.PARTNER),
        ],
    },
    {
        "slug": "inclusion-numerique",
        "name": "Inclusion numérique en Essonne",
        "name_en": "Digital inclusion in Essonne",
        "acronym": "",
        "programme": Programme.ESF_PLUS_REGIONAL,
        "fund": Fund.ESF_PLUS,
        "status": ProjectStatus.SUBMITTED,
        "start_date": date(2026, 1, 1),
        "end_date": date(2028, 12, 31),
        "total_budget": Decimal("500000.00"),
        "eu_contribution": Decimal("200000.00"),
        "department_share": Decimal("150000.00"),
        "zone": None,
        "themes": ["inclusion"],
        "summary": (
            "Accompagner vers l'emploi les allocataires du RSA éloignés du numérique : "
            "candidature déposée."
        ),
        "summary_en": (
            "Helping people on the RSA (minimum income) who lack digital skills into work: "
            "application submitted."
        ),
        "partners": [(DEPARTEMENT, "FR", PartnerRole.LEAD)],
    },
    {
        "slug": "rivieres-vivantes",
        "name": "Rivières vivantes",
        "name_en": "Living rivers",
        "acronym": "",
        "programme": Programme.LIFE,
        "fund": Fund.DIRECT,
        "status": ProjectStatus.PREPARATION,
        "start_date": None,
        "end_date": None,
        "total_budget": Decimal("2000000.00"),
        "eu_contribution": Decimal("1200000.00"),
        "department_share": Decimal("300000.00"),
        "zone": None,
        "themes": ["environnement", "climat-energie"],
        "summary": (
            "Restaurer les rivières de l'Essonne et leurs zones humides : candidature en "
            "préparation."
        ),
        "summary_en": (
            "Restoring the rivers of Essonne and their wetlands: application in preparation."
        ),
        "partners": [],
    },
]


def load():
    """Creates or updates the Europe demo records; returns how many projects and themes."""
    themes = {}
    for slug, name, name_en in THEMES:
        themes[slug] = sync(Theme, {"slug": slug}, {"name": name, "name_en": name_en})

    for data in PROJECTS:
        fields = {k: v for k, v in data.items() if k not in {"slug", "zone", "themes", "partners"}}
        zone = Zone.objects.filter(slug=data["zone"]).first() if data["zone"] else None
        project = sync(
            EUProject, {"slug": data["slug"]}, {**fields, "zone": zone, "is_published": True}
        )
        project.themes.set([themes[slug] for slug in data["themes"]])
        names = [name for name, _country, _role in data["partners"]]
        project.partners.exclude(name__in=names).delete()
        for name, country, role in data["partners"]:
            sync(
                ProjectPartner,
                {"project": project, "name": name},
                {"country": country, "role": role},
            )

    return len(THEMES) + len(PROJECTS)
