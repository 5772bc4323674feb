from django.db import models
from django.urls import reverse

from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import ViewCountedModel


class PostcardQuerySet(SearchableQuerySet):
    search_fields = ("title", "message")

    def published(self):
        return self.filter(is_published=True)


class Postcard(ViewCountedModel):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=100)
    message = models.TextField(blank=True)
    is_published = models.BooleanField(default=True)
    search_vector = search_vector_field()

    objects = PostcardQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("example:postcard-detail", args=[self.slug])


class Subscriber(models.Model):
    """Personal data: private, so writing it leaves the cached pages alone."""

    email = models.EmailField()
    subscribed_at = models.DateTimeField()

    def __str__(self):
        return self.email
