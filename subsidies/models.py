from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, Max, Q, Sum, When
from django.db.models.functions import Coalesce, ExtractYear, Length, Substr
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperation.choices import Domain
from cooperation.models import Action, DevelopmentTags, TaggedQuerySetMixin, Zone
from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import PublishableQuerySet, TimeStampedModel
from core.validators import validate_no_spreadsheet_formula

from .choices import PARENT_LINE, BeneficiaryKind, Nature, PaymentConditions, ProgrammeLine
from .validators import validate_rna, validate_siret

ZERO_EUROS = Decimal("0.00")
CENT = Decimal("0.01")
MIN_SHARE = Decimal("0.01")
SHARE_PLACES = 4  # 0.3333 for a three-way split
# The SCDL caps ``objet`` and ``conditionsVersement`` at 256 characters; the portal holds every
# other free text it publishes to the same length.
MAX_TEXT_LENGTH = 256
MAX_OBJECT_LENGTH = MAX_TEXT_LENGTH
MAX_REFERENCE_LENGTH = MAX_TEXT_LENGTH
MAX_RAE_ID_LENGTH = 5  # the SCDL's maxLength

year_validators = [MinValueValidator(1950), MaxValueValidator(2100)]


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


# Sums of amounts granted: room for their parts (``SubsidyTotal.amount`` holds the same).
TOTAL_FIELD = models.DecimalField(max_digits=16, decimal_places=2)
# The largest sum of every decision's granted amount the kept totals can hold.
MAX_TOTAL = Decimal("99999999999999.99")

# What the Département grants the beneficiary of a decision, ``Subsidy.granted_amount``: the SCDL
# ``montant`` is the whole subsidy, shared between co-beneficiaries by ``pourcentageSubvention``;
# for a sole beneficiary (share 1) it is the amount itself. The parts of one decision are split
# to the cent so that they add back to its amount (see ``split_to_the_cent``); the database
# keeps the column (``subsidies/totals.py``), and totals add it, so a shared subsidy is counted
# once and the rows of a list add up to its total.
GRANTED = F("granted_amount")
GRANTED_AMOUNT = Coalesce(Sum(GRANTED), ZERO_EUROS, output_field=TOTAL_FIELD)


def split_to_the_cent(amount, shares):
    """What each part of one decision grants, in euros, in the order of ``shares``.

    Each part gets ``amount × share`` rounded down to the cent; the cents still missing to reach
    ``amount × sum of the shares`` (rounded half up: the whole ``amount`` when the shares add up
    to 1) go one each to the parts whose rounding dropped the most, the first part first on a
    tie. 100 000,01 € split 0.3333 / 0.3333 / 0.3334 gives 33 330,00 €, 33 330,00 € and
    33 340,01 €. A sole part gets ``amount × share`` rounded half up. The database computes the
    same, in integers, in ``subsidies/totals.py``.
    """
    cents = int(amount * 100)
    units = [int(share * 10**SHARE_PLACES) for share in shares]
    scale = 10**SHARE_PLACES
    products = [cents * unit for unit in units]
    granted = [product // scale for product in products]
    missing = (cents * sum(units) + scale // 2) // scale - sum(granted)
    by_remainder = sorted(range(len(shares)), key=lambda index: -(products[index] % scale))
    for index in by_remainder[:missing]:
        granted[index] += 1
    return [Decimal(value) / 100 for value in granted]


class BudgetLineQuerySet(PublishableQuerySet):
    """A line being entered stays a draft until published."""

    def for_year(self, year):
        return self.filter(year=year)

    def top_level(self):
        """Lines that are not a part of another line: their amounts add up."""
        return self.exclude(line__in=list(PARENT_LINE))

    def years(self):
        return list(self.order_by("year").values_list("year", flat=True).distinct())

    def latest_year(self):
        return self.aggregate(year=Max("year"))["year"]

    def total(self):
        return self.aggregate(total=Coalesce(Sum("amount"), ZERO_EUROS))["total"]


class BudgetLine(TimeStampedModel):
    """The amount the Département's assembly voted for one line of the programme in one year."""

    year = models.PositiveSmallIntegerField(_("année"), validators=year_validators)
    line = models.CharField(_("ligne du programme"), max_length=20, choices=ProgrammeLine)
    amount = money_field(_("montant voté (€)"), validators=[MinValueValidator(ZERO_EUROS)])
    note = models.CharField(_("précision"), max_length=300, blank=True)
    is_published = models.BooleanField(
        _("publiée"),
        default=False,
        help_text=_(
            "Une ligne non publiée n'apparaît nulle part sur le site public, ni son année "
            "dans les chiffres clés."
        ),
    )

    history = HistoricalRecords()
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "line"]
        verbose_name = _("ligne budgétaire")
        verbose_name_plural = _("lignes budgétaires")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "line"],
                name="budget_line_unique_per_year",
                violation_error_message=_("Cette ligne a déjà un montant voté pour cette année."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="budget_line_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1950) & Q(year__lte=2100), name="budget_line_year_in_range"
            ),
        ]

    def __str__(self):
        return f"{self.get_line_display()} {self.year}"

    @property
    def parent_line(self):
        return PARENT_LINE.get(self.line)

    def clean(self):
        """A sub-line may not exceed the line it is part of, for the same year."""
        super().clean()
        if self.year is None or self.amount is None:
            return
        same_year = BudgetLine.objects.for_year(self.year).exclude(pk=self.pk)
        parent = self.parent_line
        if parent:
            parent_line = same_year.filter(line=parent).first()
            if parent_line and self.amount > parent_line.amount:
                raise ValidationError(
                    {
                        "amount": _(
                            "Ce montant dépasse celui de la ligne « %(parent)s » "
                            "dont il fait partie."
                        )
                        % {"parent": parent_line.get_line_display()}
                    }
                )
        parts = [line for line, parent in PARENT_LINE.items() if parent == self.line]
        for child in same_year.filter(line__in=parts):
            if child.amount > self.amount:
                raise ValidationError(
                    {
                        "amount": _(
                            "Ce montant est inférieur à celui de la ligne « %(child)s » "
                            "qui en fait partie."
                        )
                        % {"child": child.get_line_display()}
                    }
                )


class BeneficiaryQuerySet(SearchableQuerySet):
    search_fields = ("name",)


class Beneficiary(TimeStampedModel):
    """An organisation that receives subsidies, known by its SIRET and/or RNA number."""

    name = models.CharField(
        _("nom ou raison sociale"), max_length=200, validators=[validate_no_spreadsheet_formula]
    )
    siret = models.CharField(
        _("SIRET"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_(
            "14 chiffres sans espace : l'établissement actuel. Chaque décision garde le SIRET "
            "avec lequel elle a été publiée."
        ),
    )
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text=_("W suivi de 9 chiffres, pour une association."),
    )
    kind = models.CharField(
        _("nature"), max_length=20, choices=BeneficiaryKind, default=BeneficiaryKind.ASSOCIATION
    )
    search_vector = search_vector_field()

    history = HistoricalRecords(excluded_fields=["search_vector"])
    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("bénéficiaire")
        verbose_name_plural = _("bénéficiaires")
        constraints = [
            models.CheckConstraint(
                condition=~Q(siret="") | ~Q(rna=""),
                name="beneficiary_has_siret_or_rna",
                violation_error_message=_("Indiquez le SIRET ou le numéro RNA du bénéficiaire."),
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(Exact(Length("siret"), 14)),
                name="beneficiary_siret_has_14_characters",
            ),
            models.CheckConstraint(
                condition=Q(rna="") | (Q(Exact(Length("rna"), 10)) & Q(rna__startswith="W")),
                name="beneficiary_rna_shape",
            ),
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="beneficiary_unique_siret",
                violation_error_message=_("Un bénéficiaire porte déjà ce SIRET."),
            ),
            models.UniqueConstraint(
                fields=["rna"],
                condition=~Q(rna=""),
                name="beneficiary_unique_rna",
                violation_error_message=_("Un bénéficiaire porte déjà ce numéro RNA."),
            ),
        ]
        # An establishment that moved keeps its SIREN: the import finds its beneficiary by it.
        indexes = [models.Index(Substr("siret", 1, 9), name="beneficiary_siren_idx")]

    def __str__(self):
        return self.name

    @property
    def identifier(self):
        return self.siret or self.rna


class SubsidyAggregatesMixin:
    """The totals the decisions and the totals kept of them (``SubsidyTotal``) both give, in the
    same shape: each queryset says how its rows add up, in ``COUNT`` and ``AMOUNT``. What they
    select by is each one's own (a decision's year is its convention's; a total's, a column)."""

    COUNT = None
    AMOUNT = None

    def totals(self):
        """Number of decisions and the total granted (see ``GRANTED_AMOUNT``)."""
        return self.aggregate(count=self.COUNT, amount=self.AMOUNT)

    def _grouped(self, *fields, **expressions):
        return (
            self.order_by()
            .values(*fields, **expressions)
            .annotate(count=self.COUNT, amount=self.AMOUNT)
            .order_by("-amount", *fields, *expressions)
        )

    def by_zone(self):
        """Totals per zone, as the public sees zones: the decisions of no zone and those of a
        zone still in draft make one group, whose ``zone__slug``, ``zone__name`` and
        ``zone__name_en`` are None (a draft zone's decisions are public, its name is not)."""
        public = Q(zone__is_published=True)
        columns = {
            f"public_{name}": Case(When(public, then=F(f"zone__{name}")))
            for name in ("slug", "name", "name_en")
        }
        return [
            {
                **{key.replace("public_", "zone__"): value for key, value in row.items()},
            }
            for row in self._grouped(**columns)
        ]

    def by_domain(self):
        """Totals per domain (``domain`` is "" for decisions without a domain)."""
        return self._grouped("domain")


class SubsidyQuerySet(
    TaggedQuerySetMixin, SubsidyAggregatesMixin, PublishableQuerySet, SearchableQuerySet
):
    """``search()`` finds a decision by the words of its object and reference, or by its
    beneficiary's or zone's name (``core.fulltext``)."""

    search_fields = ("object", "reference")
    search_relations = ("beneficiary",)
    search_related_names = ("zone__name",)
    COUNT = Count("pk")
    AMOUNT = GRANTED_AMOUNT
    # The legal publication of a decision (décret 2017-779) is its own: a zone taken back to
    # draft hides its page, never its decisions from the list, the totals or the SCDL export.
    published_with = ()

    def for_year(self, year):
        """Decisions whose convention was signed during ``year``."""
        return self.filter(convention_date__year=year)

    def for_zone(self, zone):
        return self.filter(zone=zone)

    def in_domain(self, domain):
        return self.filter(domain=domain)

    def parts_of(self, *, reference, convention_date, object, amount):
        """The parts of one decision: its rows for each co-beneficiary (see ``GRANTED``)."""
        return self.filter(
            reference=reference, convention_date=convention_date, object=object, amount=amount
        )

    def by_sdg_goal(self):
        """Count and total granted per SDG goal (``sdg_goals``, by number), goal order; a
        decision of several goals counts under each, one of none under none."""
        return (
            self.filter(sdg_goals__isnull=False)
            .order_by()
            .values("sdg_goals")
            .annotate(count=Count("pk"), amount=GRANTED_AMOUNT)
            .order_by("sdg_goals")
        )

    def granted_total(self):
        """What every decision of the selection grants, published or not."""
        return self.aggregate(total=GRANTED_AMOUNT)["total"]

    def by_year(self):
        """Totals per year of the convention, oldest first."""
        return (
            self.order_by()
            .annotate(year=ExtractYear("convention_date"))
            .values("year")
            .annotate(count=self.COUNT, amount=self.AMOUNT)
            .order_by("year")
        )

    def latest_year(self):
        # Read backwards along the date index and stop at the first row, rather than MAX(),
        # which PostgreSQL computes over every row when the zone is joined.
        latest = self.order_by("-convention_date").values_list("convention_date", flat=True)
        latest = latest.first()
        return latest.year if latest else None


class Subsidy(DevelopmentTags, TimeStampedModel):
    """One subsidy decision for one beneficiary: a row of the national SCDL « subventions » 2.1.1.

    A row is identified by its reference, beneficiary, convention date and object: one decision
    may fund several objects of one beneficiary (one row each), and one decision shared between
    beneficiaries has a row, and a share, for each (its *parts*: same reference, date, object
    and amount). Everything the SCDL export writes of a row is read from the row itself, the
    beneficiary's name apart: the SIRET and RNA number it was published with stay as they were
    when the beneficiary's are corrected.
    """

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.PROTECT,
        related_name="subsidies",
        verbose_name=_("bénéficiaire"),
    )
    siret = models.CharField(
        _("SIRET publié"),
        max_length=14,
        blank=True,
        validators=[validate_siret],
        help_text=_(
            "Celui du bénéficiaire à la date de la décision. Laissez vide pour reprendre celui "
            "du bénéficiaire."
        ),
    )
    rna = models.CharField(
        _("numéro RNA publié"),
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text=_("Laissez vide pour reprendre celui du bénéficiaire."),
    )
    convention_date = models.DateField(_("date de la convention"))
    reference = models.CharField(
        _("référence de la décision"),
        max_length=MAX_REFERENCE_LENGTH,
        validators=[validate_no_spreadsheet_formula],
        help_text=_("Identifiant de l'acte d'attribution (délibération, arrêté…)."),
    )
    object = models.CharField(
        _("objet"), max_length=MAX_OBJECT_LENGTH, validators=[validate_no_spreadsheet_formula]
    )
    amount = money_field(
        _("montant total (€)"),
        validators=[MinValueValidator(CENT)],
        help_text=_("Montant total de la subvention, avant partage entre co-bénéficiaires."),
    )
    share = models.DecimalField(
        _("part du bénéficiaire"),
        max_digits=SHARE_PLACES + 1,
        decimal_places=SHARE_PLACES,
        default=Decimal("1"),
        validators=[MinValueValidator(MIN_SHARE), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "De 0,01 à 1, quatre décimales au plus : 1 pour un bénéficiaire unique, 0,45 pour "
            "45 %, 0,3333 pour un tiers."
        ),
    )
    granted_amount = models.DecimalField(
        _("montant accordé (€)"),
        max_digits=12,
        decimal_places=2,
        default=ZERO_EUROS,
        editable=False,
        help_text=_("Sa part du montant total, au centime, calculée par la base de données."),
    )
    nature = models.CharField(_("nature"), max_length=10, choices=Nature, default=Nature.CASH)
    payment_conditions = models.CharField(
        _("conditions de versement"),
        max_length=10,
        choices=PaymentConditions,
        default=PaymentConditions.SINGLE,
    )
    payment_conditions_text = models.CharField(
        _("autres modalités de versement"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
        validators=[validate_no_spreadsheet_formula],
        help_text=_(
            "Pour « Autres modalités » seulement : le texte publié, tel quel (vide : « autre »)."
        ),
    )
    payment_start = models.DateField(_("versement : date ou début de la période"))
    payment_end = models.DateField(
        _("versement : fin de la période"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour un versement à une date unique."),
    )
    eu_notification = models.BooleanField(
        _("aide d'État notifiée à la Commission européenne"), default=False
    )
    rae_id = models.CharField(
        _("identifiant RAE"),
        max_length=MAX_RAE_ID_LENGTH,
        blank=True,
        help_text=_("Répertoire des aides aux entreprises, s'il y a lieu."),
    )
    aid_scheme = models.CharField(
        _("dispositif d'aide"),
        max_length=MAX_TEXT_LENGTH,
        blank=True,
        validators=[validate_no_spreadsheet_formula],
        help_text=_(
            "Le dispositif au titre duquel la subvention est attribuée : son nom (un appel à "
            "projets) ou son identifiant au schéma national des dispositifs d'aide."
        ),
    )
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        related_name="subsidies",
        null=True,
        blank=True,
        verbose_name=_("zone partenaire"),
    )
    # PROTECT: deleting an action its decisions point to is refused, with the decisions listed,
    # rather than changing them behind Finances' back.
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        related_name="subsidies",
        null=True,
        blank=True,
        verbose_name=_("action de coopération"),
    )
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain, blank=True)
    is_published = models.BooleanField(_("publiée"), default=False)
    search_vector = search_vector_field()

    history = HistoricalRecords(excluded_fields=["search_vector", "granted_amount"])
    objects = SubsidyQuerySet.as_manager()

    class Meta:
        ordering = ["-convention_date", "-id"]
        verbose_name = _("subvention")
        verbose_name_plural = _("subventions")
        constraints = [
            # What identifies a row, and an import recognises it by (see subsidies.services).
            models.UniqueConstraint(
                fields=["reference", "beneficiary", "convention_date", "object"],
                name="subsidy_unique_row",
                violation_error_message=_(
                    "Une décision de même référence, de même date et de même objet existe déjà "
                    "pour ce bénéficiaire."
                ),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="subsidy_amount_positive"),
            models.CheckConstraint(
                condition=Q(share__gte=MIN_SHARE) & Q(share__lte=1),
                name="subsidy_share_in_range",
                violation_error_message=_("La part du bénéficiaire va de 0,01 à 1."),
            ),
            models.CheckConstraint(
                condition=Q(payment_end__isnull=True)
                | Q(GreaterThanOrEqual(F("payment_end"), F("payment_start"))),
                name="subsidy_payment_period_in_order",
                violation_error_message=_("La période de versement finit avant de commencer."),
            ),
            models.CheckConstraint(
                condition=~Q(reference="") & ~Q(object=""),
                name="subsidy_reference_and_object_given",
            ),
            models.CheckConstraint(
                condition=Q(LessThanOrEqual(Length("object"), MAX_OBJECT_LENGTH)),
                name="subsidy_object_length",
            ),
            models.CheckConstraint(
                condition=~Q(siret="") | ~Q(rna=""),
                name="subsidy_has_siret_or_rna",
                violation_error_message=_(
                    "Une décision publie le SIRET ou le numéro RNA de son bénéficiaire."
                ),
            ),
            models.CheckConstraint(
                condition=Q(payment_conditions=PaymentConditions.OTHER)
                | Q(payment_conditions_text=""),
                name="subsidy_payment_text_only_for_other",
                violation_error_message=_(
                    "Le texte des modalités de versement ne va qu'avec « Autres modalités »."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["convention_date", "id"], name="subsidy_date_idx"),
            models.Index(fields=["granted_amount", "id"], name="subsidy_granted_idx"),
            # The parts of a decision, found by the database's split and the import.
            models.Index(fields=["reference", "convention_date"], name="subsidy_decision_idx"),
            # The full SCDL export, in its order (``scdl.EXPORT_ORDER``): streamed from this
            # index, its first row comes at once instead of after a sort of every row.
            models.Index(
                fields=["-convention_date", "reference", "object", "siret", "rna", "amount", "id"],
                name="subsidy_export_idx",
                condition=Q(is_published=True),
            ),
        ]

    def __str__(self):
        return f"{self.reference} – {self.beneficiary} ({self.convention_date:%Y})"

    @classmethod
    def latest_imports(cls, limit=3):
        """The last imports, newest first: ``history_date`` and ``history_change_reason``
        (« Import SCDL fichier.csv ») they wrote their history with, and how many ``rows``.
        Only an import gives a reason (``services.subsidy_import_write``), one date to all."""
        return (
            cls.history.exclude(history_change_reason__isnull=True)
            .exclude(history_change_reason="")
            .values("history_date", "history_change_reason")
            .annotate(rows=Count("history_id"))
            .order_by("-history_date")[:limit]
        )

    def get_absolute_url(self):
        return reverse("subsidies:subsidy-list") + "?" + urlencode({"q": self.reference})

    @property
    def search_summary(self):
        """A search result's line: beneficiary, year and amount granted, so that decisions of
        the same object in different years tell apart."""
        from core.templatetags.formatting import euros

        return f"{self.beneficiary} · {self.convention_date.year} · {euros(self.granted_amount)}"

    @property
    def public_zone(self):
        """Its zone, if published: a zone in draft has no public page nor name."""
        return self.zone if self.zone_id and self.zone.is_published else None

    def parts(self):
        """The rows of this decision for each co-beneficiary, this one included once saved."""
        return Subsidy.objects.parts_of(
            reference=self.reference,
            convention_date=self.convention_date,
            object=self.object,
            amount=self.amount,
        )

    def clean(self):
        from core.templatetags.formatting import euros

        super().clean()
        errors = defaultdict(list)
        if self.action_id and self.zone_id and self.action.zone_id != self.zone_id:
            errors["action"].append(
                _("Cette action se déroule dans une autre zone que la subvention.")
            )
        if None in (self.amount, self.share, self.convention_date) or not (
            self.reference and self.object
        ):
            if errors:
                raise ValidationError(dict(errors))
            return
        others = self.parts().exclude(pk=self.pk).values_list("share", flat=True)
        shares = [*others, self.share]
        if sum(shares) > 1:
            errors["share"].append(
                _(
                    "Les parts des co-bénéficiaires de cette décision (même référence, date, objet "
                    "et montant) dépasseraient 1 : %(shares)s."
                )
                % {"shares": " + ".join(f"{share.normalize():f}" for share in shares)}
            )
        granted = split_to_the_cent(self.amount, shares)[-1]
        if self.action_id:
            linked = (
                Subsidy.objects.filter(action_id=self.action_id).exclude(pk=self.pk).granted_total()
            )
            if linked + granted > self.action.contribution:
                errors["action"].append(
                    _(
                        "Les décisions liées à cette action accorderaient %(linked)s, plus que la "
                        "contribution du Département qu'elle annonce (%(contribution)s) : "
                        "corrigez d'abord l'action."
                    )
                    % {
                        "linked": euros(linked + granted),
                        "contribution": euros(self.action.contribution),
                    }
                )
        total = Subsidy.objects.exclude(pk=self.pk).granted_total()
        if total + granted > MAX_TOTAL:
            errors["amount"].append(
                _("Ce montant dépasse ce que les totaux du portail peuvent tenir.")
            )
        if errors:
            raise ValidationError(dict(errors))


def contribution_covers_linked_decisions(action):
    """An action's « contribution du Département » is at least what the decisions linked to it
    grant (``Subsidy.clean`` checks the other side)."""
    from core.templatetags.formatting import euros

    if action.pk is None or action.contribution is None:
        return
    linked = Subsidy.objects.filter(action=action).granted_total()
    if linked > action.contribution:
        raise ValidationError(
            {
                "contribution": _(
                    "Les décisions de subvention liées à cette action accordent %(linked)s : "
                    "la contribution du Département ne peut être inférieure."
                )
                % {"linked": euros(linked)}
            }
        )


class SubsidyTotalQuerySet(SubsidyAggregatesMixin, PublishableQuerySet):
    """The totals of :class:`SubsidyQuerySet`, read from the kept totals: a few thousand rows at
    most instead of every decision, selected by year, zone and domain only."""

    COUNT = Coalesce(Sum("count"), 0)
    AMOUNT = Coalesce(Sum("amount"), ZERO_EUROS, output_field=TOTAL_FIELD)
    # The triggers add up published decisions only, whatever their zone (see SubsidyQuerySet).
    published_flag = None

    def for_year(self, year):
        """The totals of the decisions whose convention was signed during ``year``."""
        return self.filter(year=year)

    def for_zone(self, zone):
        return self.filter(zone=zone)

    def in_domain(self, domain):
        return self.filter(domain=domain)

    def for_criteria(self, *, year=None, zone=None, domain=""):
        """The totals of the decisions of ``year``, ``zone`` and ``domain``; a criterion not
        given (``None``, ``""``) selects nothing out."""
        totals = self
        if year is not None:
            totals = totals.for_year(year)
        if zone is not None:
            totals = totals.for_zone(zone)
        if domain:
            totals = totals.in_domain(domain)
        return totals

    def by_year(self):
        return self._grouped("year").order_by("year")


class SubsidyTotal(models.Model):
    """Count and amount granted of the published decisions of one year, zone and domain.

    Kept by the database itself: triggers on the subsidies table (``subsidies/totals.py``) add
    and take away each decision inserted, changed or deleted, in the same transaction, whatever
    wrote it (admin, import, ``QuerySet.update()``, SQL). Pages read these few rows instead of
    adding up every decision.
    """

    year = models.PositiveSmallIntegerField(_("année"))
    zone = models.ForeignKey(
        Zone,
        on_delete=models.DO_NOTHING,  # decisions PROTECT their zone, and their totals with it
        related_name="+",
        null=True,
        verbose_name=_("zone partenaire"),
    )
    zone_key = models.BigIntegerField()  # zone_id, or 0 for none: NULLs would not be unique
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain, blank=True)
    # Not "positive": PostgreSQL checks a row proposed by INSERT … ON CONFLICT before it finds
    # the conflict, and a decrease is proposed as a negative row (``totals.py``).
    count = models.IntegerField(_("nombre de décisions"))
    amount = models.DecimalField(_("montant attribué (€)"), max_digits=16, decimal_places=2)

    objects = SubsidyTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("total des subventions")
        verbose_name_plural = _("totaux des subventions")
        default_permissions = ()  # derived data: nobody edits it
        constraints = [
            models.UniqueConstraint(
                fields=["year", "zone_key", "domain"], name="subsidy_total_unique_group"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.zone_key} {self.domain}: {self.count}, {self.amount}"
