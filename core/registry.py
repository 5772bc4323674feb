"""What each app of the portal gives the site-wide machinery, declared on its ``AppConfig``.

The kernel (page cache, content version, search page, sitemaps, ``load_demo``,
``purge_personal_data``) loops over :func:`portal_apps` instead of naming apps: adding an app
touches only its own folder and ``INSTALLED_APPS``. ``docs/architecture.md`` explains each
declaration with an example.
"""

from dataclasses import dataclass, field
from functools import cache

from django.apps import AppConfig, apps


class PortalAppConfig(AppConfig):
    """Base of every app of the portal.

    An app's ``apps.py`` imports this module, not the class (``registry.PortalAppConfig``):
    Django takes the only ``AppConfig`` subclass a module names as the app's configuration.

    Data is declared as class attributes; what needs the app's models is returned by methods,
    imported when first asked for (models are not ready when the ``AppConfig`` is built).
    """

    #: Where the app's ``urls`` module is mounted, under ``i18n_patterns`` (``"cresi/"``);
    #: ``None`` for an app without public pages.
    url_prefix = None
    #: Query parameters the app's public pages understand: a URL with any other one is never
    #: taken from nor put into the page cache.
    cacheable_query_parameters = frozenset()
    #: Names of the app's models no public page shows (personal data, technical records):
    #: writing them does not make the cached pages stale.
    private_models = frozenset()
    #: Named URLs of pages that take no argument (lists, forms), listed in ``sitemap.xml``.
    sitemap_pages = ()
    #: The permission that shows a staff member, in the admin, the e-mails the app's tasks send
    #: (``core/mail.py``): they concern the people of its records (``"cresi.view_registration"``).
    #: ``None``: superusers only see them.
    email_tasks_permission = None

    #: Names of the app's models whose French name is feminine (« sessions de formation »):
    #: the admin's actions agree with it (« Supprimer les sessions de formation sélectionnées »).
    feminine_models = frozenset()

    def staff_dashboard(self, request):
        """What needs the attention of ``request.user`` in this app, shown on the admin's index:
        a list of :class:`StaffPanel`, only those the user's permissions let them act on."""
        return []

    def search_sections(self):
        """The :class:`core.fulltext.SearchSection` objects ``/recherche/`` looks through."""
        return []

    def sitemaps(self):
        """``{name: Sitemap class}`` for the app's detail pages."""
        return {}

    def personal_data_purges(self):
        """``[(label, purge)]``: ``purge(now=…, dry_run=…)`` deletes the app's personal data past
        its retention period and returns how many records it deleted (or would delete)."""
        return []

    def record_checks(self):
        """``{"app_label.Model": [check]}``: rules this app's records set on another app's
        records; ``check(record)`` raises ``ValidationError``. The model's ``clean()`` runs them
        through :func:`run_record_checks`, so a rule crosses apps without an import."""
        return {}

    def agenda_events(self, *, today):
        """The app's :class:`core.agenda.AgendaEvent` of ``/agenda/``: those not over on
        ``today`` (a date), published only."""
        return []

    def load_demo(self):
        """Loads the app's demo content (idempotent) and returns how many records are up to
        date; ``None`` when the app has none. Called in ``INSTALLED_APPS`` order, so an app comes
        after the apps whose records it links to."""
        return None

    def content_models(self):
        """The models whose every write makes the cached pages stale."""
        return [
            model
            for model in self.get_models(include_auto_created=True)
            if not self.is_private(model) and model._meta.managed and not model._meta.proxy
        ]

    def is_private(self, model):
        # A record's history (django-simple-history) is as private as the record.
        history_of = getattr(model, "instance_type", None)
        return (history_of or model).__name__ in self.private_models


@dataclass(frozen=True)
class StaffItem:
    """One line of a :class:`StaffPanel`: a label, a figure or short text, a link to act on it."""

    label: str
    value: str = ""
    url: str = ""
    #: Something waits for someone: the line stands out.
    urgent: bool = False


@dataclass(frozen=True)
class StaffPanel:
    """A box of the admin's index (« Demandes en attente », « Brouillons »…)."""

    title: str
    items: list = field(default_factory=list)
    #: Shown when ``items`` is empty (« Aucune demande en attente. »).
    empty: str = ""
    #: Panels are sorted by this, then in ``INSTALLED_APPS`` order: what waits comes first.
    order: int = 50


def staff_dashboard(request):
    """Every app's panels for this staff member, in order; panels of the same title (the
    drafts of every app) are merged into one."""
    merged = {}
    for config in portal_apps():
        for panel in config.staff_dashboard(request):
            key = str(panel.title)
            if key in merged:
                previous = merged[key]
                panel = StaffPanel(
                    previous.title, previous.items + panel.items, previous.empty, previous.order
                )
            merged[key] = panel
    return sorted(merged.values(), key=lambda panel: panel.order)


def is_feminine(model):
    """Whether the model's French name is feminine, as its app declares (``feminine_models``)."""
    config = apps.get_app_config(model._meta.app_label)
    return model.__name__ in getattr(config, "feminine_models", ())


def portal_apps():
    """Every installed app of the portal, in ``INSTALLED_APPS`` order."""
    return [config for config in apps.get_app_configs() if isinstance(config, PortalAppConfig)]


def run_record_checks(record):
    """Runs the checks every app declares on ``record``'s model (``record_checks``); raises
    one ``ValidationError`` with all their errors."""
    from django.core.exceptions import ValidationError

    errors = {}
    for config in portal_apps():
        for check in config.record_checks().get(record._meta.label, []):
            try:
                check(record)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def agenda_events(*, today):
    """Every app's coming events (``agenda_events()``), in the order they take place."""
    events = [event for config in portal_apps() for event in config.agenda_events(today=today)]
    return sorted(events, key=lambda event: event.sort_key())


def public_url_patterns():
    """One ``include()`` of each app's ``urls`` module at its ``url_prefix``."""
    from django.urls import include, path

    return [
        path(config.url_prefix, include(f"{config.name}.urls"))
        for config in portal_apps()
        if config.url_prefix is not None
    ]


@cache
def cacheable_query_parameters():
    return frozenset().union(*(config.cacheable_query_parameters for config in portal_apps()))


def content_models():
    return [model for config in portal_apps() for model in config.content_models()]
