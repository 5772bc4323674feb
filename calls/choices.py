from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    ADMISSIBLE = "admissible", _("Recevable")
    NOT_ADMISSIBLE = "not_admissible", _("Non recevable")
    UNDER_REVIEW = "under_review", _("En instruction")
    PROPOSED = "proposed", _("Proposé au comité")
    GRANTED = "granted", _("Accordé")
    REFUSED = "refused", _("Refusé")
    SIGNED = "signed", _("Convention signée")


# Where each status may lead; granting has its own service (it creates the subsidy decision).
TRANSITIONS = {
    ApplicationStatus.DRAFT: {ApplicationStatus.SUBMITTED},
    ApplicationStatus.SUBMITTED: {ApplicationStatus.ADMISSIBLE, ApplicationStatus.NOT_ADMISSIBLE},
    ApplicationStatus.ADMISSIBLE: {ApplicationStatus.UNDER_REVIEW},
    ApplicationStatus.UNDER_REVIEW: {ApplicationStatus.PROPOSED, ApplicationStatus.REFUSED},
    ApplicationStatus.PROPOSED: {ApplicationStatus.GRANTED, ApplicationStatus.REFUSED},
    ApplicationStatus.GRANTED: {ApplicationStatus.SIGNED},
    ApplicationStatus.NOT_ADMISSIBLE: set(),
    ApplicationStatus.REFUSED: set(),
    ApplicationStatus.SIGNED: set(),
}


class BudgetSide(models.TextChoices):
    EXPENSE = "expense", _("Dépense")
    RESOURCE = "resource", _("Ressource")
