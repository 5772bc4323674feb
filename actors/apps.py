from django.utils.translation import gettext_lazy as _

from core import registry


class ActorsConfig(registry.PortalAppConfig):
    name = "actors"
    verbose_name = _("Annuaire des acteurs")
    url_prefix = "acteurs/"
    cacheable_query_parameters = frozenset(
        {"type", "commune", "zone", "domaine", "odd", "q", "page"}
    )
    private_models = frozenset({"ActorRequest", "ActorMerge"})
    sitemap_pages = ("actors:actor-list", "actors:request")
    email_tasks_permission = "actors.view_actorrequest"

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import Actor

        return [
            SearchSection(
                "acteurs",
                _("Acteurs du réseau"),
                Actor.objects.published,
                "name",
                "place",
                "actors:actor-list",
            )
        ]

    def sitemaps(self):
        from .sitemaps import ActorSitemap

        return {"actors": ActorSitemap}

    def personal_data_purges(self):
        from .services import actor_requests_purge_decided, actor_requests_purge_unconfirmed

        return [
            (_("demandes à l'annuaire des acteurs traitées"), actor_requests_purge_decided),
            (
                _("demandes à l'annuaire des acteurs dont l'adresse n'a pas été confirmée à temps"),
                actor_requests_purge_unconfirmed,
            ),
        ]

    def load_demo(self):
        from . import demo

        return demo.load()
