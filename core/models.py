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

    Views are added up by ``core.counters`` and written in batches (``F() + n``), so
    simultaneous views all count; nothing about the visitor is stored: no cookie, no address.
    """

    view_count = models.PositiveIntegerField(_("nombre de vues"), default=0, editable=False)
    #: Columns written by ``core.counters``: not content, so writing them keeps the cached pages.
    counter_fields = ("view_count",)

    class Meta:
        abstract = True

    def record_view(self):
        """Counts one view; ``view_count`` then includes it, and the views this process holds
        still unwritten (those held by other processes show once written)."""
        from .counters import count, counts

        count(self, "view_count")
        self.view_count += counts.held(self._meta.label, self.pk, "view_count") or 1


class ContentVersion(models.Model):
    """A single row whose number changes with every content change (see ``cache.py``).

    Kept in the database, the source of truth every process and command shares, so that a
    change made anywhere (admin, import, another app server) empties every cache.
    """

    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self):
        return str(self.version)
