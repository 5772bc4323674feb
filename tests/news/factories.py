from datetime import timedelta

import factory
from django.utils import timezone

from news.models import NewsItem


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Actualité {n}")
    slug = factory.Sequence(lambda n: f"actualite-{n}")
    summary = factory.LazyAttribute(lambda item: f"Résumé de {item.title}")
    body = "Premier paragraphe.\n\n- un point\n- un autre"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    is_published = True
