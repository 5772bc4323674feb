from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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
