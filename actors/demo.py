"""Demo content of the directory: the Essonne associations named in the demo subsidies and
actions, with their communes, two structures of Essonne named as partners of an action and of an
EU project, and two actors abroad (a Malian local authority, a Haitian partner).

The associations are found behind their subsidies by their SIREN or RNA number (the one known by
its RNA number only too); the partners are linked explicitly. Idempotent: keyed on slugs.
"""

from cooperation.choices import Domain
from cooperation.models import Partner, Zone
from core.demo import sync
from cresi.models import TrainingSession
from europe.models import ProjectPartner
from subsidies.demo import BENEFICIARIES

from .choices import ActorKind, Goal, Location
from .models import Actor, ActorDomain, ActorGoal, ActorPartner, ActorProjectPartner, ActorTraining

E = Domain
G = Goal

# beneficiary key in subsidies/demo.py: (slug, commune, zones, domains, goals, presentation,
# CRESI sessions attended)
ASSOCIATIONS = {
    "culture": (
        "essonne-mali-culture",
        "Évry-Courcouronnes",
        ["mali"],
        [E.CULTURE],
        [G.PARTNERSHIPS],
        "Échanges artistiques entre l'Essonne et le Mali : résidences, festivals, tournées.",
        ["monter-un-projet-2010", "rechercher-des-financements-2010"],
    ),
    "water": (
        "eau-vive-essonne-sahel",
        "Étampes",
        ["mali"],
        [E.ENVIRONMENT],
        [G.WATER],
        "Puits, forages et gestion de l'eau avec les villages du cercle de Kayes.",
        ["monter-un-projet-2010"],
    ),
    "schools": (
        "ecoles-du-sahel-91",
        "Corbeil-Essonnes",
        ["mali"],
        [E.EDUCATION],
        [G.EDUCATION],
        "Construction et équipement de salles de classe au Mali.",
        ["education-au-developpement-2010"],
    ),
    "network": (
        "reseau-des-acteurs-essonniens-mali",
        "Évry-Courcouronnes",
        ["mali"],
        [E.INSTITUTIONAL_SUPPORT],
        [G.PARTNERSHIPS],
        "Le réseau des associations et collectivités de l'Essonne engagées au Mali, animé avec "
        "le Département, tête de réseau.",
        [],
    ),
    "kayes": (
        "essonne-solidarite-kayes",
        "Massy",
        ["mali"],
        [E.ECONOMIC_SOCIAL],
        [G.NO_POVERTY, G.GENDER_EQUALITY],
        "Activités génératrices de revenus pour les femmes de la région de Kayes.",
        [],
    ),
    "health": (
        "sante-sud-essonne",
        "Palaiseau",
        ["mali"],
        [E.ECONOMIC_SOCIAL],
        [G.HEALTH],
        "Santé et accès aux soins dans les zones partenaires du Département.",
        [],
    ),
    "haiti": (
        "essonne-solidarite-haiti",
        "Grigny",
        ["haiti"],
        [E.EDUCATION],
        [G.EDUCATION, G.CITIES],
        "Reconstruction d'écoles en Haïti après le séisme du 12 janvier 2010.",
        [],
    ),
    "haiti_care": (
        "soins-et-sante-haiti-essonne",
        "Ris-Orangis",
        ["haiti"],
        [E.ECONOMIC_SOCIAL],
        [G.HEALTH],
        "Un dispensaire reconstruit en Haïti, avec des soignants de l'Essonne.",
        [],
    ),
    "guyane": (
        "echanges-essonne-guyane",
        "Brétigny-sur-Orge",
        ["guyane"],
        [E.EDUCATION],
        [G.EDUCATION],
        "Échanges éducatifs entre collégiens de l'Essonne et de Guyane.",
        [],
    ),
    "china": (
        "association-franco-chinoise-essonne",
        "Les Ulis",
        ["wuhan-hubei"],
        [E.CULTURE],
        [G.PARTNERSHIPS],
        "Échanges culturels et linguistiques entre l'Essonne et la province du Hubei.",
        [],
    ),
    "europe": (
        "maison-de-l-europe-en-essonne",
        "Évry-Courcouronnes",
        ["europe"],
        [E.EDUCATION],
        [G.PEACE],
        "Informer les habitants de l'Essonne sur l'Europe et ses programmes.",
        [],
    ),
    "kita": (
        "comite-de-jumelage-essonne-kita",
        "Sainte-Geneviève-des-Bois",
        ["mali"],
        [E.CULTURE],
        [G.PARTNERSHIPS],
        "Le jumelage avec Kita : festival, résidences d'artistes, prêt de matériel.",
        [],
    ),
}

# Other actors: (slug, values, zones, domains, goals, cooperation partner (zone, name) or None,
# EU project partner (project slug, name) or None)
OTHERS = [
    (
        "reseau-des-salles-de-cinema-de-l-essonne",
        {
            "name": "Réseau des salles de cinéma de l'Essonne",
            "kind": ActorKind.ASSOCIATION,
            "location": Location.ESSONNE,
            "commune": "Évry-Courcouronnes",
            "presentation": "Les salles de cinéma de l'Essonne, partenaires du projet Cinessonne.",
        },
        ["europe"],
        [E.CULTURE],
        [],
        None,
        ("cinessonne", "Réseau des salles de cinéma de l'Essonne"),
    ),
    (
        "systematic-paris-region",
        {
            "name": "Systematic Paris-Region",
            "kind": ActorKind.COMPANY,
            "location": Location.ESSONNE,
            "commune": "Palaiseau",
            "website": "https://systematic-paris-region.org/",
            "presentation": "Pôle de compétitivité des systèmes numériques, présent en Essonne.",
        },
        ["wuhan-hubei"],
        [E.ECONOMIC_SOCIAL],
        [G.INDUSTRY],
        ("wuhan-hubei", "Systematic Paris-Region"),
        None,
    ),
    (
        "conseil-de-cercle-de-kayes",
        {
            "name": "Conseil de cercle de Kayes",
            "kind": ActorKind.LOCAL_AUTHORITY,
            "location": Location.ABROAD,
            "commune": "Kayes",
            "country": "ML",
            "presentation": (
                "Collectivité malienne partenaire du Département : eau, écoles, développement "
                "économique et social."
            ),
        },
        ["mali"],
        [E.ENVIRONMENT, E.EDUCATION, E.INSTITUTIONAL_SUPPORT],
        [G.WATER, G.EDUCATION],
        None,
        None,
    ),
    (
        "mairie-de-jacmel",
        {
            "name": "Mairie de Jacmel",
            "kind": ActorKind.LOCAL_AUTHORITY,
            "location": Location.ABROAD,
            "commune": "Jacmel",
            "country": "HT",
            "presentation": (
                "Commune haïtienne partenaire de la reconstruction après le séisme de 2010."
            ),
        },
        ["haiti"],
        [E.EDUCATION],
        [G.CITIES],
        None,
        None,
    ),
]


def _sync_children(actor, model, field, values):
    model.objects.filter(actor=actor).exclude(**{f"{field}__in": values}).delete()
    for value in values:
        model.objects.get_or_create(actor=actor, **{field: value})


def _sync_actor(slug, values, zones, domains, goals):
    actor = sync(Actor, {"slug": slug}, {**values, "is_published": True})
    known = zones_by_slug()
    wanted = [known[zone] for zone in zones if zone in known]
    if set(actor.zones.all()) != set(wanted):
        actor.zones.set(wanted)
    _sync_children(actor, ActorDomain, "domain", domains)
    _sync_children(actor, ActorGoal, "goal", goals)
    return actor


def zones_by_slug():
    return {zone.slug: zone for zone in Zone.objects.all()}


def load():
    count = 0
    for key, (slug, commune, zones, domains, goals, text, sessions) in ASSOCIATIONS.items():
        name, siret, rna = BENEFICIARIES[key]
        values = {
            "name": name,
            "kind": ActorKind.ASSOCIATION,
            "location": Location.ESSONNE,
            "commune": commune,
            "siret": siret,
            "siren": siret[:9],
            "rna": rna,
            "presentation": text,
        }
        actor = _sync_actor(slug, values, zones, domains, goals)
        for session in TrainingSession.objects.filter(slug__in=sessions):
            ActorTraining.objects.get_or_create(actor=actor, session=session)
        count += 1
    for slug, values, zones, domains, goals, partner, project_partner in OTHERS:
        actor = _sync_actor(slug, values, zones, domains, goals)
        if partner is not None:
            record = Partner.objects.filter(zone__slug=partner[0], name=partner[1]).first()
            if record is not None:
                ActorPartner.objects.get_or_create(partner=record, defaults={"actor": actor})
        if project_partner is not None:
            record = ProjectPartner.objects.filter(
                project__slug=project_partner[0], name=project_partner[1]
            ).first()
            if record is not None:
                ActorProjectPartner.objects.get_or_create(
                    project_partner=record, defaults={"actor": actor}
                )
        count += 1
    # The network's association is also the action partner of the same name.
    network = Partner.objects.filter(zone__slug="mali", name=BENEFICIARIES["network"][0]).first()
    if network is not None:
        ActorPartner.objects.get_or_create(
            partner=network,
            defaults={"actor": Actor.objects.get(slug=ASSOCIATIONS["network"][0])},
        )
    return count
