from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """How an indicator is measured (the IATI « IndicatorMeasure » codes 1 and 2)."""

    UNIT = "unit", _("Nombre")
    PERCENTAGE = "percentage", _("Pourcentage")


class DocumentKind(models.TextChoices):
    EVALUATION = "evaluation", _("Évaluation")
    REPORT = "report", _("Rapport d'activité")
    PHOTO_REPORT = "photo_report", _("Reportage photo")
    AGREEMENT = "agreement", _("Convention")
