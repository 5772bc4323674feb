import secrets
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest, Lower, Mod
from django.db.models.lookups import Exact
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from core.files import KIND_BY_EXTENSION
from core.files.fields import MetadataFreeImageField
from core.fulltext import SearchableQuerySet, search_vector_field
from core.humanize import date_range
from core.models import PublishableQuerySet, TimeStampedModel
from core.rendering import fast_reverse

from .choices import ConsultationMode, DocumentLanguage, RecordKind, ResourceType
from .validators import validate_cover_image, validate_resource_file

ZERO_DAYS = Decimal("0.0")
DEFAULT_RETENTION_DAYS = 365


def retention_days():
    return getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


def retention_period_label():
    """``PERSONAL_DATA_RETENTION_DAYS`` as people say it: « 12 mois », « 18 mois », « 90 jours »."""
    days = retention_days()
    months = days // 365 * 12 if days % 365 == 0 else days // 30 if days % 30 == 0 else None
    if months:
        return ngettext("%(count)s mois", "%(count)s mois", months) % {"count": months}
    return ngettext("%(count)s jour", "%(count)s jours", days) % {"count": days}


def _stored_name(folder, field_file, validator):
    """An unguessable name whose extension is the one of the content found, never the upload's."""
    kind = validator.detected_kind(field_file)
    return f"{folder}/{secrets.token_hex(16)}.{kind.extension}"


def resource_file_path(instance, filename):
    return _stored_name("cresi/ressources", instance.file, validate_resource_file)


def resource_cover_path(instance, filename):
    return _stored_name("cresi/couvertures", instance.cover, validate_cover_image)


class Theme(models.Model):
    """A theme shared by resources and catalogue records (water, education, funding…).

    A small model rather than fixed choices: the centre's staff add themes without a release.
    """

    name = models.CharField(_("nom"), max_length=100, unique=True)
    name_en = models.CharField(_("nom en anglais"), max_length=100, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name


class ResourceQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "summary", "summary_en", "partner_zone")

    def with_theme(self, theme):
        return self.filter(themes=theme)

    def download(self, slug):
        """What serving the download of ``slug`` needs, in plain values that a cache keeps
        whatever the code deployed: ``pk``, ``file`` (the stored name), ``filename``,
        ``content_type`` and ``external_url``; ``None`` if no published resource has it."""
        resource = self.filter(slug=slug).only("pk", "slug", "file", "external_url").first()
        if resource is None:
            return None
        kind = resource.file_kind
        return {
            "pk": resource.pk,
            "file": resource.file.name,
            "filename": resource.download_filename,
            "content_type": kind.content_type if kind else "application/octet-stream",
            "external_url": resource.external_url,
        }


class Resource(TimeStampedModel):
    """A tool associations download: a guide, a practical sheet, a document template…"""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    resource_type = models.CharField(_("type"), max_length=20, choices=ResourceType)
    themes = models.ManyToManyField(
        Theme, related_name="resources", blank=True, verbose_name=_("thèmes")
    )
    partner_zone = models.CharField(
        _("zone partenaire"),
        max_length=120,
        blank=True,
        help_text=_("Si la ressource concerne une zone partenaire (Mali, Haïti…)."),
    )
    language = models.CharField(
        _("langue"), max_length=3, choices=DocumentLanguage, default=DocumentLanguage.FRENCH
    )
    summary = models.TextField(_("résumé"))
    summary_en = models.TextField(_("résumé en anglais"), blank=True)
    publication_date = models.DateField(_("date de publication"))
    file = models.FileField(
        _("fichier"),
        upload_to=resource_file_path,
        max_length=200,
        blank=True,
        validators=[validate_resource_file],
        help_text=_(
            "PDF, OpenDocument, Word, Excel, PowerPoint, CSV, texte, image PNG, JPEG ou WebP, "
            "ou archive ZIP de ces formats. Le contenu est vérifié ; le nom ne compte pas."
        ),
    )
    external_url = models.URLField(
        _("lien externe"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("À la place d'un fichier, l'adresse d'une ressource publiée ailleurs."),
    )
    cover = MetadataFreeImageField(
        _("image de couverture"),
        upload_to=resource_cover_path,
        max_length=200,
        blank=True,
        validators=[validate_cover_image],
        help_text=_("Image PNG, JPEG ou WebP."),
    )
    download_count = models.PositiveBigIntegerField(_("téléchargements"), default=0, editable=False)
    counter_fields = ("download_count",)  # written by core.counters: not content
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-publication_date", "title"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(external_url="")) | (~Q(file="") & Q(external_url="")),
                name="resource_file_xor_external_url",
                violation_error_message=_(
                    "Une ressource a soit un fichier, soit un lien externe, et jamais les deux."
                ),
            ),
        ]
        indexes = [models.Index(fields=["is_published", "-publication_date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return fast_reverse("cresi:resource-detail", "slug", self.slug)

    def get_download_url(self):
        return fast_reverse("cresi:resource-download", "slug", self.slug)

    @property
    def file_kind(self):
        """The stored file's kind, known from the extension given when it was checked."""
        if not self.file:
            return None
        return KIND_BY_EXTENSION.get(PurePosixPath(self.file.name).suffix.lstrip(".").lower())

    @property
    def file_size(self):
        """Size in bytes of the stored file, or ``None`` if there is none (or it is missing)."""
        if not self.file:
            return None
        try:
            return self.file.size
        except OSError:
            return None

    @property
    def download_filename(self):
        """The name the visitor's browser saves: the resource's slug and its real extension."""
        kind = self.file_kind
        return f"{self.slug}.{kind.extension}" if kind else self.slug

    @property
    def cover_kind(self):
        if not self.cover:
            return None
        return KIND_BY_EXTENSION.get(PurePosixPath(self.cover.name).suffix.lstrip(".").lower())


class CatalogueRecordQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "authors", "publisher", "abstract", "places", "shelf_mark")

    def with_theme(self, theme):
        return self.filter(themes=theme)

    def in_year(self, year):
        return self.filter(year=year)


class CatalogueRecord(TimeStampedModel):
    """A document that can be consulted at the centre (the documentary base)."""

    title = models.CharField(_("titre"), max_length=300)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    authors = models.CharField(
        _("auteurs"), max_length=300, blank=True, help_text=_("Séparés par des virgules.")
    )
    publisher = models.CharField(_("éditeur"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("année"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    kind = models.CharField(_("nature"), max_length=20, choices=RecordKind)
    shelf_mark = models.CharField(
        _("cote"), max_length=50, unique=True, help_text=_("Où le trouver au centre.")
    )
    abstract = models.TextField(_("résumé"), blank=True)
    themes = models.ManyToManyField(
        Theme, related_name="catalogue_records", blank=True, verbose_name=_("thèmes")
    )
    places = models.CharField(
        _("lieux"),
        max_length=300,
        blank=True,
        help_text=_("Pays, régions ou villes traités, séparés par des virgules."),
    )
    consultation = models.CharField(
        _("consultation"),
        max_length=20,
        choices=ConsultationMode,
        default=ConsultationMode.ON_SITE,
    )
    consultation_notes = models.CharField(
        _("précisions sur la consultation"),
        max_length=300,
        blank=True,
        help_text=_("Horaires, conditions de prêt, sur rendez-vous…"),
    )
    url = models.URLField(
        _("lien"),
        max_length=500,
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Pour un document consultable en ligne."),
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = CatalogueRecordQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("notice documentaire")
        verbose_name_plural = _("notices documentaires")

    def __str__(self):
        return f"{self.title} ({self.shelf_mark})"

    def get_absolute_url(self):
        return fast_reverse("cresi:record-detail", "slug", self.slug)

    @property
    def place_list(self):
        return [place.strip() for place in self.places.split(",") if place.strip()]


class TrainingSessionQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "place", "audience", "body")

    def upcoming(self, today=None):
        """Sessions not yet started (those that start today included)."""
        return self.filter(start_date__gte=today or timezone.localdate())

    def past(self, today=None):
        return self.filter(start_date__lt=today or timezone.localdate())

    def in_year(self, year):
        return self.filter(start_date__year=year)

    def total_days(self):
        """The sum of the sessions' durations, in days (a ``Decimal``, 0 when there is none)."""
        return self.aggregate(
            days=Coalesce(Sum("duration_days"), ZERO_DAYS, output_field=models.DecimalField())
        )["days"]

    def with_places_left(self, now=None):
        """Annotates ``registration_count`` (the confirmed registrations, which alone hold a
        place), ``places_left`` (never below zero) and ``pending_count`` (the registrations
        whose address is not confirmed yet, and may still be)."""
        return self.annotate(
            registration_count=Count(
                "registrations", filter=Q(registrations__confirmed_at__isnull=False)
            ),
            pending_count=Count(
                "registrations",
                filter=Q(
                    registrations__confirmed_at__isnull=True,
                    registrations__confirm_before__gt=now or timezone.now(),
                ),
            ),
        ).annotate(places_left=Greatest(F("capacity") - F("registration_count"), Value(0)))

    def coming_with_places_left(self, today=None):
        """Published sessions not yet started whose registrations are open and that have places
        left, soonest first (``with_places_left`` annotations)."""
        today = today or timezone.localdate()
        return (
            self.published()
            .upcoming(today)
            .filter(registration_deadline__gte=today)
            .with_places_left()
            .filter(places_left__gt=0)
            .order_by("start_date", "title")
        )

    def calendar_order(self, today=None):
        """The coming sessions first, soonest first, then the past ones, latest first."""
        today = today or timezone.localdate()
        upcoming = Q(start_date__gte=today)
        return self.annotate(
            is_upcoming=Case(When(upcoming, then=Value(True)), default=Value(False)),
            is_open=Case(
                When(registration_deadline__gte=today, then=Value(True)), default=Value(False)
            ),
        ).order_by(
            F("is_upcoming").desc(),
            Case(When(upcoming, then=F("start_date"))).asc(),
            F("start_date").desc(),
            "title",
        )

    def last_full_year(self, today=None):
        """The latest year before the current one that has sessions, or ``None``."""
        current_year = (today or timezone.localdate()).year
        return (
            self.filter(start_date__year__lt=current_year)
            .aggregate(year=models.Max("start_date__year"))
            .get("year")
        )


class TrainingSession(TimeStampedModel):
    """A training day (or several) the centre offers to the actors of international solidarity."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    start_date = models.DateField(_("premier jour"))
    end_date = models.DateField(_("dernier jour"))
    duration_days = models.DecimalField(
        _("durée (jours)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("En jours ; les demi-journées comptent 0,5."),
    )
    place = models.CharField(_("lieu"), max_length=200)
    audience = models.CharField(_("public"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("nombre de places"), validators=[MinValueValidator(1)]
    )
    registration_deadline = models.DateField(
        _("inscriptions jusqu'au"), help_text=_("Inclus, jusqu'à minuit.")
    )
    body = models.TextField(_("programme"), blank=True)
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="training_session_ends_after_start",
                violation_error_message=_("Le dernier jour précède le premier."),
            ),
            models.CheckConstraint(
                condition=Q(duration_days__gt=0)
                & Exact(Mod(F("duration_days"), Value(Decimal("0.5"))), Value(Decimal("0"))),
                name="training_session_duration_half_days",
                violation_error_message=_(
                    "La durée se compte en jours ou demi-journées (0,5 ; 1 ; 1,5…)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="training_session_has_places"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("start_date")),
                name="training_session_deadline_before_start",
                violation_error_message=_(
                    "La date limite d'inscription doit précéder le premier jour."
                ),
            ),
        ]
        indexes = [models.Index(fields=["is_published", "start_date"])]

    def __str__(self):
        return f"{self.title} ({self.start_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return fast_reverse("cresi:session-detail", "slug", self.slug)

    def get_registration_url(self):
        return fast_reverse("cresi:registration", "slug", self.slug)

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.duration_days:
            calendar_days = (self.end_date - self.start_date).days + 1
            if self.duration_days > calendar_days:
                raise ValidationError(
                    {
                        "duration_days": _(
                            "La durée dépasse le nombre de jours entre le premier et le dernier."
                        )
                    }
                )

    def registration_is_open(self, today=None):
        return (today or timezone.localdate()) <= self.registration_deadline

    def registration_closes_at(self):
        """The end of the last day of registrations (midnight, Paris time)."""
        next_day = self.registration_deadline + timedelta(days=1)
        return timezone.make_aware(datetime.combine(next_day, time.min))

    @property
    def is_past(self):
        return self.start_date < timezone.localdate()

    @property
    def dates_label(self):
        """« le 1er février 2010 », « du 22 au 23 janvier 2027 » (``humanize.date_range``)."""
        return date_range(self.start_date, self.end_date)

    @property
    def duration_label(self):
        """« une demi-journée », « 1 jour », « 1,5 jour », « 2 jours »."""
        if self.duration_days == Decimal("0.5"):
            return _("une demi-journée")
        days = {"days": floatformat(self.duration_days, -1)}
        if self.duration_days == self.duration_days.to_integral_value():
            return ngettext("%(days)s jour", "%(days)s jours", int(self.duration_days)) % days
        # A fraction: « 1,5 jour » (French keeps the singular below 2), « 1.5 days » in English.
        if self.duration_days < 2:
            return pgettext("a fractional number of days, below 2", "%(days)s jour") % days
        return pgettext("a fractional number of days, 2 or more", "%(days)s jours") % days


class RegistrationQuerySet(models.QuerySet):
    def for_session(self, session):
        return self.filter(session=session)

    def confirmed(self):
        """Registrations whose address was confirmed: they alone hold a place."""
        return self.filter(confirmed_at__isnull=False)

    def pending(self, now=None):
        """Registrations whose address is not confirmed yet, and may still be."""
        return self.filter(confirmed_at__isnull=True, confirm_before__gt=now or timezone.now())

    def unconfirmed_past_their_link(self, now=None):
        """Registrations whose address was not confirmed in time: they are deleted."""
        return self.filter(confirmed_at__isnull=True, confirm_before__lte=now or timezone.now())

    def expired(self, now=None, days=None):
        """Registrations kept past the retention period after the end of their session."""
        days = retention_days() if days is None else days
        today = timezone.localdate(now or timezone.now())
        return self.filter(session__end_date__lt=today - timedelta(days=days))


class Registration(TimeStampedModel):
    """A person registered for a training session: personal data, shown to the CRESI staff only."""

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("session"),
    )
    name = models.CharField(_("nom et prénom"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    organisation = models.CharField(_("structure"), max_length=200)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    consent_at = models.DateTimeField(_("consentement donné le"))
    # The address is confirmed by following the link of the first e-mail, before
    # ``confirm_before``; until then the registration holds no place, staff do not see it, and
    # past that time it is deleted.
    confirm_before = models.DateTimeField(_("à confirmer avant le"))
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    # The links of its e-mails (cresi/tokens.py): their tokens are made from this seed and
    # SECRET_KEY; the database keeps only their digests.
    token_seed = models.CharField(_("graine des liens"), max_length=64, editable=False)
    confirm_token_hash = models.CharField(
        _("empreinte du lien de confirmation"), max_length=64, unique=True, editable=False
    )
    cancel_token_hash = models.CharField(
        _("empreinte du lien d'annulation"), max_length=64, unique=True, editable=False
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "session",
                name="registration_unique_email_per_session",
                violation_error_message=_("Cette adresse est déjà inscrite à cette session."),
            ),
        ]

    def __str__(self):
        # Neither name nor address: the admin's history keeps this text (``LogEntry.object_repr``)
        # as long as it keeps the entry, past the purge of the registration itself.
        return _("Inscription n° %(number)s – %(session)s") % {
            "number": self.pk,
            "session": self.session,
        }
