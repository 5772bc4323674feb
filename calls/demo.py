"""Demo content: a call of 2010 whose funded projects are the 2010 subsidy decisions of the
demo (``subsidies/demo.py``), and a call open from the day ``load_demo`` runs, with two
applications in progress (a draft being written and one submitted).

Idempotent: a second run the same day writes nothing. The links' seeds of a demo application
are made once, when it is created.
"""

import itertools
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from cooperation.choices import Domain
from cooperation.models import Zone
from core.demo import sync
from cresi.documents import pdf_document
from cresi.models import Resource
from subsidies.models import Subsidy

from .choices import ApplicationStatus, BudgetSide
from .models import (
    Application,
    Attachment,
    AttachmentKind,
    BudgetItem,
    Call,
    Criterion,
    StatusChange,
)
from .tokens import new_link_fields

PAST_SLUG = "solidarite-internationale-2010"
OPEN_SLUG = "solidarite-internationale-appel-ouvert"
MAX_SHARE = Decimal("0.50")

ATTACHMENT_KINDS = [
    ("Statuts de la structure", "Articles of association", True),
    ("Budget prévisionnel détaillé", "Detailed provisional budget", True),
    ("Relevé d'identité bancaire", "Bank details", True),
    ("Lettre d'engagement du partenaire", "Letter of commitment from the partner", False),
]
CRITERIA = [
    ("Pertinence du projet et besoins du territoire partenaire", 3),
    ("Qualité du partenariat local", 2),
    ("Budget réaliste et cofinancements", 1),
]
DOMAINS = [choice.value for choice in Domain]


def paris(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _call(slug, values):
    call = sync(Call, {"slug": slug}, values)
    for position, (label, label_en, required) in enumerate(ATTACHMENT_KINDS):
        sync(
            AttachmentKind,
            {"call": call, "label": label},
            {"label_en": label_en, "required": required, "position": position},
        )
    for position, (label, weight) in enumerate(CRITERIA):
        sync(Criterion, {"call": call, "label": label}, {"weight": weight, "position": position})
    return call


def _application(call, email, values):
    application = Application.objects.filter(call=call, email=email).first()
    if application is None:
        return Application.objects.create(call=call, email=email, **values, **new_link_fields())
    return sync(Application, {"pk": application.pk}, values)


def _budget(application, requested, total):
    if application.budget_items.exists():
        return
    BudgetItem.objects.bulk_create(
        [
            BudgetItem(
                application=application,
                side=BudgetSide.EXPENSE,
                label="Coût total du projet",
                amount=total,
            ),
            BudgetItem(
                application=application,
                side=BudgetSide.RESOURCE,
                label="Subvention demandée au Département de l'Essonne",
                amount=requested,
                position=0,
            ),
            BudgetItem(
                application=application,
                side=BudgetSide.RESOURCE,
                label="Fonds propres et autres financements",
                amount=total - requested,
                position=1,
            ),
        ]
    )


def _history(application, steps, by_day):
    if application.status_changes.exists():
        return
    StatusChange.objects.bulk_create(
        StatusChange(
            application=application, from_status=before, to_status=after, changed_at=by_day[after]
        )
        for before, after in itertools.pairwise(steps)
    )


def _attachments(application, call):
    for kind in call.attachment_kinds.filter(required=True):
        if not Attachment.objects.filter(application=application, kind=kind).exists():
            Attachment.objects.create(
                application=application,
                kind=kind,
                file=ContentFile(pdf_document(kind.label), name="piece.pdf"),
            )


def load_past_call():
    budget_template = Resource.objects.filter(slug="modele-de-budget-previsionnel").first()
    decisions = list(
        Subsidy.objects.for_year(2010)
        .select_related("beneficiary")
        .order_by("convention_date", "reference", "pk")
    )
    call = _call(
        PAST_SLUG,
        {
            "title": "Solidarité internationale 2010",
            "title_en": "International solidarity 2010",
            "purpose": (
                "Soutenir les projets de solidarité internationale menés par les acteurs "
                "essonniens avec les territoires partenaires du Département : accès à l'eau, "
                "éducation, santé, culture, développement économique et appui aux institutions "
                "locales."
            ),
            "purpose_en": (
                "Supporting international solidarity projects run by Essonne actors with the "
                "Département's partner territories: water, education, health, culture, economic "
                "development and support to local institutions."
            ),
            "eligible_applicants": "Associations et collectivités locales de l'Essonne",
            "eligible_applicants_en": "Associations and local authorities of the Essonne",
            "domains": DOMAINS,
            "envelope": sum((d.granted_amount for d in decisions), Decimal("0")) or Decimal(1),
            "max_amount": max((d.granted_amount for d in decisions), default=Decimal(1)),
            "max_share": MAX_SHARE,
            "opens_at": paris(date(2009, 10, 1), 9),
            "closes_at": paris(date(2009, 12, 15)),
            "committee_date": date(2010, 3, 22),
            "budget_template": budget_template,
            "is_published": True,
        },
    )
    call.zones.set(
        Zone.objects.filter(slug__in=["mali", "haiti", "guyane", "wuhan-hubei", "europe"])
    )
    count = 1
    submitted = paris(date(2009, 12, 10))
    steps = [
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ADMISSIBLE,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.PROPOSED,
        ApplicationStatus.GRANTED,
        ApplicationStatus.SIGNED,
    ]
    for number, subsidy in enumerate(decisions, start=1):
        beneficiary = subsidy.beneficiary
        granted = subsidy.granted_amount
        committee = subsidy.convention_date
        application = _application(
            call,
            f"projet{number}@demo.example.org",
            {
                "status": ApplicationStatus.SIGNED,
                "reference": f"AAP-2009-{number:03d}",
                "submitted_at": submitted,
                "language": "fr",
                "consent_at": submitted,
                "confirm_before": submitted,
                "email_confirmed_at": submitted,
                "organisation": beneficiary.name,
                "siret": beneficiary.siret,
                "rna": beneficiary.rna,
                "address": "Hôtel du Département, boulevard de France",
                "postcode": "91000",
                "city": "Évry-Courcouronnes",
                "contact_name": "Responsable du projet",
                "contact_phone": "01 60 91 91 91",
                "title": subsidy.object,
                "zone": subsidy.zone,
                "partner": "Partenaire local",
                "domain": subsidy.domain,
                "summary": subsidy.object,
                "objectives": subsidy.object,
                "expected_results": subsidy.object,
                "indicators": "Nombre de bénéficiaires directs",
                "start_date": committee,
                "end_date": date(2010, 12, 31),
                "amount_requested": granted,
                "committee_date": committee,
                "proposed_amount": granted,
                "granted_amount": granted,
                "subsidy": subsidy,
            },
        )
        _budget(application, granted, granted * 2)
        by_day = {
            ApplicationStatus.SUBMITTED: submitted,
            ApplicationStatus.ADMISSIBLE: paris(date(2010, 1, 8)),
            ApplicationStatus.UNDER_REVIEW: paris(date(2010, 1, 11)),
            ApplicationStatus.PROPOSED: paris(committee - timedelta(days=14)),
            ApplicationStatus.GRANTED: paris(committee),
            ApplicationStatus.SIGNED: paris(committee + timedelta(days=21)),
        }
        _history(application, steps, by_day)
        count += 1
    return count


def load_open_call(today=None):
    today = today or timezone.localdate()
    budget_template = Resource.objects.filter(slug="modele-de-budget-previsionnel").first()
    call = _call(
        OPEN_SLUG,
        {
            "title": "Solidarité internationale : eau, éducation, santé",
            "title_en": "International solidarity: water, education, health",
            "purpose": (
                "Le Département soutient les projets des associations et collectivités "
                "essonniennes avec ses territoires partenaires : accès à l'eau et à "
                "l'assainissement, éducation, santé. Les projets associent un partenaire local "
                "et mesurent leurs résultats."
            ),
            "purpose_en": (
                "The Département supports projects of Essonne associations and local authorities "
                "with its partner territories: water and sanitation, education, health. Projects "
                "involve a local partner and measure their results."
            ),
            "eligible_applicants": "Associations et collectivités locales de l'Essonne",
            "eligible_applicants_en": "Associations and local authorities of the Essonne",
            "domains": [
                Domain.ENVIRONMENT.value,
                Domain.EDUCATION.value,
                Domain.ECONOMIC_SOCIAL.value,
            ],
            "envelope": Decimal("150000"),
            "max_amount": Decimal("30000"),
            "max_share": MAX_SHARE,
            "opens_at": timezone.make_aware(datetime.combine(today, time.min)),
            "closes_at": paris(today + timedelta(days=60)),
            "committee_date": today + timedelta(days=90),
            "budget_template": budget_template,
            "is_published": True,
        },
    )
    call.zones.set(Zone.objects.filter(slug__in=["mali", "haiti"]))
    mali = Zone.objects.filter(slug="mali").first()
    started = timezone.make_aware(datetime.combine(today, time.min))
    common = {
        "language": "fr",
        "consent_at": started,
        "confirm_before": started + timedelta(days=1),
        "email_confirmed_at": started,
        "address": "12 rue de la République",
        "city": "Évry-Courcouronnes",
        "postcode": "91000",
        "zone": mali,
    }
    draft = _application(
        call,
        "puits-kayes@demo.example.org",
        {
            **common,
            "organisation": "Eau Vive Essonne-Sahel",
            "siret": "43321908600017",
            "rna": "W912004518",
            "title": "Trois puits pour les villages du cercle de Kayes",
            "domain": Domain.ENVIRONMENT.value,
            "amount_requested": Decimal("20000"),
        },
    )
    _budget(draft, Decimal("20000"), Decimal("45000"))
    submitted_at = started + timedelta(hours=10)
    submitted = _application(
        call,
        "ecoles-sahel@demo.example.org",
        {
            **common,
            "status": ApplicationStatus.SUBMITTED,
            "reference": f"AAP-{today.year}-001",
            "submitted_at": submitted_at,
            "organisation": "Écoles du Sahel 91",
            "siret": "44780215800017",
            "rna": "W913002277",
            "contact_name": "Responsable des projets",
            "contact_phone": "01 69 00 00 00",
            "title": "Bibliothèques scolaires à Kita",
            "partner": "Association des parents d'élèves de Kita",
            "domain": Domain.EDUCATION.value,
            "summary": (
                "Équiper quatre écoles de Kita d'une bibliothèque et former leurs enseignants."
            ),
            "objectives": "Donner accès aux livres à 1 200 élèves.",
            "expected_results": "Quatre bibliothèques ouvertes, huit enseignants formés.",
            "indicators": "Nombre de prêts par mois ; nombre d'enseignants formés.",
            "start_date": today + timedelta(days=120),
            "end_date": today + timedelta(days=485),
            "amount_requested": Decimal("18000"),
        },
    )
    _budget(submitted, Decimal("18000"), Decimal("40000"))
    _attachments(submitted, call)
    _history(
        submitted,
        [ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED],
        {ApplicationStatus.SUBMITTED: submitted_at},
    )
    return 3


def load():
    """Creates or updates the calls' demo records; returns how many records it handled."""
    return load_past_call() + load_open_call()
