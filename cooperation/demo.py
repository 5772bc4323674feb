"""Demo content drawn from the Département's page (see shared/seed): zones, partners, actions.

Every loader is idempotent: records are keyed on their slug (or zone and name) and updated in place.
"""

from decimal import Decimal

from core.demo import sync

from .choices import ActionStatus, Domain, PartnerKind, ZoneKind
from .codelists import refresh_codelists
from .models import Action, DacPurpose, EmergencyAid, Partner, SdgGoal, SdgTarget, Zone

ZONES = [
    {
        "slug": "mali",
        "name": "Mali",
        "kind": ZoneKind.DECENTRALISED_COOPERATION,
        "country_code": "ML",
        "latitude": Decimal("12.63900"),
        "longitude": Decimal("-8.00290"),
        "summary": (
            "Le Département entretient une relation privilégiée avec plusieurs collectivités "
            "du Mali."
        ),
        "summary_en": (
            "The Département has a special relationship with several local authorities in Mali."
        ),
        "body": (
            "Une collaboration ancienne a été créée avec le Mali afin d'établir un échange dans "
            "les domaines de la culture, du développement économique et social, de l'éducation "
            "et de l'environnement.\n\n"
            "Le réseau de coopération soutenu par le Département permet d'améliorer l'efficacité "
            "des activités d'appui institutionnel existantes, par l'échange d'expériences, et de "
            "mutualiser les ressources humaines et financières pour des projets de plus grande "
            "ampleur."
        ),
    },
    {
        "slug": "haiti",
        "name": "Haïti",
        "name_en": "Haiti",
        "kind": ZoneKind.EMERGENCY_AID,
        "country_code": "HT",
        "latitude": Decimal("18.54250"),
        "longitude": Decimal("-72.33860"),
        "summary": "Le Département a apporté une aide d'urgence à Haïti après le séisme de 2010.",
        "summary_en": "The Département provided emergency aid to Haiti after the 2010 earthquake.",
        "body": (
            "La politique de soutien du Département intervient également lors de catastrophes "
            "humaines ou climatiques. Dernière action en date : une aide d'urgence à Haïti."
        ),
    },
    {
        "slug": "guyane",
        "name": "Guyane",
        "name_en": "French Guiana",
        "kind": ZoneKind.DECENTRALISED_COOPERATION,
        "country_code": "GF",
        "latitude": Decimal("4.93330"),
        "longitude": Decimal("-52.33000"),
        "summary": "Des échanges avec la Guyane, territoire d'Amérique du Sud.",
        "summary_en": "Exchanges with French Guiana, a French territory in South America.",
        "body": "La Guyane fait partie des zones avec lesquelles l'Essonne échange.",
    },
    {
        "slug": "wuhan-hubei",
        "name": "Wuhan (province du Hubei)",
        "name_en": "Wuhan (Hubei province)",
        "kind": ZoneKind.ECONOMIC_ANTENNA,
        "country_code": "CN",
        "latitude": Decimal("30.59280"),
        "longitude": Decimal("114.30550"),
        "summary": (
            "Une antenne complète du Département à Wuhan, dans la province du Hubei, pour des "
            "synergies économiques dans les hautes technologies."
        ),
        "summary_en": (
            "A fully-fledged office of the Département in Wuhan, in Hubei province, for economic "
            "synergies in high technology."
        ),
        "body": (
            "Compte tenu de ses atouts en matière de recherche et avec la présence de trois pôles "
            "de compétitivité sur son territoire, l'Essonne a souhaité une présence stratégique en "
            "Chine. Une antenne complète s'est donc implantée dans la ville de Wuhan, province du "
            "Hubei, afin de développer des synergies économiques dans le domaine des hautes "
            "technologies."
        ),
    },
    {
        "slug": "europe",
        "name": "Europe",
        "kind": ZoneKind.EUROPEAN_PARTNERSHIP,
        "country_code": "EU",
        "latitude": Decimal("50.85030"),
        "longitude": Decimal("4.35170"),
        "summary": (
            "Le Département travaille avec l'Union européenne : sa mission Europe sollicite les "
            "fonds européens pour des projets comme Climate et Cinessonne."
        ),
        "summary_en": (
            "The Département works with the European Union: its Mission Europe seeks EU funds for "
            "projects such as Climate and Cinessonne."
        ),
        "body": (
            "De par sa position, le Département travaille avec l'Union européenne. Il a créé en "
            "son sein une mission Europe qui lui permet de solliciter les fonds nécessaires pour "
            "mener à bien des projets comme Climate ou Cinessonne. Depuis peu, cette mission "
            "s'ouvre au conseil et à l'expertise des collectivités et associations du territoire "
            "souhaitant mener des projets européens."
        ),
    },
]

PARTNERS = [
    (
        "mali",
        "Collectivités partenaires du Mali",
        PartnerKind.LOCAL_AUTHORITY,
        "Les collectivités maliennes avec lesquelles le Département coopère.",
    ),
    (
        "mali",
        "Réseau des acteurs essonniens de la coopération avec le Mali",
        PartnerKind.ASSOCIATION,
        "Associations et collectivités de l'Essonne engagées au Mali, animées par le Département.",
    ),
    (
        "wuhan-hubei",
        "Systematic Paris-Region",
        PartnerKind.CLUSTER,
        "Pôle de compétitivité des systèmes numériques, présent en Essonne.",
    ),
    (
        "wuhan-hubei",
        "Medicen Paris Region",
        PartnerKind.CLUSTER,
        "Pôle de compétitivité de la santé et des technologies médicales, présent en Essonne.",
    ),
    (
        "wuhan-hubei",
        "Mov'eo",
        PartnerKind.CLUSTER,
        "Pôle de compétitivité des mobilités et de l'automobile, présent en Essonne.",
    ),
]

# An action's « contribution du Département » is at least what the subsidy decisions linked to it
# grant (subsidies/demo.py): for these actions, led by Essonne associations, exactly that.
ACTIONS = [
    {
        "slug": "mali-culture-echanges-artistiques",
        "zone": "mali",
        "title": "Échanges culturels entre l'Essonne et le Mali",
        "title_en": "Cultural exchanges between Essonne and Mali",
        "domain": Domain.CULTURE,
        "status": ActionStatus.COMPLETED,
        "start_year": 2008,
        "end_year": 2011,
        "budget": Decimal("260000.00"),
        "contribution": Decimal("172000.00"),
        "summary": "Résidences d'artistes et échanges entre structures culturelles.",
        "summary_en": "Artist residencies and exchanges between cultural organisations.",
        "partners": ["Collectivités partenaires du Mali"],
    },
    {
        "slug": "mali-developpement-economique-social",
        "zone": "mali",
        "title": "Appui au développement économique et social local",
        "title_en": "Support for local economic and social development",
        "domain": Domain.ECONOMIC_SOCIAL,
        "status": ActionStatus.COMPLETED,
        "start_year": 2007,
        "end_year": 2011,
        "budget": Decimal("520000.00"),
        "contribution": Decimal("348000.00"),
        "summary": "Soutien aux activités génératrices de revenus et aux services sociaux de base.",
        "summary_en": "Support for income-generating activities and basic social services.",
        "partners": [
            "Collectivités partenaires du Mali",
            "Réseau des acteurs essonniens de la coopération avec le Mali",
        ],
    },
    {
        "slug": "mali-education-ecoles",
        "zone": "mali",
        "title": "Éducation : équipement d'écoles et formation d'enseignants",
        "title_en": "Education: equipping schools and training teachers",
        "domain": Domain.EDUCATION,
        "status": ActionStatus.COMPLETED,
        "start_year": 2009,
        "end_year": 2012,
        "budget": Decimal("260000.00"),
        "contribution": Decimal("174500.00"),
        "summary": "Équipement de salles de classe et échanges pédagogiques.",
        "summary_en": "Equipping classrooms and educational exchanges.",
        "partners": ["Collectivités partenaires du Mali"],
    },
    {
        "slug": "mali-environnement-eau-assainissement",
        "zone": "mali",
        "title": "Environnement : accès à l'eau et assainissement",
        "title_en": "Environment: access to water and sanitation",
        "domain": Domain.ENVIRONMENT,
        "status": ActionStatus.COMPLETED,
        "start_year": 2010,
        "end_year": 2013,
        "budget": Decimal("120000.00"),
        "contribution": Decimal("85000.00"),
        "summary": "Puits, latrines et sensibilisation à la gestion des ressources naturelles.",
        "summary_en": "Wells, latrines and awareness-raising on natural resource management.",
        "partners": ["Collectivités partenaires du Mali"],
    },
    {
        "slug": "mali-appui-institutionnel-reseau",
        "zone": "mali",
        "title": "Appui institutionnel et animation du réseau de coopération",
        "title_en": "Institutional support and coordination of the cooperation network",
        "domain": Domain.INSTITUTIONAL_SUPPORT,
        "status": ActionStatus.ONGOING,
        "start_year": 2006,
        "end_year": None,
        "budget": None,
        "contribution": Decimal("203000.00"),
        "summary": (
            "Échanges d'expériences et mutualisation des ressources humaines et financières "
            "entre acteurs de la coopération."
        ),
        "summary_en": (
            "Sharing experience and pooling human and financial resources between cooperation "
            "stakeholders."
        ),
        "partners": ["Réseau des acteurs essonniens de la coopération avec le Mali"],
    },
    {
        "slug": "wuhan-antenne-economique",
        "zone": "wuhan-hubei",
        "title": "Antenne économique de l'Essonne à Wuhan",
        "title_en": "Essonne's economic office in Wuhan",
        "domain": Domain.ECONOMIC_SOCIAL,
        "status": ActionStatus.ONGOING,
        "start_year": 2009,
        "end_year": None,
        "budget": None,
        "contribution": Decimal("150000.00"),
        "summary": (
            "Une antenne complète pour développer des synergies économiques dans les hautes "
            "technologies avec les trois pôles de compétitivité de l'Essonne."
        ),
        "summary_en": (
            "A fully-fledged office developing economic synergies in high technology with "
            "Essonne's three competitiveness clusters."
        ),
        "partners": ["Systematic Paris-Region", "Medicen Paris Region", "Mov'eo"],
    },
    {
        "slug": "guyane-echanges-educatifs",
        "zone": "guyane",
        "title": "Échanges éducatifs avec la Guyane",
        "title_en": "Educational exchanges with French Guiana",
        "domain": Domain.EDUCATION,
        "status": ActionStatus.COMPLETED,
        "start_year": 2008,
        "end_year": 2010,
        "budget": Decimal("150000.00"),
        "contribution": Decimal("102000.00"),
        "summary": "Échanges entre collégiens de l'Essonne et de Guyane.",
        "summary_en": "Exchanges between secondary school pupils in Essonne and French Guiana.",
        "partners": [],
    },
]

EMERGENCY_AIDS = [
    {
        "slug": "haiti-seisme-2010",
        "title": "Aide d'urgence après le séisme en Haïti",
        "title_en": "Emergency aid after the earthquake in Haiti",
        "zone": "haiti",
        "place": "Haïti",
        "country_code": "HT",
        "year": 2010,
        "amount": Decimal("100000.00"),
        "summary": "Dernière action en date : une aide d'urgence à Haïti après le séisme.",
        "summary_en": "The latest action to date: emergency aid to Haiti after the earthquake.",
    },
    {
        "slug": "thailande-tsunami-2004",
        "title": "Aide d'urgence après le tsunami en Thaïlande",
        "title_en": "Emergency aid after the tsunami in Thailand",
        "zone": None,
        "place": "Thaïlande",
        "country_code": "TH",
        "year": 2004,
        "amount": Decimal("50000.00"),
        "summary": "En 2004, le Département a soutenu les victimes du tsunami en Thaïlande.",
        "summary_en": "In 2004, the Département supported the victims of the tsunami in Thailand.",
    },
]


# Where spending counts as official development aid: countries on the OECD DAC list of ODA
# recipients (Mali, Haïti, China); not French Guiana (France) nor Europe.
ODA_ELIGIBLE_ZONES = {"mali", "haiti", "wuhan-hubei"}

# How the world tags each action and aid: SDG goals, targets (optional), DAC purpose code.
TAGS = {
    "mali-culture-echanges-artistiques": ([11, 17], ["11.4"], "16061"),
    "mali-developpement-economique-social": ([1, 8], ["8.3"], "43040"),
    "mali-education-ecoles": ([4], ["4.1", "4.a", "4.c"], "11220"),
    "mali-environnement-eau-assainissement": ([6], ["6.1", "6.2"], "14030"),
    "mali-appui-institutionnel-reseau": ([16, 17], ["16.6"], "15112"),
    "wuhan-antenne-economique": ([8, 17], [], "25030"),
    "guyane-echanges-educatifs": ([4], [], "11220"),
    "haiti-seisme-2010": ([1, 11], ["11.5"], "72010"),
    "thailande-tsunami-2004": ([11], ["11.5"], "72010"),
}


def tag(record):
    goals, targets, purpose = TAGS[record.slug]
    if record.dac_purpose_id != purpose:
        record.dac_purpose = DacPurpose.objects.get(pk=purpose)
        record.save(update_fields=["dac_purpose", "updated_at"])
    if set(record.sdg_goals.values_list("pk", flat=True)) != set(goals):
        record.sdg_goals.set(SdgGoal.objects.filter(pk__in=goals))
    if set(record.sdg_targets.values_list("pk", flat=True)) != set(targets):
        record.sdg_targets.set(SdgTarget.objects.filter(pk__in=targets))


def load():
    """Creates or updates the cooperation demo records; returns how many records it handled."""
    refresh_codelists()
    zones = {}
    for data in ZONES:
        values = {key: value for key, value in data.items() if key != "slug"}
        zones[data["slug"]] = sync(
            Zone,
            {"slug": data["slug"]},
            {
                **values,
                "is_oda_eligible": data["slug"] in ODA_ELIGIBLE_ZONES,
                "is_published": True,
            },
        )

    partners = {}
    for zone_slug, name, kind, description in PARTNERS:
        partners[name] = sync(
            Partner,
            {"zone": zones[zone_slug], "name": name},
            {"kind": kind, "description": description},
        )

    for data in ACTIONS:
        values = {k: v for k, v in data.items() if k not in {"slug", "zone", "partners"}}
        action = sync(
            Action,
            {"slug": data["slug"]},
            {**values, "zone": zones[data["zone"]], "is_published": True},
        )
        action.partners.set([partners[name] for name in data["partners"]])
        tag(action)

    for data in EMERGENCY_AIDS:
        values = {k: v for k, v in data.items() if k not in {"slug", "zone"}}
        zone = zones[data["zone"]] if data["zone"] else None
        aid = sync(
            EmergencyAid, {"slug": data["slug"]}, {**values, "zone": zone, "is_published": True}
        )
        tag(aid)

    return len(ZONES) + len(PARTNERS) + len(ACTIONS) + len(EMERGENCY_AIDS)
