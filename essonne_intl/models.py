from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base giving every record its creation and last-change times."""

    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class ViewCountedModel(models.Model):
    """Abstract base for public pages that show how many times they were viewed.

    Views are added up by ``essonne_intl.counters`` and written in batches (``F() + n``), so
    simultaneous views all count; nothing about the visitor is stored: no cookie, no address.
    """

    view_count = models.PositiveIntegerField(_("nombre de vues"), default=0, editable=False)

    class Meta:
        abstract = True

    def record_view(self):
        """Counts one view; ``view_count`` then includes it, and the views this process holds
        still unwritten (those held by other processes show once written)."""
        from .counters import count, counts

        count(self, "view_count")
        self.view_count += counts.held(self._meta.label, self.pk, "view_count") or 1


class LegalPage(models.Model):
    """The pages every public site owes (legal notice, privacy, accessibility), kept by staff."""

    class Key(models.TextChoices):
        LEGAL_NOTICE = "legal-notice", _("Mentions légales")
        PRIVACY = "privacy", _("Données personnelles")
        ACCESSIBILITY = "accessibility", _("Déclaration d'accessibilité")

    key = models.CharField(_("page"), max_length=20, choices=Key, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    body = models.TextField(
        _("texte"),
        help_text=_(
            "Paragraphes séparés par une ligne vide ; « ## » en début de ligne pour un "
            "intertitre, « - » pour une liste. Les adresses web et électroniques deviennent "
            "des liens."
        ),
    )
    body_en = models.TextField(_("texte en anglais"), blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("page légale")
        verbose_name_plural = _("pages légales")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.key)

    @classmethod
    def default(cls, key):
        """The page as first written, unsaved: shown if the row is missing."""
        from .legal_defaults import PAGES_BY_KEY

        return cls(**PAGES_BY_KEY[key])


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
