from django.utils.translation import gettext_lazy as _

from core import registry


class PhotosConfig(registry.PortalAppConfig):
    name = "photos"
    verbose_name = _("Photos")
    url_prefix = "photos/"

    def load_demo(self):
        from . import demo

        return demo.load()
