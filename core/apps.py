from django.utils.translation import gettext_lazy as _

from . import registry


class CoreConfig(registry.PortalAppConfig):
    """The kernel every app uses: base models, cache, counters, search engine, validators."""

    name = "core"
    verbose_name = _("Noyau du portail")
    feminine_models = frozenset({"ContentVersion"})
    private_models = frozenset({"ContentVersion"})

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from .content_version import connect_forget_signals
        from .fulltext import register_sqlite_functions

        connection_created.connect(register_sqlite_functions)
        connect_forget_signals()
        pre_migrate.connect(drop_content_triggers, sender=self)
        post_migrate.connect(install_content_triggers, sender=self)

    def personal_data_purges(self):
        from .services import email_tasks_purge_finished, login_records_purge_expired

        return [
            (_("traces de connexion à l'administration"), login_records_purge_expired),
            (_("envois de courriels terminés"), email_tasks_purge_finished),
        ]


def drop_content_triggers(sender, using, **kwargs):
    """Before every ``migrate``: migrations run without the content version's triggers."""
    from .content_version import drop_triggers

    drop_triggers(using)


def install_content_triggers(sender, using, **kwargs):
    """After every ``migrate``: each content table's trigger in its current version (a new
    app's tables get theirs; SQLite drops them whenever a migration rebuilds a table), and the
    content version moved, as the migrations may have changed what pages show."""
    from django.db.models import F

    from .content_version import install_triggers
    from .models import ContentVersion

    install_triggers(using)
    ContentVersion.objects.using(using).filter(pk=1).update(version=F("version") + 1)
