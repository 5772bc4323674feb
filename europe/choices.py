from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    INTERREG = "interreg", _("Interreg")
    LIFE = "life", _("LIFE")
    CREATIVE_EUROPE = "creative_europe", _("Europe créative")
    ERASMUS_PLUS = "erasmus_plus", _("Erasmus+")
    HORIZON_EUROPE = "horizon_europe", _("Horizon Europe")
    ERDF_REGIONAL = "erdf_regional", _("Programme régional FEDER")
    ESF_PLUS_REGIONAL = "esf_plus_regional", _("Programme régional FSE+")
    OTHER = "other", _("Autre programme")


class Fund(models.TextChoices):
    ERDF = "erdf", _("FEDER (Fonds européen de développement régional)")
    ESF_PLUS = "esf_plus", _("FSE+ (Fonds social européen plus)")
    EAFRD = "eafrd", _("FEADER (Fonds européen agricole pour le développement rural)")
    DIRECT = "direct", _("Budget de l'Union en gestion directe")


class ProjectStatus(models.TextChoices):
    PREPARATION = "preparation", _("En préparation")
    SUBMITTED = "submitted", _("Candidature déposée")
    RUNNING = "running", _("En cours")
    CLOSED = "closed", _("Terminé")


# The EU funds of these projects are granted: they count in the « funds obtained » total.
OBTAINED_STATUSES = (ProjectStatus.RUNNING, ProjectStatus.CLOSED)


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Chef de file")
    PARTNER = "partner", _("Partenaire")
    ASSOCIATED = "associated", _("Partenaire associé")


class StructureKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    MUNICIPALITY = "municipality", _("Commune")
    INTERMUNICIPALITY = "intermunicipality", _("Intercommunalité")
    OTHER_PUBLIC = "other_public", _("Autre collectivité ou établissement public")
    OTHER = "other", _("Autre structure")


class ProjectProgress(models.TextChoices):
    IDEA = "idea", _("Une idée à développer")
    PARTNERS = "partners", _("Des partenaires en cours de recherche")
    DRAFTING = "drafting", _("Une candidature en cours de rédaction")
    CALL_IDENTIFIED = "call", _("Un appel à projets identifié, avec une date limite")


# French labels as msgids, like every string of the portal: an English msgid such as "Close" would
# take Django's own French translation (« Fermer ») in the admin.
class RequestStatus(models.TextChoices):
    NEW = "new", _("Nouvelle")
    IN_PROGRESS = "in_progress", _("En cours d'examen")
    SUPPORTED = "supported", _("Accompagnée")
    CLOSED = "closed", _("Clôturée")
