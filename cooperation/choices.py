from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneKind(models.TextChoices):
    DECENTRALISED_COOPERATION = "cooperation", _("Coopération décentralisée")
    ECONOMIC_ANTENNA = "antenna", _("Antenne économique")
    EUROPEAN_PARTNERSHIP = "europe", _("Partenariat européen")
    EMERGENCY_AID = "emergency", _("Aide d'urgence")


class PartnerKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Collectivité locale")
    ASSOCIATION = "association", _("Association")
    UNIVERSITY = "university", _("Université ou école")
    COMPANY = "company", _("Entreprise")
    PUBLIC_BODY = "public_body", _("Organisme public")
    CLUSTER = "cluster", _("Pôle de compétitivité")


class Domain(models.TextChoices):
    CULTURE = "culture", _("Culture")
    ECONOMIC_SOCIAL = "economic_social", _("Développement économique et social")
    EDUCATION = "education", _("Éducation")
    ENVIRONMENT = "environment", _("Environnement")
    INSTITUTIONAL_SUPPORT = "institutional", _("Appui institutionnel")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("En préparation")
    ONGOING = "ongoing", _("En cours")
    COMPLETED = "completed", _("Terminée")
