from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EssonneIntlConfig(AppConfig):
    name = "essonne_intl"
    verbose_name = _("Portail international")
