from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from cresi.choices import ConsultationMode, RecordKind, ResourceType
from cresi.documents import pdf_document
from cresi.models import CatalogueRecord, Registration, Resource, Theme, TrainingSession
from cresi.services import cancel_token_hash


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published resource with a small real PDF (checked like any upload)."""

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Ressource {n}")
    slug = factory.Sequence(lambda n: f"ressource-{n}")
    resource_type = ResourceType.GUIDE
    summary = "Un outil pour les associations."
    publication_date = date(2010, 3, 1)
    file = factory.LazyAttribute(
        lambda resource: ContentFile(pdf_document(resource.title), name="document.pdf")
    )
    is_published = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class CatalogueRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CatalogueRecord
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")
    shelf_mark = factory.Sequence(lambda n: f"CRESI-{n:04d}")
    kind = RecordKind.BOOK
    year = 2010
    consultation = ConsultationMode.ON_SITE
    is_published = True

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    """A published one-day session in a month, open for registrations for three weeks."""

    class Meta:
        model = TrainingSession

    title = factory.Sequence(lambda n: f"Formation {n}")
    slug = factory.Sequence(lambda n: f"formation-{n}")
    start_date = factory.LazyFunction(lambda: in_days(30))
    end_date = factory.LazyAttribute(lambda session: session.start_date)
    duration_days = Decimal("1")
    place = "Évry"
    audience = "Associations"
    capacity = 10
    registration_deadline = factory.LazyAttribute(
        lambda session: session.start_date - timedelta(days=7)
    )
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(TrainingSessionFactory)
    name = factory.Sequence(lambda n: f"Personne {n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    organisation = "Association Essonne-Sahel"
    consent_at = factory.LazyFunction(timezone.now)
    confirm_before = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))
    confirmed_at = factory.LazyFunction(timezone.now)
    token_seed = factory.Sequence(lambda n: f"seed-{n}")
    confirm_token_hash = factory.Sequence(lambda n: cancel_token_hash(f"confirm-{n}"))
    cancel_token_hash = factory.Sequence(lambda n: cancel_token_hash(f"token-{n}"))

    class Params:
        # A request whose address is not confirmed yet: it holds no place.
        pending = factory.Trait(confirmed_at=None)


def admin_log_entry(user, obj, text):
    """An admin history entry (« changed ») about ``obj``, shown as ``text``."""
    return LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=text,
        action_flag=CHANGE,
    )
