from django.db import models
from django.utils.translation import gettext_lazy as _


class Measure(models.TextChoices):
    """How an indicator is measured (the IATI « IndicatorMeasure » codes 1 and 2)."""

    UNIT = "unit", _("Nombre")
    PERCENTAGE = "percentage", _("Pourcentage")


class DocumentKind(models.TextChoices):
    EVALUATION = "evaluation", _("Évaluation")
    REPORT = "report", _("Rapport d'activité")
    PHOTO_REPORT = "photo_report", _("Reportage photo")
    AGREEMENT = "agreement", _("Convention")


# The IATI codes of these choices, for the IATI export: « IndicatorMeasure » and
# « DocumentCategory » (IATI/IATI-Codelists, xml/DocumentCategory.xml).
IATI_INDICATOR_MEASURE = {Measure.UNIT: "1", Measure.PERCENTAGE: "2"}
IATI_DOCUMENT_CATEGORY = {
    DocumentKind.EVALUATION: "A07",  # Review of project performance and evaluation
    DocumentKind.REPORT: "A08",  # Results, outcomes and outputs
    DocumentKind.PHOTO_REPORT: "A08",
    DocumentKind.AGREEMENT: "A09",  # Memorandum of understanding
}
