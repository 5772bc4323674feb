from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CresiConfig(AppConfig):
    name = "cresi"
    verbose_name = _("CRESI : centre de ressources")
