from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import registry
from core.fulltext import SearchableQuerySet, search_vector_field
from core.i18n import translated_value
from core.models import PublishableQuerySet, TimeStampedModel, ViewCountedModel

from .choices import ActionStatus, Domain, PartnerKind, ZoneKind

ZERO_EUROS = Decimal("0.00")

# Paths under /cooperation/ that a zone slug must not shadow.
RESERVED_ZONE_SLUGS = frozenset({"actions", "urgences"})


def validate_zone_slug(value):
    if value in RESERVED_ZONE_SLUGS:
        raise ValidationError(
            _("« %(slug)s » est réservé à une page du site ; choisissez un autre identifiant."),
            params={"slug": value},
        )


country_code_validator = RegexValidator(
    r"^[A-Z]{2}$", _("Code pays ISO 3166-1 en deux lettres majuscules (ML, HT, CN…).")
)


def money_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(ZERO_EUROS)],
        **kwargs,
    )


def sum_or_zero(field):
    return Coalesce(Sum(field), ZERO_EUROS, output_field=models.DecimalField())


# --- International code lists: the Sustainable Development Goals and the OECD DAC CRS purposes.
# Loaded from the official IATI files vendored in cooperation/data/codelists/ by the
# ``refresh_codelists`` command; never typed by hand.


class CodeListQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class CodeList(models.Model):
    """One official code list as last loaded: where it comes from and which version it is."""

    name = models.CharField(_("nom"), max_length=60, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    source = models.URLField(_("source"), max_length=300)
    version = models.CharField(_("version"), max_length=200)
    item_count = models.PositiveIntegerField(_("nombre de codes"), default=0)
    refreshed_at = models.DateTimeField(_("chargée le"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("liste de codes")
        verbose_name_plural = _("listes de codes")

    def __str__(self):
        return f"{self.name} ({self.version})"


class SdgGoal(models.Model):
    """One of the 17 UN Sustainable Development Goals (objectifs de développement durable)."""

    number = models.PositiveSmallIntegerField(_("numéro"), primary_key=True)
    name = models.CharField(_("intitulé"), max_length=300)
    name_en = models.CharField(_("intitulé en anglais"), max_length=300)
    is_active = models.BooleanField(_("en vigueur"), default=True)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("objectif de développement durable")
        verbose_name_plural = _("objectifs de développement durable")

    def __str__(self):
        return translated_value(self, "name")

    @property
    def short_label(self):
        return _("ODD %(number)s") % {"number": self.number}


class SdgTarget(models.Model):
    """A target of a goal (« 6.1 », « 6.a »)."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    goal = models.ForeignKey(
        SdgGoal, on_delete=models.PROTECT, related_name="targets", verbose_name=_("objectif")
    )
    name = models.TextField(_("intitulé"))
    name_en = models.TextField(_("intitulé en anglais"))
    is_active = models.BooleanField(_("en vigueur"), default=True)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        ordering = ["goal", "code"]
        verbose_name = _("cible d'un objectif de développement durable")
        verbose_name_plural = _("cibles des objectifs de développement durable")

    def __str__(self):
        return f"{self.code} {translated_value(self, 'name')}"


class DacCategory(models.Model):
    """A DAC 3-digit sector (« 140 Eau et assainissement »)."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("intitulé"), max_length=300)
    name_en = models.CharField(_("intitulé en anglais"), max_length=300)
    is_active = models.BooleanField(_("en vigueur"), default=True)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("secteur CAD (3 chiffres)")
        verbose_name_plural = _("secteurs CAD (3 chiffres)")

    def __str__(self):
        return f"{self.code} {translated_value(self, 'name')}"


class DacPurpose(models.Model):
    """An OECD DAC CRS purpose code, 5 digits (« 14030 Eau potable et assainissement de base »)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    category = models.ForeignKey(
        DacCategory,
        on_delete=models.PROTECT,
        related_name="purposes",
        verbose_name=_("secteur"),
    )
    name = models.CharField(_("intitulé"), max_length=300)
    name_en = models.CharField(_("intitulé en anglais"), max_length=300)
    is_active = models.BooleanField(_("en vigueur"), default=True)

    objects = CodeListQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("code objet CAD (SNPC)")
        verbose_name_plural = _("codes objet CAD (SNPC)")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{5}$"), name="dac_purpose_code_five_digits"
            ),
        ]

    def __str__(self):
        return f"{self.code} {translated_value(self, 'name')}"


class DevelopmentTags(models.Model):
    """What the world tags aid with: goals, optional targets and a DAC purpose code.

    Abstract: actions, emergency aid and subsidy decisions (``subsidies``) carry it alike.
    """

    sdg_goals = models.ManyToManyField(
        SdgGoal,
        related_name="%(app_label)s_%(class)s_set",
        blank=True,
        verbose_name=_("objectifs de développement durable"),
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget,
        related_name="%(app_label)s_%(class)s_set",
        blank=True,
        verbose_name=_("cibles ODD"),
        help_text=_("Facultatif : chaque cible doit relever d'un des objectifs choisis."),
    )
    dac_purpose = models.ForeignKey(
        DacPurpose,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        null=True,
        blank=True,
        verbose_name=_("code objet CAD"),
        help_text=_("Code SNPC de l'OCDE à 5 chiffres (14030 : eau potable et assainissement)."),
    )

    class Meta:
        abstract = True


def check_sdg_targets(goals, targets):
    """Raises ``ValidationError`` on ``sdg_targets`` when a target is outside the goals."""
    goal_numbers = {goal.pk for goal in goals}
    stray = sorted((t for t in targets if t.goal_id not in goal_numbers), key=lambda t: t.pk)
    if stray:
        raise ValidationError(
            {
                "sdg_targets": _(
                    "Ces cibles ne relèvent d'aucun objectif choisi : %(codes)s. Ajoutez leur "
                    "objectif ou retirez-les."
                )
                % {"codes": ", ".join(t.code for t in stray)}
            }
        )


class TaggedQuerySetMixin:
    """Filters of records carrying ``DevelopmentTags``."""

    def sdg_goal_counts(self):
        """``{goal number: number of records}``; a record of several goals counts under each."""
        rows = (
            self.filter(sdg_goals__isnull=False)
            .order_by()
            .values_list("sdg_goals")
            .annotate(count=Count("pk"))
        )
        return dict(rows)

    def for_sdg_goal(self, goal):
        return self.filter(sdg_goals=goal)

    def for_dac_purpose(self, purpose):
        return self.filter(dac_purpose=purpose)


class ZoneQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("name", "name_en", "summary", "summary_en", "body")

    def with_action_counts(self):
        """Annotates each zone with the number of its published actions.

        A GROUP BY query leaves ``Meta.ordering`` out, so the order is given again.
        """
        return self.annotate(
            published_action_count=Count(
                "actions",
                filter=Q(actions__is_published=True),
                distinct=True,
            )
        ).order_by(*self.query.order_by or self.model._meta.ordering)


class Zone(ViewCountedModel, TimeStampedModel):
    """A partner territory of the Département: a country, region or city it works with."""

    name = models.CharField(_("nom"), max_length=120)
    name_en = models.CharField(_("nom en anglais"), max_length=120, blank=True)
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=120,
        unique=True,
        validators=[validate_zone_slug],
    )
    kind = models.CharField(_("nature du partenariat"), max_length=20, choices=ZoneKind)
    country_code = models.CharField(
        _("code pays"),
        max_length=2,
        validators=[country_code_validator],
        help_text=_("ISO 3166-1 alpha-2 ; EU pour l'Union européenne."),
    )
    since_year = models.PositiveSmallIntegerField(
        _("partenaire depuis"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    body = models.TextField(_("histoire et présentation"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_oda_eligible = models.BooleanField(
        _("éligible à l'aide publique au développement"),
        default=False,
        help_text=_(
            "Les dépenses dans cette zone comptent comme aide publique au développement (APD) : "
            "pays de la liste des bénéficiaires du CAD de l'OCDE (Mali, Haïti, Chine… oui ; "
            "Guyane, Europe non)."
        ),
    )
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = ZoneQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("zone partenaire")
        verbose_name_plural = _("zones partenaires")
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90) & Q(latitude__lte=90),
                name="zone_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180) & Q(longitude__lte=180),
                name="zone_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_ZONE_SLUGS)),
                name="zone_slug_not_reserved",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cooperation:zone-detail", kwargs={"slug": self.slug})


class Partner(TimeStampedModel):
    """An organisation the Département works with in a partner zone."""

    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="partners", verbose_name=_("zone")
    )
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=PartnerKind)
    website = models.URLField(_("site web"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["zone__name", "name"]
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        constraints = [
            models.UniqueConstraint(fields=["zone", "name"], name="partner_unique_name_per_zone"),
        ]

    def __str__(self):
        return f"{self.name} ({self.zone})"


class ActionQuerySet(TaggedQuerySetMixin, PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "summary", "summary_en", "body")
    published_with = ("zone",)  # an action in a zone still in draft is not shown

    def for_zone(self, zone):
        return self.filter(zone=zone)

    def in_year(self, year):
        """Actions running during ``year``: started by then and not ended before."""
        return self.filter(start_year__lte=year).filter(
            Q(end_year__isnull=True) | Q(end_year__gte=year)
        )

    def most_recent(self, count):
        """The ``count`` latest actions, in the order of the action list (last started first),
        limited by the database. Named so as not to hide ``QuerySet.latest()``."""
        return self.order_by(*self.model._meta.ordering, "pk")[:count]

    def totals(self):
        """Count, total budget and the Département's total contribution of the selection."""
        return self.aggregate(
            count=Count("pk"),
            budget=sum_or_zero("budget"),
            contribution=sum_or_zero("contribution"),
        )


class Action(DevelopmentTags, ViewCountedModel, TimeStampedModel):
    """A cooperation action led with partners in a zone."""

    zone = models.ForeignKey(
        Zone, on_delete=models.PROTECT, related_name="actions", verbose_name=_("zone")
    )
    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain)
    status = models.CharField(
        _("état"), max_length=20, choices=ActionStatus, default=ActionStatus.ONGOING
    )
    start_year = models.PositiveSmallIntegerField(
        _("année de début"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("année de fin"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        help_text=_("Laisser vide pour une action en cours sans échéance."),
    )
    budget = money_field(
        _("budget total (€)"), null=True, blank=True, help_text=_("Tous financeurs confondus.")
    )
    contribution = money_field(_("contribution du Département (€)"), default=ZERO_EUROS)
    partners = models.ManyToManyField(
        Partner, related_name="actions", blank=True, verbose_name=_("partenaires")
    )
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    body = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", "title"]
        verbose_name = _("action de coopération")
        verbose_name_plural = _("actions de coopération")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=models.F("start_year")),
                name="action_ends_after_start",
                violation_error_message=_("L'année de fin précède l'année de début."),
            ),
            models.CheckConstraint(
                condition=Q(contribution__gte=0), name="action_contribution_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="action_budget_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(contribution__lte=models.F("budget")),
                name="action_contribution_within_budget",
                violation_error_message=_(
                    "La contribution du Département dépasse le budget total."
                ),
            ),
        ]
        indexes = [models.Index(fields=["start_year", "end_year"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:action-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        this_year = timezone.localdate().year
        if self.end_year and self.end_year < this_year and self.status != ActionStatus.COMPLETED:
            raise ValidationError(
                {
                    "status": _(
                        "Cette action s'est achevée en %(year)s : son état est « terminée »."
                    )
                    % {"year": self.end_year}
                }
            )
        # Other apps' rules on an action (the subsidies linked to it: subsidies/apps.py).
        registry.run_record_checks(self)

    @property
    def period(self):
        if self.end_year is None:
            return _("depuis %(start)s") % {"start": self.start_year}
        if self.end_year == self.start_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class EmergencyAidQuerySet(TaggedQuerySetMixin, PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "place", "summary", "summary_en", "body")
    published_with = ("zone",)  # an aid may have no zone; one in a zone still in draft is hidden

    def for_zone(self, zone):
        return self.filter(zone=zone)

    def totals(self):
        return self.aggregate(count=Count("pk"), amount=sum_or_zero("amount"))

    def oda_eligible(self):
        """Aid that counts as development aid: its zone's rule, or its own without a zone."""
        return self.filter(
            Q(zone__isnull=False, zone__is_oda_eligible=True)
            | Q(zone__isnull=True, is_oda_eligible=True)
        )


class EmergencyAid(DevelopmentTags, TimeStampedModel):
    """Help sent after a human or climatic disaster (Haïti, the 2004 tsunami in Thailand)."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        related_name="emergency_aids",
        null=True,
        blank=True,
        verbose_name=_("zone partenaire"),
        help_text=_("Si l'aide concerne une zone partenaire."),
    )
    place = models.CharField(_("lieu"), max_length=200)
    country_code = models.CharField(
        _("code pays"), max_length=2, validators=[country_code_validator]
    )
    year = models.PositiveSmallIntegerField(
        _("année"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    amount = money_field(_("montant (€)"))
    is_oda_eligible = models.BooleanField(
        _("éligible à l'aide publique au développement"),
        default=True,
        help_text=_(
            "Pour une aide sans zone partenaire seulement (celle d'une zone suit la zone) : le "
            "pays figure sur la liste des bénéficiaires d'APD du CAD de l'OCDE."
        ),
    )
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    body = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    objects = EmergencyAidQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("aide d'urgence")
        verbose_name_plural = _("aides d'urgence")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="emergency_aid_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return reverse("cooperation:emergency-list") + f"#{self.slug}"

    @property
    def counts_as_oda(self):
        return self.zone.is_oda_eligible if self.zone_id else self.is_oda_eligible
