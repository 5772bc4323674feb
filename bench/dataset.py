"""A large, plausible data set for the benchmarks, written with ``bulk_create`` in batches.

For every script of ``bench/``: call :func:`fill` with one of :data:`SIZES` (or your own
:class:`Size`) in a process where Django is set up. It adds, on top of the demo content (load it
first: ``load_demo``), generated zones, partners, actions, emergency aids, budget lines, CRESI
resources and catalogue records until each table holds the target count, and the subsidies
through ``bench/subsidies.py``'s generator (shared, not duplicated); running it again adds
nothing. Every generated record is published, so the public pages show them all.

Bulk inserts send no signal (the page cache is not emptied, no history record is written) but
PostgreSQL's triggers still fill the ``search_vector`` columns. ``VACUUM ANALYZE`` runs at the end,
as autovacuum would on a production server (it may be off on a test server), so the planner knows
the new sizes and the full-text indexes hold no backlog of pending entries.
"""

import random
import time
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count

from cooperation.choices import ActionStatus, Domain, PartnerKind, ZoneKind
from cooperation.models import Action, EmergencyAid, Partner, Zone
from cresi.choices import ConsultationMode, DocumentLanguage, RecordKind, ResourceType
from cresi.models import CatalogueRecord, Resource, Theme
from subsidies.choices import ProgrammeLine
from subsidies.models import Beneficiary, BudgetLine, Subsidy

BATCH_SIZE = 5000
SEED = 7
FIRST_YEAR, LAST_YEAR = 2000, 2025  # years of the generated subsidies and budget lines
MAIN_ZONE = "mali"  # the historic partner: more actions than the others


@dataclass(frozen=True)
class Size:
    """Target row counts, demo content included."""

    zones: int
    partners_per_zone: int
    actions: int
    emergency_aids: int
    subsidies: int
    resources: int
    records: int


LARGE = Size(
    zones=50,
    partners_per_zone=6,
    actions=1000,
    emergency_aids=40,
    subsidies=100_000,
    resources=10_000,
    records=10_000,
)
# The same portal with only 100 subsidies: pages whose cost grows with the subsidies show it.
SMALL = replace(LARGE, subsidies=100)
SIZES = {"small": SMALL, "large": LARGE}

# Partner zones beyond the demo's: (name, ISO country code, latitude, longitude).
PLACES = [
    ("Région de Dakar", "SN", "14.71670", "-17.46770"),
    ("Ouagadougou", "BF", "12.37140", "-1.51970"),
    ("Région de Tahoua", "NE", "14.88880", "5.26920"),
    ("Nouakchott", "MR", "18.07350", "-15.95820"),
    ("Commune de Kindia", "GN", "10.05690", "-12.86580"),
    ("Région des Plateaux", "TG", "6.90000", "1.10000"),
    ("Porto-Novo", "BJ", "6.49690", "2.62890"),
    ("Yaoundé", "CM", "3.84800", "11.50210"),
    ("Antananarivo", "MG", "-18.87920", "47.50790"),
    ("Province de Kénitra", "MA", "34.26100", "-6.58020"),
    ("Gouvernorat de Sfax", "TN", "34.74060", "10.76030"),
    ("Wilaya de Tlemcen", "DZ", "34.87830", "-1.31500"),
    ("Région d'Alexandrie", "EG", "31.20010", "29.91870"),
    ("Bethléem", "PS", "31.70540", "35.20240"),
    ("Province de Battambang", "KH", "13.09570", "103.20220"),
    ("Province de Hué", "VN", "16.46370", "107.59090"),
    ("Vientiane", "LA", "17.97570", "102.63310"),
    ("État du Kerala", "IN", "10.85050", "76.27110"),
    ("Région de Valparaíso", "CL", "-33.04720", "-71.61270"),
    ("État de Bahia", "BR", "-12.97140", "-38.50140"),
    ("Département de Cusco", "PE", "-13.53190", "-71.96750"),
    ("Province de Manabí", "EC", "-1.05430", "-80.45260"),
    ("Jacmel", "DO", "18.48610", "-69.93120"),
    ("La Havane", "CU", "23.11360", "-82.36660"),
    ("Québec", "CA", "46.81390", "-71.20800"),
    ("Comté du Hertfordshire", "GB", "51.80980", "-0.23770"),
    ("Land de Brandebourg", "DE", "52.41250", "12.53160"),
    ("Province de Cordoue", "ES", "37.88820", "-4.77940"),
    ("Région des Pouilles", "IT", "41.12570", "16.86200"),
    ("District de Braga", "PT", "41.54540", "-8.42650"),
    ("Voïvodie de Lublin", "PL", "51.24650", "22.56840"),
    ("Județ de Cluj", "RO", "46.77120", "23.62360"),
    ("Oblast de Lviv", "UA", "49.83970", "24.02970"),
    ("Région d'Erevan", "AM", "40.17920", "44.49910"),
    ("Tbilissi", "GE", "41.71510", "44.82710"),
    ("Province de Hokkaido", "JP", "43.06420", "141.34690"),
    ("Gyeonggi", "KR", "37.41380", "127.51830"),
    ("Région de Nouvelle-Calédonie", "NC", "-22.27580", "166.45800"),
    ("Kigali", "RW", "-1.94410", "30.06190"),
    ("Région de Kara", "GH", "9.55110", "1.18610"),
    ("Comté de Kisumu", "KE", "-0.09170", "34.76800"),
    ("Province de Sofala", "MZ", "-19.84360", "34.83890"),
    ("Région de Zinder", "TD", "12.13480", "15.05570"),
    ("Île de Mayotte", "YT", "-12.82750", "45.16620"),
    ("Province de Luang Prabang", "TH", "19.88560", "102.13470"),
]

ZONE_THEMES = [
    "l'éducation",
    "l'accès à l'eau",
    "la santé",
    "la culture",
    "l'agriculture",
    "la jeunesse",
    "le développement économique",
    "l'appui aux collectivités",
]
ACTION_SUBJECTS = [
    (Domain.ENVIRONMENT, "Accès à l'eau potable et assainissement", "puits, forages et latrines"),
    (Domain.ENVIRONMENT, "Gestion des déchets et reboisement", "collecte et compostage"),
    (Domain.EDUCATION, "Construction de salles de classe", "écoles et cantines scolaires"),
    (Domain.EDUCATION, "Formation des enseignants", "pédagogie et bibliothèques"),
    (Domain.ECONOMIC_SOCIAL, "Activités génératrices de revenus", "microcrédit et coopératives"),
    (Domain.ECONOMIC_SOCIAL, "Santé communautaire", "centres de santé et maternités"),
    (Domain.CULTURE, "Échanges artistiques et festivals", "musique, théâtre et danse"),
    (Domain.CULTURE, "Jumelage de bibliothèques", "lecture publique et numérique"),
    (Domain.INSTITUTIONAL_SUPPORT, "Appui à la maîtrise d'ouvrage communale", "état civil"),
    (Domain.INSTITUTIONAL_SUPPORT, "Formation des élus et agents", "finances locales"),
]

RESOURCE_SUBJECTS = [
    "monter un projet de solidarité internationale",
    "rechercher des cofinancements",
    "évaluer un projet",
    "organiser une semaine de la solidarité",
    "envoyer du matériel à l'étranger",
    "accueillir des partenaires en Essonne",
    "gérer la trésorerie d'une association",
    "mener un diagnostic partagé",
    "communiquer sur son projet",
    "mobiliser des bénévoles",
    "l'accès à l'eau en milieu rural",
    "l'éducation au développement",
]


def bulk_create(model, objects, batch_size=BATCH_SIZE):
    created = model.objects.bulk_create(objects, batch_size=batch_size)
    return len(created)


def pick_zone(rng, zones, main_weight):
    """A zone, the main zone ``main_weight`` times as likely as each other one."""
    main = [zone for zone in zones if zone.slug == MAIN_ZONE]
    if main and rng.random() < main_weight / (main_weight + len(zones) - 1):
        return main[0]
    return rng.choice(zones)


def fill_zones(rng, size):
    missing = size.zones - Zone.objects.count()
    if missing <= 0:
        return 0
    taken = set(Zone.objects.values_list("slug", flat=True))
    zones = []
    for index, (name, code, latitude, longitude) in enumerate(PLACES):
        slug = f"bench-zone-{index + 1:02d}"
        if slug in taken:
            continue
        themes = rng.sample(ZONE_THEMES, 2)
        zones.append(
            Zone(
                name=name,
                slug=slug,
                kind=rng.choice([ZoneKind.DECENTRALISED_COOPERATION] * 4 + list(ZoneKind)),
                country_code=code,
                since_year=rng.randint(1985, 2020),
                summary=f"Le Département et {name} coopèrent pour {' et '.join(themes)}.",
                body=(
                    f"Une coopération décentralisée lie l'Essonne à {name} : échanges entre "
                    "collectivités et projets des associations essonniennes."
                ),
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                is_published=True,
            )
        )
        if len(zones) == missing:
            break
    return bulk_create(Zone, zones)


def fill_partners(rng, size):
    have = dict(
        Partner.objects.order_by()
        .values_list("zone")
        .annotate(count=Count("pk"))
        .values_list("zone", "count")
    )
    partners = []
    for zone in Zone.objects.order_by("pk"):
        for index in range(have.get(zone.pk, 0), size.partners_per_zone):
            kind = rng.choice(list(PartnerKind))
            partners.append(
                Partner(
                    zone=zone,
                    name=f"{kind.label} partenaire n° {index + 1} ({zone.name})",
                    kind=kind,
                    description="Partenaire des actions du Département dans la zone.",
                )
            )
    return bulk_create(Partner, partners)


def fill_actions(rng, size):
    existing = Action.objects.count()
    missing = size.actions - existing
    if missing <= 0:
        return 0
    zones = list(Zone.objects.order_by("pk"))
    actions = []
    for n in range(existing, existing + missing):
        zone = pick_zone(rng, zones, main_weight=5)
        domain, title, topic = rng.choice(ACTION_SUBJECTS)
        start = rng.randint(1995, 2025)
        end = rng.choice([None, start, min(start + rng.randint(1, 5), 2030)])
        budget = Decimal(rng.randrange(5_000, 500_000, 500))
        actions.append(
            Action(
                zone=zone,
                title=f"{title} ({zone.name}, {start})",
                slug=f"bench-action-{n:05d}",
                domain=domain,
                status=(
                    ActionStatus.ONGOING
                    if end is None or end >= 2025
                    else rng.choice([ActionStatus.COMPLETED, ActionStatus.PLANNED])
                ),
                start_year=start,
                end_year=end,
                budget=budget,
                contribution=(budget * Decimal(rng.randint(10, 60)) / 100).quantize(
                    Decimal("0.01")
                ),
                summary=f"{title} : {topic}, avec les partenaires de {zone.name}.",
                body=(
                    f"Le projet porte sur {topic}. Il associe les collectivités et les "
                    "associations de l'Essonne à leurs partenaires, pour l'eau, l'école et la "
                    "santé des habitants."
                ),
                is_published=True,
            )
        )
    actions = Action.objects.bulk_create(actions, batch_size=BATCH_SIZE)
    # Each new action gets one to three of its zone's partners.
    partners_by_zone = {}
    for partner_id, zone_id in Partner.objects.values_list("pk", "zone_id"):
        partners_by_zone.setdefault(zone_id, []).append(partner_id)
    through = Action.partners.through
    links = []
    for action in actions:
        choices = partners_by_zone.get(action.zone_id, [])
        for partner_id in rng.sample(choices, min(len(choices), rng.randint(1, 3))):
            links.append(through(action_id=action.pk, partner_id=partner_id))
    bulk_create(through, links)
    return len(actions)


def fill_emergency_aids(rng, size):
    existing = EmergencyAid.objects.count()
    missing = size.emergency_aids - existing
    if missing <= 0:
        return 0
    zones = list(Zone.objects.order_by("pk"))
    aids = []
    for n in range(existing, existing + missing):
        zone = rng.choice(zones)
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        event = rng.choice(["inondations", "séisme", "cyclone", "sécheresse", "épidémie"])
        aids.append(
            EmergencyAid(
                title=f"Aide d'urgence après {event} ({zone.name}, {year})",
                slug=f"bench-urgence-{n:04d}",
                zone=zone,
                place=zone.name,
                country_code=zone.country_code if len(zone.country_code) == 2 else "FR",
                year=year,
                amount=Decimal(rng.randrange(5_000, 150_000, 1_000)),
                summary=f"Secours d'urgence et reconstruction après {event}.",
                body="Le Département a versé une aide d'urgence par l'intermédiaire d'ONG.",
                is_published=True,
            )
        )
    return bulk_create(EmergencyAid, aids)


def fill_budget_lines(rng):
    have = set(BudgetLine.objects.values_list("year", flat=True).distinct())
    lines = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        if year in have:
            continue
        cooperation = Decimal(700_000 + 10_000 * (year - FIRST_YEAR) + rng.randrange(0, 50_000))
        lines += [
            BudgetLine(year=year, line=ProgrammeLine.DECENTRALISED_COOPERATION, amount=cooperation),
            BudgetLine(
                year=year, line=ProgrammeLine.SUBSIDIES, amount=(cooperation * Decimal("0.65"))
            ),
            BudgetLine(year=year, line=ProgrammeLine.EMERGENCY_AID, amount=Decimal(100_000)),
            BudgetLine(year=year, line=ProgrammeLine.RESOURCE_CENTRE, amount=Decimal(45_000)),
            BudgetLine(year=year, line=ProgrammeLine.EUROPE, amount=Decimal(60_000)),
        ]
    return bulk_create(BudgetLine, lines)


def fill_subsidies(rng, size):
    """Subsidies come from ``bench/subsidies.py``'s generator, shared rather than duplicated.

    It adds published decisions (and its own beneficiaries) spread over the published zones
    until there are ``size.subsidies``; it also runs ``migrate`` and ``load_demo``, which change
    nothing here since ``bench/load.py`` ran them first.
    """
    from bench import subsidies as subsidies_bench

    before = Subsidy.objects.count()
    subsidies_bench.fill(size.subsidies)
    return Subsidy.objects.count() - before


def _theme_links(rng, through, owner_field, owner_ids, theme_ids):
    links = []
    for owner_id in owner_ids:
        for theme_id in rng.sample(theme_ids, rng.randint(1, 2)):
            links.append(through(**{owner_field: owner_id, "theme_id": theme_id}))
    return bulk_create(through, links)


def fill_resources(rng, size):
    existing = Resource.objects.count()
    missing = size.resources - existing
    if missing <= 0:
        return 0
    # Generated resources share the demo's stored files (the name is all the row holds).
    files = list(Resource.objects.exclude(file="").values_list("file", flat=True)) or [""]
    zones = list(Zone.objects.values_list("name", flat=True))
    resources = []
    for n in range(existing, existing + missing):
        resource_type = rng.choice(list(ResourceType))
        subject = rng.choice(RESOURCE_SUBJECTS)
        stored = rng.choice(files) if rng.random() < 0.7 else ""
        resources.append(
            Resource(
                title=f"{resource_type.label} : {subject} (n° {n})",
                slug=f"bench-ressource-{n:05d}",
                resource_type=resource_type,
                partner_zone=rng.choice(zones) if rng.random() < 0.3 else "",
                language=rng.choices(list(DocumentLanguage), weights=[80, 8, 3, 3, 2, 2, 2])[0],
                summary=(
                    f"Pour {subject} : les étapes, les pièges à éviter et des exemples tirés des "
                    "projets des associations de l'Essonne."
                ),
                publication_date=date(2000, 1, 1) + timedelta(days=rng.randrange(26 * 365)),
                file=stored,
                external_url="" if stored else f"https://example.org/ressources/{n}",
                download_count=rng.randrange(0, 500),
                is_published=True,
            )
        )
    resources = Resource.objects.bulk_create(resources, batch_size=BATCH_SIZE)
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    if theme_ids:
        new_ids = [resource.pk for resource in resources]
        _theme_links(rng, Resource.themes.through, "resource_id", new_ids, theme_ids)
    return len(resources)


def fill_records(rng, size):
    existing = CatalogueRecord.objects.count()
    missing = size.records - existing
    if missing <= 0:
        return 0
    zones = list(Zone.objects.values_list("name", flat=True))
    records = []
    for n in range(existing, existing + missing):
        kind = rng.choice(list(RecordKind))
        subject = rng.choice(RESOURCE_SUBJECTS)
        place = rng.choice(zones)
        records.append(
            CatalogueRecord(
                title=f"{subject.capitalize()} : l'exemple de {place} (n° {n})",
                slug=f"bench-notice-{n:05d}",
                authors=f"{rng.choice(['Diallo', 'Martin', 'Traoré', 'Dubois'])} et al.",
                publisher=rng.choice(["F3E", "Cités Unies France", "AFD", "Coordination SUD"]),
                year=rng.randint(1980, 2025),
                kind=kind,
                shelf_mark=f"BENCH {n:05d}",
                abstract=f"Retour d'expérience sur {subject}, à {place}.",
                places=place,
                consultation=rng.choice(list(ConsultationMode)),
                is_published=True,
            )
        )
    records = CatalogueRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    if theme_ids:
        new_ids = [record.pk for record in records]
        _theme_links(rng, CatalogueRecord.themes.through, "cataloguerecord_id", new_ids, theme_ids)
    return len(records)


STEPS = [
    ("zones", fill_zones),
    ("partners", fill_partners),
    ("actions", fill_actions),
    ("emergency aids", fill_emergency_aids),
    ("budget lines", lambda rng, size: fill_budget_lines(rng)),
    ("subsidies", fill_subsidies),
    ("resources", fill_resources),
    ("catalogue records", fill_records),
]


def fill(size, *, seed=SEED, log=print):
    """Adds generated records up to ``size`` and returns {step: rows added}; then vacuums."""
    rng = random.Random(seed)
    added = {}
    for label, step in STEPS:
        started = time.monotonic()
        if step is fill_subsidies:
            added[label] = step(rng, size)  # runs migrate: outside a transaction
        else:
            with transaction.atomic():
                added[label] = step(rng, size)
        log(f"  {label}: +{added[label]} ({time.monotonic() - started:.1f} s)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return added


def counts():
    """The row counts the benchmark reports next to its figures."""
    return {
        "zones": Zone.objects.count(),
        "actions": Action.objects.count(),
        "subsidies": Subsidy.objects.count(),
        "beneficiaries": Beneficiary.objects.count(),
        "resources": Resource.objects.count(),
        "catalogue records": CatalogueRecord.objects.count(),
    }
