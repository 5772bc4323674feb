"""What a cooperation action (or an EU project) achieved, and the documents that tell it.

A :class:`Result` belongs to one action or one EU project; it has :class:`Indicator` rows (unit,
baseline, target) measured by :class:`IndicatorValue` rows, one per period. An
:class:`ActionDocument` is an uploaded file (checked by content, stored privately and served by
``results:document-download``) or a link to a CRESI resource.
"""

import secrets
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import Action
from core.files import KIND_BY_EXTENSION
from core.i18n import translated_value
from core.models import PublishableQuerySet, TimeStampedModel
from cresi.models import Resource
from europe.models import EUProject

from .choices import DocumentKind, Measure
from .validators import validate_document_file


def year_field(verbose_name, **kwargs):
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1950), MaxValueValidator(2100)], **kwargs
    )


def figure_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class ResultQuerySet(PublishableQuerySet):
    # A result of an action (or project) still in draft is not shown.
    published_with = ("action", "eu_project")

    def with_indicators(self):
        """Results with their indicators and each indicator's values, oldest period first
        (three queries, whatever the number of results)."""
        return self.prefetch_related(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.prefetch_related(
                    Prefetch("values", queryset=IndicatorValue.objects.order_by("period_end"))
                ),
            )
        )

    def for_record(self, record):
        """The results of an action or of an EU project."""
        if isinstance(record, Action):
            return self.filter(action=record)
        return self.filter(eu_project=record)


class Result(TimeStampedModel):
    """An expected result of an action or an EU project (« Accès à l'eau potable à Kayes »)."""

    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="results",
        null=True,
        blank=True,
        verbose_name=_("action de coopération"),
    )
    eu_project = models.ForeignKey(
        EUProject,
        on_delete=models.CASCADE,
        related_name="results",
        null=True,
        blank=True,
        verbose_name=_("projet européen"),
    )
    title = models.CharField(_("résultat attendu"), max_length=200)
    title_en = models.CharField(_("résultat attendu en anglais"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_published = models.BooleanField(_("publié"), default=False)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("résultat")
        verbose_name_plural = _("résultats")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__isnull=False, eu_project__isnull=True)
                | Q(action__isnull=True, eu_project__isnull=False),
                name="result_of_one_action_or_project",
                violation_error_message=_(
                    "Un résultat relève soit d'une action de coopération, soit d'un projet "
                    "européen, et d'un seul."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def record(self):
        return self.action or self.eu_project

    @property
    def display_title(self):
        return translated_value(self, "title")


class Indicator(models.Model):
    """What is measured of a result: a unit, a baseline, a target, values by period."""

    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("résultat")
    )
    title = models.CharField(_("indicateur"), max_length=200)
    title_en = models.CharField(_("indicateur en anglais"), max_length=200, blank=True)
    measure = models.CharField(_("mesure"), max_length=12, choices=Measure, default=Measure.UNIT)
    unit = models.CharField(
        _("unité"), max_length=60, blank=True, help_text=_("« puits », « élèves », « % »…")
    )
    unit_en = models.CharField(_("unité en anglais"), max_length=60, blank=True)
    ascending = models.BooleanField(
        _("plus c'est haut, mieux c'est"),
        default=True,
        help_text=_("Décochez pour un indicateur qui doit baisser (taux de maladies…)."),
    )
    baseline_value = figure_field(_("valeur de référence"), null=True, blank=True)
    baseline_year = year_field(_("année de référence"), null=True, blank=True)
    target_value = figure_field(_("cible"), null=True, blank=True)
    target_year = year_field(_("année de la cible"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["result", "position", "pk"]
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        constraints = [
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True, baseline_year__isnull=True)
                | Q(baseline_value__isnull=False, baseline_year__isnull=False),
                name="indicator_baseline_value_with_year",
                violation_error_message=_(
                    "La valeur de référence et son année vont ensemble : donnez les deux ou aucune."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(measure=Measure.PERCENTAGE)
                | (
                    (Q(baseline_value__isnull=True) | Q(baseline_value__range=(0, 100)))
                    & (Q(target_value__isnull=True) | Q(target_value__range=(0, 100)))
                ),
                name="indicator_percentages_in_range",
                violation_error_message=_(
                    "Un pourcentage est compris entre 0 et 100 (référence et cible)."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return translated_value(self, "title")

    @property
    def display_unit(self):
        if self.measure == Measure.PERCENTAGE:
            return "%"
        return translated_value(self, "unit")

    @property
    def latest(self):
        """The value of the latest period (from the prefetched values), or ``None``."""
        values = sorted(self.values.all(), key=lambda value: (value.period_end, value.pk))
        return values[-1] if values else None

    @property
    def progress(self):
        """How far the latest value has gone from the baseline to the target, in per cent
        (0 to 100), or ``None`` where it means nothing: no target, no value, or a target that
        is the baseline."""
        latest = self.latest
        if self.target_value is None or latest is None:
            return None
        start = self.baseline_value if self.baseline_value is not None else Decimal("0")
        span = self.target_value - start
        if span == 0 or (span > 0) != self.ascending:
            return None
        share = (latest.value - start) * 100 / span
        return int(max(Decimal("0"), min(Decimal("100"), share)).to_integral_value())


class IndicatorValue(models.Model):
    """What an indicator measured over one period, with a comment."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicateur")
    )
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    value = figure_field(_("valeur mesurée"))
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["indicator", "period_end"]
        verbose_name = _("valeur mesurée")
        verbose_name_plural = _("valeurs mesurées")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="indicator_value_period_ends_after_start",
                violation_error_message=_("La période finit avant de commencer."),
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="indicator_value_one_per_period",
                violation_error_message=_("Cet indicateur a déjà une valeur pour cette période."),
            ),
        ]

    def __str__(self):
        return f"{self.indicator} : {self.value} ({self.period_start} – {self.period_end})"


def document_file_path(instance, filename):
    """An unguessable name whose extension is the one of the content found, never the upload's."""
    kind = validate_document_file.detected_kind(instance.file)
    return f"results/documents/{secrets.token_hex(16)}.{kind.extension}"


class ActionDocumentQuerySet(PublishableQuerySet):
    # Hidden while the action, or the CRESI resource it links to, is a draft.
    published_with = ("action", "resource")

    def download(self, pk):
        """What serving the file of document ``pk`` needs, in plain values a cache keeps;
        ``None`` if no published document with a file has it."""
        document = self.filter(pk=pk).exclude(file="").only("pk", "file", "kind").first()
        if document is None:
            return None
        kind = document.file_kind
        return {
            "file": document.file.name,
            "filename": document.download_filename,
            "content_type": kind.content_type if kind else "application/octet-stream",
        }


class ActionDocument(TimeStampedModel):
    """An evaluation, report, photo report or agreement of an action: an uploaded file or a
    link to a CRESI resource."""

    action = models.ForeignKey(
        Action,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("action de coopération"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    document_date = models.DateField(_("date du document"), null=True, blank=True)
    file = models.FileField(
        _("fichier"),
        upload_to=document_file_path,
        max_length=200,
        blank=True,
        validators=[validate_document_file],
        help_text=_(
            "PDF, OpenDocument, Word, Excel, PowerPoint, CSV, texte, image PNG, JPEG ou WebP. "
            "Le contenu est vérifié ; le nom ne compte pas."
        ),
    )
    resource = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="action_documents",
        null=True,
        blank=True,
        verbose_name=_("ressource du CRESI"),
        help_text=_("À la place d'un fichier, une ressource de la bibliothèque du CRESI."),
    )
    is_published = models.BooleanField(_("publié"), default=False)

    objects = ActionDocumentQuerySet.as_manager()

    class Meta:
        ordering = ["action", "kind", "-document_date", "title"]
        verbose_name = _("document d'une action")
        verbose_name_plural = _("documents des actions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & Q(resource__isnull=False))
                | (~Q(file="") & Q(resource__isnull=True)),
                name="action_document_file_xor_resource",
                violation_error_message=_(
                    "Un document est soit un fichier, soit une ressource du CRESI, et jamais "
                    "les deux."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def display_title(self):
        return translated_value(self, "title")

    @property
    def file_kind(self):
        if not self.file:
            return None
        return KIND_BY_EXTENSION.get(PurePosixPath(self.file.name).suffix.lstrip(".").lower())

    @property
    def download_filename(self):
        kind = self.file_kind
        return f"document-{self.pk}.{kind.extension}" if kind else f"document-{self.pk}"

    def get_absolute_url(self):
        """Where the public page links: the file's download, or the CRESI resource's page."""
        if self.resource_id:
            return self.resource.get_absolute_url()
        return reverse("results:document-download", kwargs={"pk": self.pk})
