"""Demo content: budget lines and subsidy decisions drawn from the seed page's key figures.

« 880 000 euros alloués à la coopération décentralisée ; 568 500 euros sont affectés aux
subventions »: the seed's year is 2010 (the aid to Haïti after the earthquake was the latest
action), and its decisions add up to exactly 568 500 €. Three earlier years give the trend a
shape. The associations are plausible, not real: their SIRET and RNA numbers are well formed
(valid SIREN and SIRET keys) but made up.

The decisions exercise what the SCDL allows: one decision shared between two beneficiaries
(Haïti, 60 % and 40 %), an association known only by its RNA number receiving aid in kind, a
payment on other terms (« autre ») published as its own text, and an aid scheme named in full.
The decisions linked to a cooperation action grant what that action's « contribution du
Département » says (cooperation/demo.py), never more.

Idempotent: records are found by their natural keys and saved only when a value differs, so a
second run writes nothing, not even a history record.
"""

from datetime import date
from decimal import Decimal

from cooperation.choices import Domain
from cooperation.models import Action, Zone
from core.demo import sync

from .choices import BeneficiaryKind, Nature, PaymentConditions, ProgrammeLine
from .models import Beneficiary, BudgetLine, Subsidy

SEED_YEAR = 2010

BUDGET = {
    2007: {
        ProgrammeLine.DECENTRALISED_COOPERATION: 760_000,
        ProgrammeLine.SUBSIDIES: 470_000,
        ProgrammeLine.RESOURCE_CENTRE: 38_000,
        ProgrammeLine.EUROPE: 45_000,
    },
    2008: {
        ProgrammeLine.DECENTRALISED_COOPERATION: 800_000,
        ProgrammeLine.SUBSIDIES: 512_000,
        ProgrammeLine.RESOURCE_CENTRE: 40_000,
        ProgrammeLine.EUROPE: 50_000,
    },
    2009: {
        ProgrammeLine.DECENTRALISED_COOPERATION: 845_000,
        ProgrammeLine.SUBSIDIES: 540_000,
        ProgrammeLine.ECONOMIC_PRESENCE: 150_000,
        ProgrammeLine.RESOURCE_CENTRE: 42_000,
        ProgrammeLine.EUROPE: 55_000,
    },
    SEED_YEAR: {
        ProgrammeLine.DECENTRALISED_COOPERATION: 880_000,
        ProgrammeLine.SUBSIDIES: 568_500,
        ProgrammeLine.EMERGENCY_AID: 100_000,
        ProgrammeLine.ECONOMIC_PRESENCE: 150_000,
        ProgrammeLine.RESOURCE_CENTRE: 45_000,
        ProgrammeLine.EUROPE: 60_000,
    },
}

# key: (name, SIRET or "", RNA)
BENEFICIARIES = {
    "culture": ("Essonne-Mali Culture", "41234567000019", "W913001245"),
    "water": ("Eau Vive Essonne-Sahel", "43321908600017", "W912004518"),
    "schools": ("Écoles du Sahel 91", "44780215800017", "W913002277"),
    "network": (
        "Réseau des acteurs essonniens de la coopération avec le Mali",
        "45190376900011",
        "W912000934",
    ),
    "kayes": ("Essonne Solidarité Kayes", "47865102900017", "W913004101"),
    "health": ("Santé Sud Essonne", "48209764900016", "W912003360"),
    "haiti": ("Essonne Solidarité Haïti", "49317628300015", "W913005872"),
    "haiti_care": ("Soins et Santé Haïti-Essonne", "50126483200012", "W913005901"),
    "guyane": ("Échanges Essonne-Guyane", "51498730400011", "W912006017"),
    "china": ("Association franco-chinoise de l'Essonne", "52873615000012", "W913000788"),
    "europe": ("Maison de l'Europe en Essonne", "53309472800011", "W912001563"),
    # Known by its RNA number only: the SCDL allows it for aid in kind to an association.
    "kita": ("Comité de jumelage Essonne-Kita", "", "W913006244"),
}

# The 2010 reconstruction in Haïti: one decision, shared between two associations.
HAITI_DECISION = "Reconstruction d'écoles et d'un dispensaire après le séisme du 12 janvier 2010"
# Values of a decision other than those of the tuples below.
EXTRA = {
    (2010, "haiti"): {"share": Decimal("0.6")},
    (2010, "haiti_care"): {"share": Decimal("0.4")},
    (2010, "kita"): {"nature": Nature.IN_KIND},
    (2010, "network"): {
        "payment_conditions": PaymentConditions.OTHER,
        "payment_conditions_text": (
            "50 % à la signature de la convention, le solde sur présentation du bilan de l'action"
        ),
        "payment_end": date(2011, 3, 31),
    },
    (2010, "schools"): {"aid_scheme": "Appel à projets « Éducation et solidarité » 2010"},
}

# (beneficiary, zone, action slug or None, domain, convention date, amount, object, staggered)
DECISIONS = {
    2007: [
        (
            "water",
            "mali",
            None,
            Domain.ENVIRONMENT,
            date(2007, 3, 19),
            110_000,
            "Puits et gestion de l'eau dans le cercle de Kayes",
            True,
        ),
        (
            "schools",
            "mali",
            None,
            Domain.EDUCATION,
            date(2007, 3, 19),
            100_000,
            "Construction et équipement de salles de classe",
            True,
        ),
        (
            "kayes",
            "mali",
            "mali-developpement-economique-social",
            Domain.ECONOMIC_SOCIAL,
            date(2007, 6, 25),
            90_000,
            "Activités génératrices de revenus pour les femmes",
            True,
        ),
        (
            "network",
            "mali",
            "mali-appui-institutionnel-reseau",
            Domain.INSTITUTIONAL_SUPPORT,
            date(2007, 6, 25),
            60_000,
            "Animation du réseau des acteurs de la coopération",
            False,
        ),
        (
            "health",
            "mali",
            None,
            Domain.ECONOMIC_SOCIAL,
            date(2007, 10, 8),
            60_000,
            "Équipement d'un centre de santé communautaire",
            False,
        ),
        (
            "europe",
            "europe",
            None,
            Domain.INSTITUTIONAL_SUPPORT,
            date(2007, 10, 8),
            50_000,
            "Information des Essonniens sur l'Union européenne",
            False,
        ),
    ],
    2008: [
        (
            "water",
            "mali",
            None,
            Domain.ENVIRONMENT,
            date(2008, 3, 17),
            115_000,
            "Puits et gestion de l'eau dans le cercle de Kayes",
            True,
        ),
        (
            "schools",
            "mali",
            None,
            Domain.EDUCATION,
            date(2008, 3, 17),
            105_000,
            "Construction et équipement de salles de classe",
            True,
        ),
        (
            "culture",
            "mali",
            "mali-culture-echanges-artistiques",
            Domain.CULTURE,
            date(2008, 5, 26),
            70_000,
            "Résidences croisées d'artistes maliens et essonniens",
            True,
        ),
        (
            "kayes",
            "mali",
            "mali-developpement-economique-social",
            Domain.ECONOMIC_SOCIAL,
            date(2008, 5, 26),
            92_000,
            "Activités génératrices de revenus pour les femmes",
            True,
        ),
        (
            "network",
            "mali",
            "mali-appui-institutionnel-reseau",
            Domain.INSTITUTIONAL_SUPPORT,
            date(2008, 9, 22),
            50_000,
            "Animation du réseau des acteurs de la coopération",
            False,
        ),
        (
            "guyane",
            "guyane",
            "guyane-echanges-educatifs",
            Domain.EDUCATION,
            date(2008, 9, 22),
            40_000,
            "Échanges entre collégiens de l'Essonne et de Guyane",
            False,
        ),
        (
            "health",
            "mali",
            None,
            Domain.ECONOMIC_SOCIAL,
            date(2008, 11, 24),
            40_000,
            "Formation d'agents de santé communautaire",
            False,
        ),
    ],
    2009: [
        (
            "water",
            "mali",
            None,
            Domain.ENVIRONMENT,
            date(2009, 3, 23),
            120_000,
            "Puits, latrines et sensibilisation à l'hygiène",
            True,
        ),
        (
            "schools",
            "mali",
            "mali-education-ecoles",
            Domain.EDUCATION,
            date(2009, 3, 23),
            110_000,
            "Équipement d'écoles et formation d'enseignants",
            True,
        ),
        (
            "culture",
            "mali",
            "mali-culture-echanges-artistiques",
            Domain.CULTURE,
            date(2009, 5, 18),
            60_000,
            "Résidences croisées d'artistes maliens et essonniens",
            True,
        ),
        (
            "kayes",
            "mali",
            "mali-developpement-economique-social",
            Domain.ECONOMIC_SOCIAL,
            date(2009, 5, 18),
            95_000,
            "Microcrédit et maraîchage des groupements de femmes",
            True,
        ),
        (
            "network",
            "mali",
            "mali-appui-institutionnel-reseau",
            Domain.INSTITUTIONAL_SUPPORT,
            date(2009, 9, 28),
            55_000,
            "Animation du réseau des acteurs de la coopération",
            False,
        ),
        (
            "guyane",
            "guyane",
            "guyane-echanges-educatifs",
            Domain.EDUCATION,
            date(2009, 9, 28),
            40_000,
            "Échanges entre collégiens de l'Essonne et de Guyane",
            False,
        ),
        (
            "china",
            "wuhan-hubei",
            None,
            Domain.CULTURE,
            date(2009, 11, 23),
            60_000,
            "Échanges culturels et universitaires avec Wuhan",
            False,
        ),
    ],
    SEED_YEAR: [
        (
            "culture",
            "mali",
            "mali-culture-echanges-artistiques",
            Domain.CULTURE,
            date(2010, 3, 22),
            39_000,
            "Résidences d'artistes et festival à Kita",
            True,
        ),
        (
            "kita",
            "mali",
            "mali-culture-echanges-artistiques",
            Domain.CULTURE,
            date(2010, 3, 22),
            3_000,
            "Prêt d'un minibus et du matériel de sonorisation du festival de Kita",
            False,
        ),
        (
            "water",
            "mali",
            "mali-environnement-eau-assainissement",
            Domain.ENVIRONMENT,
            date(2010, 3, 22),
            85_000,
            "Puits, latrines et gestion des ressources naturelles",
            True,
        ),
        (
            "schools",
            "mali",
            "mali-education-ecoles",
            Domain.EDUCATION,
            date(2010, 3, 22),
            64_500,
            "Équipement de salles de classe et échanges pédagogiques",
            True,
        ),
        (
            "network",
            "mali",
            "mali-appui-institutionnel-reseau",
            Domain.INSTITUTIONAL_SUPPORT,
            date(2010, 5, 17),
            38_000,
            "Échanges d'expériences et mutualisation des moyens des acteurs de la coopération",
            False,
        ),
        (
            "kayes",
            "mali",
            "mali-developpement-economique-social",
            Domain.ECONOMIC_SOCIAL,
            date(2010, 5, 17),
            71_000,
            "Activités génératrices de revenus et services de base",
            True,
        ),
        (
            "health",
            "mali",
            None,
            Domain.ECONOMIC_SOCIAL,
            date(2010, 5, 17),
            46_000,
            "Équipement d'un centre de santé communautaire",
            False,
        ),
        (
            "haiti",
            "haiti",
            None,
            Domain.EDUCATION,
            date(2010, 2, 15),
            135_000,
            HAITI_DECISION,
            True,
        ),
        (
            "haiti_care",
            "haiti",
            None,
            Domain.ECONOMIC_SOCIAL,
            date(2010, 2, 15),
            135_000,
            HAITI_DECISION,
            True,
        ),
        (
            "guyane",
            "guyane",
            "guyane-echanges-educatifs",
            Domain.EDUCATION,
            date(2010, 9, 27),
            22_000,
            "Échanges entre collégiens de l'Essonne et de Guyane",
            False,
        ),
        (
            "china",
            "wuhan-hubei",
            None,
            Domain.CULTURE,
            date(2010, 9, 27),
            25_000,
            "Échanges culturels et universitaires avec Wuhan",
            False,
        ),
        (
            "europe",
            "europe",
            None,
            Domain.INSTITUTIONAL_SUPPORT,
            date(2010, 11, 22),
            40_000,
            "Information et accompagnement des porteurs de projets européens",
            False,
        ),
    ],
}


def reference(convention_date, index):
    """A plausible reference of the assembly's decision (« commission permanente »)."""
    return f"CP-{convention_date:%Y-%m-%d}-{index:03d}"


def load():
    """Creates or updates the subsidies demo records; returns how many records it touched."""
    count = 0
    for year, lines in BUDGET.items():
        for line, amount in lines.items():
            values = {"amount": Decimal(amount), "is_published": True}
            sync(BudgetLine, {"year": year, "line": line}, values)
            count += 1

    beneficiaries = {}
    for key, (name, siret, rna) in BENEFICIARIES.items():
        values = {"name": name, "siret": siret, "kind": BeneficiaryKind.ASSOCIATION}
        beneficiaries[key] = sync(Beneficiary, {"rna": rna}, values)
        count += 1

    zones = {zone.slug: zone for zone in Zone.objects.all()}
    actions = {action.slug: action for action in Action.objects.all()}
    for year, decisions in DECISIONS.items():
        references = {}
        for decision in decisions:
            key, zone, action, domain, signed, amount, obj, staggered = decision
            # The parts of one shared decision have one reference.
            index = references.setdefault((signed, obj), len(references) + 1)
            beneficiary = beneficiaries[key]
            values = {
                "siret": beneficiary.siret,
                "rna": beneficiary.rna,
                "amount": Decimal(amount),
                "share": Decimal("1"),
                "nature": Nature.CASH,
                "payment_conditions": (
                    PaymentConditions.STAGGERED if staggered else PaymentConditions.SINGLE
                ),
                "payment_conditions_text": "",
                "payment_start": signed,
                "payment_end": date(signed.year, 12, 31) if staggered else None,
                "eu_notification": False,
                "aid_scheme": "",
                "zone": zones.get(zone),
                "action": actions.get(action) if action else None,
                "domain": domain,
                "is_published": True,
                **EXTRA.get((year, key), {}),
            }
            subsidy = sync(
                Subsidy,
                {
                    "reference": reference(signed, index),
                    "beneficiary": beneficiary,
                    "convention_date": signed,
                    "object": obj,
                },
                values,
            )
            tag(subsidy)
            count += 1
    return count


# The tags of a decision that funds no action, by its domain: (SDG goals, DAC purpose code).
DOMAIN_TAGS = {
    Domain.CULTURE: ([11], "16061"),
    Domain.ECONOMIC_SOCIAL: ([8], "43040"),
    Domain.EDUCATION: ([4], "11220"),
    Domain.ENVIRONMENT: ([13], "41010"),
    Domain.INSTITUTIONAL_SUPPORT: ([16], "15112"),
}


def tag(subsidy):
    """A decision is tagged as the action it funds, or else by its domain."""
    if subsidy.action_id:
        goals = sorted(subsidy.action.sdg_goals.values_list("pk", flat=True))
        purpose = subsidy.action.dac_purpose_id
    elif subsidy.domain:
        goals, purpose = DOMAIN_TAGS[subsidy.domain]
    else:
        return
    if subsidy.dac_purpose_id != purpose:
        subsidy.dac_purpose_id = purpose
        subsidy.save(update_fields=["dac_purpose", "updated_at"])
    if sorted(subsidy.sdg_goals.values_list("pk", flat=True)) != sorted(goals):
        subsidy.sdg_goals.set(goals)
