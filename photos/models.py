import hashlib
import io
import secrets
from functools import reduce

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from core.files import IMAGE_KINDS, FileContentValidator
from core.files.fields import MetadataFreeImageField
from core.models import PublishableQuerySet, TimeStampedModel

from .renditions import ASPECT_RATIO, FALLBACK_WIDTH, FORMATS, WIDTHS, crop_box

MAX_PHOTO_SIZE = 15 * 1024 * 1024
# A PNG, JPEG or WebP image, checked by its content (core/files).
validate_photo = FileContentValidator(IMAGE_KINDS, max_size=MAX_PHOTO_SIZE)

#: The foreign keys that place a photo on a page, with ``on_home``: exactly one is set.
TARGETS = ("zone", "action", "emergency_aid", "eu_project", "news_item")


def photo_path(instance, filename):
    """An unguessable name whose extension is the one of the content found."""
    kind = validate_photo.detected_kind(instance.image)
    return f"photos/{secrets.token_hex(16)}.{kind.extension}"


def _one_placement():
    """Exactly one of the foreign keys, or ``on_home``, is set."""
    placed = [Q(**{f"{name}__isnull": False}) for name in TARGETS] + [Q(on_home=True)]
    return reduce(
        lambda a, b: a | b,
        (
            reduce(lambda x, y: x & y, [c if i == j else ~c for j, c in enumerate(placed)])
            for i, c in enumerate(placed)
        ),
    )


class PhotoQuerySet(PublishableQuerySet):
    # A photo is as public as the page it is on; one on the home page always is.
    published_flag = None
    published_with = TARGETS

    def for_home(self):
        return self.published().filter(on_home=True)


class Photo(TimeStampedModel):
    """A picture shown on a zone, an action, an emergency aid, an EU project, a piece of news or
    the home page, served in responsive sizes (``renditions.py``)."""

    image = MetadataFreeImageField(
        _("image"),
        upload_to=photo_path,
        validators=[validate_photo],
        help_text=_(
            "PNG, JPEG ou WebP. Les métadonnées (lieu de prise de vue, appareil…) sont "
            "retirées à l'enregistrement."
        ),
    )
    width = models.PositiveIntegerField(_("largeur en pixels"), editable=False, default=0)
    height = models.PositiveIntegerField(_("hauteur en pixels"), editable=False, default=0)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        blank=True,
        help_text=_(
            "Ce que montre l'image, pour qui ne la voit pas. Obligatoire, sauf pour une image "
            "décorative."
        ),
    )
    alt_text_en = models.CharField(_("texte alternatif en anglais"), max_length=250, blank=True)
    is_decorative = models.BooleanField(
        _("image décorative"),
        default=False,
        help_text=_(
            "Cochez si l'image n'apporte aucune information : elle sera ignorée par les "
            "lecteurs d'écran."
        ),
    )
    caption = models.CharField(_("légende"), max_length=300, blank=True)
    caption_en = models.CharField(_("légende en anglais"), max_length=300, blank=True)
    credit = models.CharField(
        _("crédit"), max_length=200, help_text=_("Auteur et licence : « © Jean Dupont, CD91 »")
    )
    focal_x = models.PositiveSmallIntegerField(
        _("point d'intérêt, horizontal (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("De 0 (bord gauche) à 100 (bord droit) : le recadrage le garde visible."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("point d'intérêt, vertical (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("De 0 (haut) à 100 (bas)."),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    on_home = models.BooleanField(_("en page d'accueil"), default=False)
    zone = models.ForeignKey(
        "cooperation.Zone",
        verbose_name=_("zone"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    action = models.ForeignKey(
        "cooperation.Action",
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    emergency_aid = models.ForeignKey(
        "cooperation.EmergencyAid",
        verbose_name=_("aide d'urgence"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    eu_project = models.ForeignKey(
        "europe.EUProject",
        verbose_name=_("projet européen"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    news_item = models.ForeignKey(
        "news.NewsItem",
        verbose_name=_("actualité"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_decorative=True) | ~Q(alt_text=""),
                name="photo_alt_text_or_decorative",
            ),
            models.CheckConstraint(condition=_one_placement(), name="photo_placed_once"),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True, focal_y__isnull=True)
                | Q(focal_x__lte=100, focal_y__lte=100),
                name="photo_focal_point_in_image",
            ),
            models.CheckConstraint(
                condition=Q(focal_x__isnull=True, focal_y__isnull=True)
                | Q(focal_x__isnull=False, focal_y__isnull=False),
                name="photo_focal_point_complete",
            ),
        ]

    def __str__(self):
        return self.alt_text or self.caption or _("Photo n° %(pk)s") % {"pk": self.pk}

    def clean(self):
        errors = {}
        if not self.is_decorative and not self.alt_text.strip():
            errors["alt_text"] = _(
                "Décrivez ce que montre l'image, ou cochez « image décorative »."
            )
        if (self.focal_x is None) != (self.focal_y is None):
            errors["focal_y" if self.focal_y is None else "focal_x"] = _(
                "Donnez les deux coordonnées du point d'intérêt, ou aucune."
            )
        placed = [name for name in TARGETS if getattr(self, f"{name}_id")]
        if len(placed) + self.on_home != 1:
            errors["on_home"] = _(
                "Choisissez une seule page pour la photo : une zone, une action, une aide "
                "d'urgence, un projet européen, une actualité, ou la page d'accueil."
            )
        if errors:
            raise ValidationError(errors)
        if self.image and not self.image._committed:
            self.measure()

    @property
    def placement(self):
        """The record the photo is on, or « page d'accueil »."""
        for name in TARGETS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return _("page d'accueil")

    def measure(self):
        """Sets ``width`` and ``height`` from the uploaded image, as it will be stored: turned
        upright when its EXIF orientation says so (``without_metadata`` does the same)."""
        self.image.seek(0)
        try:
            with Image.open(io.BytesIO(self.image.read())) as image:
                self.width, self.height = ImageOps.exif_transpose(image).size
        except (OSError, SyntaxError, ValueError):
            pass  # not an image: the field's validator says so beside the field
        self.image.seek(0)

    @property
    def version(self):
        """Changes with the image and the focal point: the renditions' addresses carry it, so
        they can be cached by browsers for a year."""
        key = f"{self.image.name}|{self.focal_x}|{self.focal_y}"
        return hashlib.sha256(key.encode()).hexdigest()[:12]

    def rendition_url(self, width, extension):
        # Language-neutral: the same file whatever the page's language.
        with translation.override("fr"):
            return reverse(
                "photos:rendition",
                kwargs={
                    "pk": self.pk,
                    "version": self.version,
                    "width": width,
                    "extension": extension,
                },
            )

    def widths(self):
        """The rendition widths, without those a small photo cannot fill."""
        box = crop_box(self.width or 1, self.height or 1)
        largest = box[2] - box[0]
        if largest >= WIDTHS[-1]:
            return list(WIDTHS)
        return [width for width in WIDTHS if width < largest] + [largest]

    def srcset(self, extension):
        return ", ".join(f"{self.rendition_url(w, extension)} {w}w" for w in self.widths())

    def fallback_width(self):
        return min(FALLBACK_WIDTH, self.widths()[-1])

    @property
    def fallback_height(self):
        return round(self.fallback_width() / ASPECT_RATIO)

    def fallback_url(self):
        return self.rendition_url(self.fallback_width(), "jpg")

    def fallback_srcset(self):
        return self.srcset("jpg")

    def sources(self):
        """``(MIME type, srcset)`` of each format, the preferred first."""
        return [(content_type, self.srcset(ext)) for ext, (_f, content_type) in FORMATS.items()]
