from datetime import timedelta

import factory
from django.utils import timezone

from actors.choices import ActorKind, Location, RequestKind
from actors.models import Actor, ActorRequest
from actors.tokens import confirm_token_hash


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Acteur {n}")
    slug = factory.Sequence(lambda n: f"acteur-{n}")
    kind = ActorKind.ASSOCIATION
    location = Location.ESSONNE
    commune = "Évry-Courcouronnes"
    is_published = True

    @factory.post_generation
    def zones(self, create, extracted, **kwargs):
        if create and extracted:
            self.zones.set(extracted)


class ActorRequestFactory(factory.django.DjangoModelFactory):
    """A confirmed request to be listed, waiting for moderation."""

    class Meta:
        model = ActorRequest

    request_kind = RequestKind.LISTING
    name = factory.Sequence(lambda n: f"Association demandeuse {n}")
    kind = ActorKind.ASSOCIATION
    commune = "Massy"
    presentation = "Des échanges avec le Mali."
    contact_name = "Camille Martin"
    email = factory.Sequence(lambda n: f"demandeur{n}@example.org")
    consented_at = factory.LazyFunction(timezone.now)
    confirm_before = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=24))
    confirmed_at = factory.LazyFunction(timezone.now)
    token_seed = factory.Sequence(lambda n: f"seed-{n}")
    confirm_token_hash = factory.Sequence(lambda n: confirm_token_hash(f"confirm-{n}"))

    class Params:
        pending = factory.Trait(confirmed_at=None)
