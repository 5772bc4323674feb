from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base giving every record its creation and last-change times."""

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class ViewCountedModel(models.Model):
    """Abstract base for public pages that show how many times they were viewed.

    The count is incremented in the database (``F() + 1``), so simultaneous views all count, and
    it stores nothing about the visitor: no cookie, no address.
    """

    view_count = models.PositiveIntegerField(_("nombre de vues"), default=0, editable=False)

    class Meta:
        abstract = True

    def record_view(self):
        type(self)._default_manager.filter(pk=self.pk).update(view_count=models.F("view_count") + 1)
        self.refresh_from_db(fields=["view_count"])
