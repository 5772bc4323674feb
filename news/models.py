from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import PublishableQuerySet, TimeStampedModel


class NewsItemQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "summary", "summary_en", "body")

    def published_condition(self, prefix=""):
        """Published and its publication time reached: staff schedule an item by dating it
        in the future."""
        return super().published_condition(prefix) & Q(
            **{f"{prefix}published_at__lte": timezone.now()}
        )

    def latest(self, count=3):
        return self.published().order_by("-published_at", "-pk")[:count]

    def visible_to(self, user):
        """What ``user`` may open: every item for staff who may see news in the admin (drafts
        and scheduled items included, to preview them), the published ones for anyone else."""
        if user.is_authenticated and user.has_perm("news.view_newsitem"):
            return self.all()
        return self.published()


class NewsItem(TimeStampedModel):
    """A piece of news written by staff, published on the date they choose."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    published_at = models.DateTimeField(
        _("date de publication"),
        default=timezone.now,
        help_text=_(
            "L'actualité paraît à cette date ; une date future la programme. "
            "Elle reste un brouillon tant que « publiée » n'est pas cochée."
        ),
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    body = models.TextField(
        _("texte"),
        blank=True,
        help_text=_(
            "Paragraphes séparés par une ligne vide ; « ## » en début de ligne pour un "
            "intertitre, « - » pour une liste ; les adresses web deviennent des liens."
        ),
    )
    zones = models.ManyToManyField(
        "cooperation.Zone", verbose_name=_("zones liées"), blank=True, related_name="news_items"
    )
    actions = models.ManyToManyField(
        "cooperation.Action",
        verbose_name=_("actions liées"),
        blank=True,
        related_name="news_items",
    )
    search_vector = search_vector_field()

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
        indexes = [models.Index(fields=["is_published", "-published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.is_published and self.published_at <= timezone.now()
