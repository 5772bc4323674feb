from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    LOCAL_AUTHORITY = "local_authority", _("Collectivité territoriale")
    SCHOOL = "school", _("Établissement scolaire ou d'enseignement")
    COMPANY = "company", _("Entreprise")
    OTHER = "other", _("Autre structure")


class Location(models.TextChoices):
    """Essonne actors and partner structures abroad are listed apart."""

    ESSONNE = "essonne", _("En Essonne")
    ABROAD = "abroad", _("À l'étranger")


class Goal(models.IntegerChoices):
    """The 17 Sustainable Development Goals of the United Nations (« ODD »)."""

    NO_POVERTY = 1, _("1. Pas de pauvreté")
    ZERO_HUNGER = 2, _("2. Faim « zéro »")
    HEALTH = 3, _("3. Bonne santé et bien-être")
    EDUCATION = 4, _("4. Éducation de qualité")
    GENDER_EQUALITY = 5, _("5. Égalité entre les sexes")
    WATER = 6, _("6. Eau propre et assainissement")
    ENERGY = 7, _("7. Énergie propre et d'un coût abordable")
    WORK = 8, _("8. Travail décent et croissance économique")
    INDUSTRY = 9, _("9. Industrie, innovation et infrastructure")
    INEQUALITIES = 10, _("10. Inégalités réduites")
    CITIES = 11, _("11. Villes et communautés durables")
    CONSUMPTION = 12, _("12. Consommation et production responsables")
    CLIMATE = 13, _("13. Mesures relatives à la lutte contre les changements climatiques")
    OCEANS = 14, _("14. Vie aquatique")
    LAND = 15, _("15. Vie terrestre")
    PEACE = 16, _("16. Paix, justice et institutions efficaces")
    PARTNERSHIPS = 17, _("17. Partenariats pour la réalisation des objectifs")


class RequestKind(models.TextChoices):
    LISTING = "listing", _("Être inscrit à l'annuaire")
    CORRECTION = "correction", _("Corriger une fiche de l'annuaire")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("À modérer")
    APPROVED = "approved", _("Approuvée")
    REJECTED = "rejected", _("Refusée")
