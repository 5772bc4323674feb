import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PublishableQuerySet, TimeStampedModel


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, today=None):
        """Events not over on ``today`` (those ending today included)."""
        today = today or timezone.localdate()
        start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
        return self.filter(
            Q(end_at__gte=start_of_day) | Q(end_at__isnull=True, start_at__gte=start_of_day)
        )


class Event(TimeStampedModel):
    """An event written by staff: a meeting, a visit, a festival, a delegation's stay."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    start_at = models.DateTimeField(_("début"))
    end_at = models.DateTimeField(_("fin"), null=True, blank=True)
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    link = models.URLField(
        _("lien"), blank=True, help_text=_("Une page qui en dit plus, sur ce site ou ailleurs.")
    )
    is_published = models.BooleanField(_("publié"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start_at", "title"]
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_at__isnull=True) | Q(end_at__gte=F("start_at")),
                name="agenda_event_ends_after_start",
                violation_error_message=_("La fin doit venir après le début."),
            )
        ]
        indexes = [models.Index(fields=["is_published", "start_at"])]

    def __str__(self):
        return self.title

    def clean(self):
        if self.end_at and self.start_at and self.end_at < self.start_at:
            raise ValidationError({"end_at": _("La fin doit venir après le début.")})
