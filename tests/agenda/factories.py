from datetime import timedelta

import factory
from django.utils import timezone

from agenda.models import Event


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Rencontre {n}")
    slug = factory.Sequence(lambda n: f"rencontre-{n}")
    start_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end_at = factory.LazyAttribute(lambda event: event.start_at + timedelta(hours=2))
    location = "Évry-Courcouronnes"
    summary = "Une rencontre du réseau"
    is_published = True
