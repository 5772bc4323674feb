from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeLine(models.TextChoices):
    """Lines of the international relations programme on which the assembly votes a budget."""

    DECENTRALISED_COOPERATION = "cooperation", _("Coopération décentralisée")
    SUBSIDIES = "subsidies", _("Subventions aux associations")
    EMERGENCY_AID = "emergency", _("Aide d'urgence")
    ECONOMIC_PRESENCE = "economic", _("Présence économique en Chine")
    EUROPE = "europe", _("Mission Europe")
    RESOURCE_CENTRE = "cresi", _("Centre de ressources (CRESI)")


# A line voted as a part of another one: « 880 000 € for decentralised cooperation, 568 500 € of
# which for subsidies ». Sub-lines are shown under their parent and left out of the total voted.
PARENT_LINE = {ProgrammeLine.SUBSIDIES: ProgrammeLine.DECENTRALISED_COOPERATION}


class BeneficiaryKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité territoriale")
    PUBLIC_BODY = "public_body", _("Établissement ou organisme public")
    COMPANY = "company", _("Entreprise")
    FOUNDATION = "foundation", _("Fondation")
    OTHER = "other", _("Autre ou non précisé")


class Nature(models.TextChoices):
    """SCDL ``nature``; the SCDL spelling of each value is in ``subsidies.scdl``."""

    CASH = "cash", _("Aide en numéraire")
    IN_KIND = "in_kind", _("Aide en nature")
    CASH_AND_IN_KIND = "both", _("Aide en numéraire et en nature")


class PaymentConditions(models.TextChoices):
    """SCDL ``conditionsVersement``."""

    SINGLE = "single", _("Versement unique")
    STAGGERED = "staggered", _("Versement échelonné")
    OTHER = "other", _("Autres modalités")
