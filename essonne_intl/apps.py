from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EssonneIntlConfig(AppConfig):
    name = "essonne_intl"
    verbose_name = _("Portail international")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .cache import connect_invalidation_signals
        from .search import register_sqlite_functions

        connection_created.connect(register_sqlite_functions)
        connect_invalidation_signals()
