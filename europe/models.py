from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cooperation.models import ZERO_EUROS, Zone, money_field, sum_or_zero
from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import PublishableQuerySet, TimeStampedModel, ViewCountedModel
from core.rendering import fast_reverse
from core.staff_groups import EUROPE
from core.validators import validate_rna, validate_siret

from .choices import (
    OBTAINED_STATUSES,
    Fund,
    PartnerRole,
    Programme,
    ProjectProgress,
    ProjectStatus,
    RequestStatus,
    StructureKind,
)
from .validators import validate_phone

HUNDRED = Decimal(100)
HALF_CENT = Value(Decimal("0.005"))


class Theme(models.Model):
    """A theme EU projects are filed under (climate, culture, mobility…)."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    name_en = models.CharField(_("nom en anglais"), max_length=80, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")

    def __str__(self):
        return self.name


class EUProjectQuerySet(PublishableQuerySet, SearchableQuerySet):
    # Full-text on PostgreSQL (search_vector, kept by a trigger); these fields elsewhere.
    search_fields = ("name", "name_en", "acronym", "summary", "summary_en", "text")

    def with_theme(self, theme):
        return self.filter(themes=theme)

    def for_zone(self, zone):
        return self.filter(zone=zone)

    def obtained(self):
        """Projects whose EU funds are granted: running or closed (see ``OBTAINED_STATUSES``)."""
        return self.filter(status__in=OBTAINED_STATUSES)

    def presented(self):
        """Projects whose application was submitted to the EU: all but those in preparation."""
        return self.exclude(status=ProjectStatus.PREPARATION)

    def totals(self):
        """Count, budgets and EU funds of the selection, in one query.

        ``eu_obtained`` sums the EU contribution of running and closed projects only: the
        amounts of projects in preparation or submitted are asked for, not obtained.
        """
        # eu_obtained comes first: once aggregated, "eu_contribution" names the aggregate.
        return self.aggregate(
            eu_obtained=Coalesce(
                Sum("eu_contribution", filter=Q(status__in=OBTAINED_STATUSES)),
                ZERO_EUROS,
                output_field=models.DecimalField(),
            ),
            count=Count("pk"),
            total_budget=sum_or_zero("total_budget"),
            eu_contribution=sum_or_zero("eu_contribution"),
            department_share=sum_or_zero("department_share"),
        )


class EUProject(ViewCountedModel, TimeStampedModel):
    """A project of the Département co-financed (or to be co-financed) by the European Union."""

    name = models.CharField(_("nom"), max_length=200)
    name_en = models.CharField(_("nom en anglais"), max_length=200, blank=True)
    acronym = models.CharField(_("acronyme"), max_length=40, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    programme = models.CharField(_("programme européen"), max_length=30, choices=Programme)
    fund = models.CharField(_("fonds"), max_length=20, choices=Fund)
    status = models.CharField(
        _("état"), max_length=20, choices=ProjectStatus, default=ProjectStatus.PREPARATION
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    total_budget = money_field(_("budget total (€)"), help_text=_("Tous financeurs confondus."))
    eu_contribution = money_field(
        _("contribution de l'Union européenne (€)"),
        default=ZERO_EUROS,
        help_text=_("Demandée pour un projet en préparation ou déposé, obtenue ensuite."),
    )
    department_share = money_field(
        _("part du Département (€)"),
        default=ZERO_EUROS,
        help_text=_("Fonds propres du Département, hors fonds européens."),
    )
    themes = models.ManyToManyField(
        Theme, related_name="projects", blank=True, verbose_name=_("thèmes")
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eu_projects",
        verbose_name=_("zone partenaire"),
        help_text=_("Si le projet se déroule dans une zone partenaire."),
    )
    summary = models.CharField(_("résumé"), max_length=300)
    summary_en = models.CharField(_("résumé en anglais"), max_length=300, blank=True)
    text = models.TextField(_("présentation"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    is_published = models.BooleanField(_("publié"), default=False)
    search_vector = search_vector_field()

    objects = EUProjectQuerySet.as_manager()

    class Meta:
        # Latest first; undated projects (ideas in preparation) last on every database (PostgreSQL
        # puts NULLs first in a descending order, SQLite last).
        ordering = [F("start_date").desc(nulls_last=True), "name"]
        verbose_name = _("projet européen")
        verbose_name_plural = _("projets européens")
        constraints = [
            models.CheckConstraint(
                condition=Q(total_budget__gte=0), name="euproject_total_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__gte=0), name="euproject_eu_contribution_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(department_share__gte=0),
                name="euproject_department_share_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(eu_contribution__lte=F("total_budget")),
                name="euproject_eu_contribution_within_budget",
                violation_error_message=_(
                    "La contribution de l'Union européenne dépasse le budget total."
                ),
            ),
            # The Département's share is its own money, never the EU's: both are parts of the
            # total budget, so together they cannot exceed it. Half a cent of slack: SQLite adds
            # decimals as floats (50.10 + 50.20 > 100.30 there); amounts are whole cents, so on
            # PostgreSQL's exact numerics the slack lets no real overrun through.
            models.CheckConstraint(
                condition=Q(
                    eu_contribution__lte=F("total_budget") - F("department_share") + HALF_CENT
                ),
                name="euproject_funding_within_budget",
                violation_error_message=_(
                    "La contribution européenne et la part du Département dépassent ensemble "
                    "le budget total."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="euproject_ends_after_start",
                violation_error_message=_("La date de fin précède la date de début."),
            ),
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return fast_reverse("europe:project-detail", "slug", self.slug)

    def _share(self, amount):
        if not self.total_budget:
            return None
        return (amount * HUNDRED / self.total_budget).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def co_financing_rate(self):
        """The EU's part of the total budget, in percent (one decimal), derived, never typed."""
        return self._share(self.eu_contribution)

    @property
    def other_funding(self):
        """What the other partners and funders bring: the rest of the total budget."""
        return self.total_budget - self.eu_contribution - self.department_share

    @property
    def is_obtained(self):
        return self.status in OBTAINED_STATUSES

    @cached_property
    def budget_split(self):
        """The parts of the total budget, for the bar and its table.

        Each part has its label, amount, percent of the total (``rate``) and where it starts on
        a 0–100 bar (``offset``, the sum of the rates before it). The EU's part says when it is
        only requested (project in preparation or submitted).
        """
        eu_label = (
            _("Union européenne")
            if self.is_obtained
            else _("Union européenne (contribution demandée)")
        )
        parts = [
            ("eu", eu_label, self.eu_contribution),
            ("department", _("Département de l'Essonne"), self.department_share),
            ("other", _("Autres partenaires et financeurs"), self.other_funding),
        ]
        split, offset = [], Decimal(0)
        for key, label, amount in parts:
            rate = self._share(amount)
            split.append(
                {"key": key, "label": label, "amount": amount, "rate": rate, "offset": offset}
            )
            offset += rate or 0
        return split

    @property
    def lead_partner(self):
        """The partner leading the project (works on prefetched partners without a query)."""
        return next((p for p in self.partners.all() if p.role == PartnerRole.LEAD), None)

    @property
    def period(self):
        start, end = self.start_date, self.end_date
        if start and end:
            return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)
        if start:
            return _("depuis %(start)s") % {"start": start.year}
        return ""


class ProjectPartner(models.Model):
    """A partner of an EU project, from any country; one of them may lead it."""

    project = models.ForeignKey(
        EUProject, on_delete=models.CASCADE, related_name="partners", verbose_name=_("projet")
    )
    name = models.CharField(_("nom"), max_length=200)
    country = CountryField(_("pays"))
    role = models.CharField(
        _("rôle"), max_length=20, choices=PartnerRole, default=PartnerRole.PARTNER
    )

    class Meta:
        # The lead partner first, then the others by name.
        ordering = [Case(When(role=PartnerRole.LEAD, then=Value(0)), default=Value(1)), "name"]
        verbose_name = _("partenaire du projet")
        verbose_name_plural = _("partenaires du projet")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "name"], name="projectpartner_unique_name_per_project"
            ),
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(role=PartnerRole.LEAD),
                name="projectpartner_single_lead",
                violation_error_message=_("Un projet n'a qu'un chef de file."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.country.code})"


def assignable_staff():
    """The users who may follow a support request: those who can see it in the admin.

    Active staff who are superusers or in the « Europe » group (no other group sees requests).
    """
    return Q(is_active=True, is_staff=True) & (Q(is_superuser=True) | Q(groups__name=EUROPE))


NOT_ASSIGNABLE = _(
    "Une demande ne peut être suivie que par un membre actif du groupe « Europe » ou un "
    "superutilisateur."
)


class SupportRequestQuerySet(models.QuerySet):
    def from_email(self, email):
        """Requests sent from this address, whatever its case."""
        return self.filter(email__iexact=email)

    def created_since(self, moment):
        return self.filter(created_at__gte=moment)

    def closed_before(self, moment):
        return self.filter(status=RequestStatus.CLOSED, closed_at__lt=moment)

    def due_for_purge(self, *, now, retention_days):
        """Closed requests whose retention period after closing is over."""
        return self.closed_before(now - timedelta(days=retention_days))

    def confirmed(self):
        """Requests whose address was confirmed: the only ones staff see."""
        return self.filter(confirmed_at__isnull=False)

    def waiting_counts(self):
        """``{status: count}`` of the confirmed requests still new or being examined."""
        waiting = (RequestStatus.NEW, RequestStatus.IN_PROGRESS)
        counts = dict(
            self.confirmed()
            .filter(status__in=waiting)
            .values_list("status")
            .annotate(count=Count("pk"))
            .order_by()
        )
        return {status: counts.get(status, 0) for status in waiting}

    def unconfirmed_past_their_link(self, now=None):
        """Requests whose address was not confirmed in time: they are deleted."""
        return self.filter(confirmed_at__isnull=True, confirm_before__lte=now or timezone.now())


class SupportRequest(TimeStampedModel):
    """An association or local authority of Essonne asking the mission Europe for help.

    Personal data: never shown on a public page, visible in the admin to the « Europe » group
    only once its address is confirmed, deleted by ``purge_personal_data`` once the retention
    period after closing is over (or, unconfirmed, once its link has expired).
    """

    structure_name = models.CharField(_("nom de la structure"), max_length=200)
    structure_kind = models.CharField(_("type de structure"), max_length=20, choices=StructureKind)
    siret = models.CharField(
        _("numéro SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_("14 chiffres, facultatif."),
    )
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text=_("Pour une association : W suivi de 9 chiffres, facultatif."),
    )
    contact_name = models.CharField(_("nom et prénom du contact"), max_length=150)
    email = models.EmailField(_("adresse électronique"))
    phone = models.CharField(_("téléphone"), max_length=25, blank=True, validators=[validate_phone])
    project_idea = models.TextField(
        _("votre idée de projet"),
        max_length=5000,
        validators=[MaxLengthValidator(5000)],
        help_text=_("Ce que vous voulez faire, avec qui, pour qui. 5 000 caractères au plus."),
    )
    programme = models.CharField(
        _("programme européen envisagé"),
        max_length=30,
        choices=Programme,
        blank=True,
        help_text=_("Laissez vide si vous ne savez pas encore : c'est aussi notre rôle."),
    )
    progress = models.CharField(_("où en est le projet"), max_length=20, choices=ProjectProgress)
    consented_at = models.DateTimeField(_("consentement donné le"))
    language = models.CharField(_("langue"), max_length=10, default="fr")
    # The address is confirmed by following the link of the first e-mail, before
    # ``confirm_before``; until then the mission Europe neither sees the request nor hears of
    # it, and past that time it is deleted.
    confirm_before = models.DateTimeField(_("à confirmer avant le"))
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    # The link's token is made from this seed and SECRET_KEY (europe/tokens.py); the database
    # keeps only its digest.
    token_seed = models.CharField(_("graine des liens"), max_length=64, editable=False)
    confirm_token_hash = models.CharField(
        _("empreinte du lien de confirmation"), max_length=64, unique=True, editable=False
    )

    status = models.CharField(
        _("état"), max_length=20, choices=RequestStatus, default=RequestStatus.NEW
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="europe_support_requests",
        # Checked by the admin's choices and by full_clean() (ForeignKey.validate).
        limit_choices_to=assignable_staff,
        verbose_name=_("suivie par"),
        error_messages={"invalid": NOT_ASSIGNABLE},
    )
    internal_notes = models.TextField(
        _("notes internes"), blank=True, help_text=_("Visibles de l'équipe seulement.")
    )
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True, editable=False)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("demande d'accompagnement")
        verbose_name_plural = _("demandes d'accompagnement")
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.CLOSED) & Q(closed_at__isnull=False))
                | (~Q(status=RequestStatus.CLOSED) & Q(closed_at__isnull=True)),
                name="supportrequest_closed_at_iff_closed",
            ),
        ]
        indexes = [models.Index(fields=["status", "closed_at"])]

    def __str__(self):
        if self.created_at is None:
            return self.structure_name
        return f"{self.structure_name} ({timezone.localdate(self.created_at):%d/%m/%Y})"
