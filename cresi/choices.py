from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceType(models.TextChoices):
    GUIDE = "guide", _("Guide méthodologique")
    PRACTICAL_SHEET = "fiche", _("Fiche pratique")
    TEMPLATE = "modele", _("Modèle de document")
    EVENT_KIT = "kit", _("Kit d'animation")
    STUDY = "etude", _("Étude")
    DIRECTORY = "annuaire", _("Annuaire")
    OTHER = "autre", _("Autre")


class DocumentLanguage(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    SPANISH = "es", _("Espagnol")
    PORTUGUESE = "pt", _("Portugais")
    ARABIC = "ar", _("Arabe")
    CHINESE = "zh", _("Chinois")
    SEVERAL = "mul", _("Plusieurs langues")


class RecordKind(models.TextChoices):
    BOOK = "livre", _("Livre")
    REPORT = "rapport", _("Rapport")
    PERIODICAL = "periodique", _("Périodique")
    VIDEO = "video", _("Vidéo")
    AUDIO = "audio", _("Enregistrement sonore")
    MAP = "carte", _("Carte")
    THESIS = "memoire", _("Thèse ou mémoire")
    EXHIBITION = "exposition", _("Exposition")
    OTHER = "autre", _("Autre")


class ConsultationMode(models.TextChoices):
    ON_SITE = "sur_place", _("Consultation sur place")
    LOAN = "pret", _("Prêt")
    ONLINE = "en_ligne", _("En ligne")
