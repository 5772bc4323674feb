from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubsidiesConfig(AppConfig):
    name = "subsidies"
    verbose_name = _("Subventions")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
