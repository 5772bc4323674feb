from django.utils.translation import gettext_lazy as _

from core import registry


class ResultsConfig(registry.PortalAppConfig):
    """Results with indicators of cooperation actions and EU projects, and action documents.

    Its pages are sections of the action and project pages (``templatetags/results.py``), and
    the download of a document's file.
    """

    name = "results"
    verbose_name = _("Résultats et documents des actions")
    url_prefix = "resultats/"

    def load_demo(self):
        from . import demo

        return demo.load()
