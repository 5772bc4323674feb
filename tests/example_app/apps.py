"""An app that exists only in the tests: it proves that an app registers itself.

It is installed by the tests' settings (``tests/settings.py``) and nowhere else, and touches no
file outside its folder: search, sitemaps, the page cache, the content version, the demo loader,
the personal-data purge and the agenda find it through its ``AppConfig`` alone
(``tests/core/test_registry.py``), and the admin's list of e-mails shows its e-mails to whoever
may see its subscribers (``tests/core/test_mail.py``).
"""

from datetime import timedelta

from core import registry


class ExampleConfig(registry.PortalAppConfig):
    name = "tests.example_app"
    label = "example"
    verbose_name = "Cartes postales (application d'exemple des tests)"
    url_prefix = "cartes-postales/"
    cacheable_query_parameters = frozenset({"couleur"})
    private_models = frozenset({"Subscriber"})
    sitemap_pages = ("example:postcard-list",)
    email_tasks_permission = "example.view_subscriber"

    def search_sections(self):
        from core.fulltext import SearchSection

        from .models import Postcard

        return [
            SearchSection(
                "cartes-postales",
                "Cartes postales",
                Postcard.objects.published,
                "title",
                "message",
                "example:postcard-list",
            )
        ]

    def sitemaps(self):
        from .sitemaps import PostcardSitemap

        return {"postcards": PostcardSitemap}

    def personal_data_purges(self):
        return [("abonnés aux cartes postales", purge_subscribers)]

    def agenda_events(self, *, today):
        from core.agenda import AgendaEvent

        from .models import Postcard

        # Each published postcard is sent a week from today.
        return [
            AgendaEvent(
                key=f"carte-{postcard.slug}",
                kind="carte",
                kind_label="Envoi de carte postale",
                title=postcard.title,
                start=today + timedelta(days=7),
            )
            for postcard in Postcard.objects.published()
        ]

    def load_demo(self):
        from core.demo import sync

        from .models import Postcard

        for slug, title in [("bamako", "Souvenir de Bamako"), ("wuhan", "Souvenir de Wuhan")]:
            sync(Postcard, {"slug": slug}, {"title": title, "message": "Bons baisers"})
        return 2

    def staff_dashboard(self, request):
        from core.registry import StaffItem, StaffPanel

        from .models import Postcard

        if not request.user.has_perm("example.view_postcard"):
            return []
        drafts = Postcard.objects.filter(is_published=False).count()
        return [
            StaffPanel(
                "Cartes postales à relire",
                [StaffItem("Brouillons", str(drafts))] if drafts else [],
                empty="Aucune carte à relire.",
            )
        ]


def purge_subscribers(*, now, dry_run=False):
    from .models import Subscriber

    expired = Subscriber.objects.filter(subscribed_at__lt=now - timedelta(days=30))
    count = expired.count()
    if not dry_run:
        expired.delete()
    return count
