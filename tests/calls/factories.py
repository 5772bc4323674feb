from datetime import timedelta
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from calls.choices import BudgetSide
from calls.models import Application, Attachment, AttachmentKind, BudgetItem, Call, Criterion
from calls.tokens import new_link_fields
from cooperation.choices import Domain
from cresi.documents import pdf_document
from tests.factories import ZoneFactory

SIRET = "43321908600017"  # a valid SIRET (Luhn keys of SIREN and SIRET)
RNA = "W912004518"


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open since yesterday for thirty days, with two required documents and
    an optional one, and a scoring grid of two criteria."""

    class Meta:
        model = Call
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Appel {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    purpose = "Soutenir les projets de solidarité internationale."
    eligible_applicants = "Associations et collectivités locales de l'Essonne"
    domains = factory.LazyFunction(lambda: [Domain.EDUCATION.value, Domain.ENVIRONMENT.value])
    envelope = Decimal("100000")
    max_amount = Decimal("20000")
    max_share = Decimal("0.50")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    committee_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    is_published = True

    @factory.post_generation
    def zones(self, create, extracted, **kwargs):
        if create:
            self.zones.set(extracted if extracted is not None else [ZoneFactory()])

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        if create:
            for position, (label, required) in enumerate(
                extracted or [("Statuts", True), ("RIB", True), ("Lettre du partenaire", False)]
            ):
                AttachmentKind.objects.create(
                    call=self, label=label, required=required, position=position
                )
            Criterion.objects.create(call=self, label="Pertinence", weight=3, position=0)
            Criterion.objects.create(call=self, label="Partenariat", weight=1, position=1)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft whose address is confirmed, nothing filled yet."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    email = factory.Sequence(lambda n: f"asso{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    confirm_before = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))
    email_confirmed_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return super()._create(model_class, *args, **{**new_link_fields(), **kwargs})


def complete_values(call, **overrides):
    """The applicant's fields, all valid for ``call``: 15 000 € asked of a 40 000 € project."""
    today = timezone.localdate()
    return {
        "organisation": "Eau Vive Essonne-Sahel",
        "siret": SIRET,
        "rna": RNA,
        "address": "12 rue de la République",
        "postcode": "91000",
        "city": "Évry-Courcouronnes",
        "contact_name": "Awa Traoré",
        "contact_phone": "01 60 00 00 00",
        "title": "Puits à Kayes",
        "zone": call.zones.first(),
        "partner": "Association des usagers de l'eau de Kayes",
        "domain": Domain.ENVIRONMENT.value,
        "summary": "Trois puits.",
        "objectives": "L'eau potable pour 600 personnes.",
        "expected_results": "Trois puits en service.",
        "indicators": "Litres distribués par jour.",
        "start_date": today + timedelta(days=90),
        "end_date": today + timedelta(days=400),
        "amount_requested": Decimal("15000"),
        **overrides,
    }


BUDGET = {
    BudgetSide.EXPENSE: [("Forages", Decimal("30000")), ("Pompes", Decimal("10000"))],
    BudgetSide.RESOURCE: [("Département", Decimal("15000")), ("Fonds propres", Decimal("25000"))],
}


def complete_application(call=None, **overrides):
    """A draft ready to be submitted: every field, a balanced budget, the required files."""
    application = ApplicationFactory(**({"call": call} if call else {}))
    for name, value in complete_values(application.call, **overrides).items():
        setattr(application, name, value)
    application.save()
    for side, rows in BUDGET.items():
        for label, amount in rows:
            BudgetItem.objects.create(
                application=application, side=side, label=label, amount=amount
            )
    for kind in application.call.attachment_kinds.filter(required=True):
        Attachment.objects.create(
            application=application,
            kind=kind,
            file=ContentFile(pdf_document(kind.label), name="piece.pdf"),
        )
    return application
