"""Calls for projects, the applications associations file to them, and their instruction.

A call (``Call``) is public content; an application (``Application``) and what hangs from it
(budget lines, attachments, status changes, scores) is personal data, seen by the « Appels à
projets » staff group only (``calls/migrations/0002_calls_group.py``).
"""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce, Length, Lower
from django.db.models.lookups import Exact, LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.choices import Domain
from cooperation.models import Zone
from core.files import DOCUMENT_KINDS, FileContentValidator
from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import PublishableQuerySet, TimeStampedModel
from cresi.models import Resource
from subsidies.models import Subsidy
from subsidies.validators import validate_rna, validate_siret

from .choices import ApplicationStatus, BudgetSide

ZERO_EUROS = Decimal("0.00")
CENT = Decimal("0.01")
MAX_SCORE = 10
ESSONNE_POSTCODE_PREFIX = "91"


# What a form must hold before it can be submitted (the SIRET or RNA number is checked apart).
REQUIRED_TO_SUBMIT = (
    "organisation",
    "address",
    "postcode",
    "city",
    "contact_name",
    "contact_phone",
    "title",
    "zone",
    "partner",
    "domain",
    "summary",
    "objectives",
    "expected_results",
    "indicators",
    "start_date",
    "end_date",
    "amount_requested",
)


def is_essonne_postcode(value):
    return len(value) == 5 and value.isdigit() and value.startswith(ESSONNE_POSTCODE_PREFIX)


def money_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


def max_attachment_size():
    """``CALLS_MAX_UPLOAD_SIZE``: the largest attachment an applicant may send, in bytes."""
    return getattr(settings, "CALLS_MAX_UPLOAD_SIZE", 5 * 1024 * 1024)


#: An attachment: a document (PDF, OpenDocument, Office, CSV, text) or image, checked by content.
validate_attachment = FileContentValidator(DOCUMENT_KINDS, max_size=max_attachment_size)


def retention_days():
    return getattr(settings, "PERSONAL_DATA_RETENTION_DAYS", 365)


class CallQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("title", "title_en", "purpose", "purpose_en")

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def past(self, now=None):
        return self.filter(closes_at__lte=now or timezone.now())

    def listing_order(self, now=None):
        """Open calls first, closing soonest first; then coming ones; then past ones, latest
        first."""
        now = now or timezone.now()
        return self.annotate(
            phase=models.Case(
                models.When(opens_at__lte=now, closes_at__gt=now, then=models.Value(0)),
                models.When(opens_at__gt=now, then=models.Value(1)),
                default=models.Value(2),
            )
        ).order_by(
            "phase",
            models.Case(models.When(closes_at__gt=now, then=F("closes_at"))).asc(),
            F("closes_at").desc(),
        )


class Call(TimeStampedModel):
    """A call for projects: who may apply, for what, how much, until when."""

    title = models.CharField(_("titre"), max_length=200)
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    slug = models.SlugField(_("identifiant dans l'adresse"), max_length=200, unique=True)
    purpose = models.TextField(_("objet de l'appel"))
    purpose_en = models.TextField(_("objet de l'appel en anglais"), blank=True)
    eligible_applicants = models.CharField(
        _("qui peut candidater"),
        max_length=300,
        help_text=_("Par exemple : associations et collectivités locales de l'Essonne."),
    )
    eligible_applicants_en = models.CharField(
        _("qui peut candidater, en anglais"), max_length=300, blank=True
    )
    zones = models.ManyToManyField(
        Zone, related_name="calls", blank=True, verbose_name=_("zones éligibles")
    )
    domains = models.JSONField(
        _("domaines éligibles"),
        default=list,
        blank=True,
        help_text=_("Codes des domaines de coopération ; vide : tous les domaines."),
    )
    envelope = money_field(_("enveloppe (€)"), validators=[MinValueValidator(CENT)])
    max_amount = money_field(
        _("montant maximal par projet (€)"), validators=[MinValueValidator(CENT)]
    )
    max_share = models.DecimalField(
        _("part maximale du budget du projet"),
        max_digits=3,
        decimal_places=2,
        validators=[MinValueValidator(CENT), MaxValueValidator(Decimal("1"))],
        help_text=_("De 0,01 à 1 : 0,5 pour la moitié du budget total du projet."),
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"), help_text=_("Heure de Paris."))
    committee_date = models.DateField(_("date du comité"), null=True, blank=True)
    rules = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("règlement (ressource du CRESI)"),
    )
    budget_template = models.ForeignKey(
        Resource,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("modèle de budget (ressource du CRESI)"),
    )
    is_published = models.BooleanField(_("publié"), default=False)
    search_vector = search_vector_field()

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at"]
        verbose_name = _("appel à projets")
        verbose_name_plural = _("appels à projets")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="call_closes_after_opening",
                violation_error_message=_("La clôture doit suivre l'ouverture."),
            ),
            models.CheckConstraint(
                condition=Q(max_share__gt=0) & Q(max_share__lte=1), name="call_max_share_range"
            ),
            models.CheckConstraint(
                condition=Q(envelope__gt=0)
                & Q(max_amount__gt=0)
                & Q(LessThanOrEqual(F("max_amount"), F("envelope"))),
                name="call_max_amount_within_envelope",
                violation_error_message=_(
                    "Le montant maximal par projet ne peut dépasser l'enveloppe."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:call-detail", kwargs={"slug": self.slug})

    def get_apply_url(self):
        return reverse("calls:apply", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        unknown = [code for code in self.domains or [] if code not in Domain.values]
        if not isinstance(self.domains, list) or unknown:
            raise ValidationError({"domains": _("Domaine inconnu : %s") % ", ".join(unknown)})

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at

    def is_upcoming(self, now=None):
        return (now or timezone.now()) < self.opens_at

    def days_left(self, now=None):
        """Whole days until closing (0 on the last day), ``None`` once closed."""
        now = now or timezone.now()
        if now >= self.closes_at:
            return None
        return (timezone.localdate(self.closes_at) - timezone.localdate(now)).days

    @property
    def domain_labels(self):
        return [Domain(code).label for code in self.domains or [] if code in Domain.values]

    @property
    def max_share_percent(self):
        """The maximum share as a whole percentage (two decimals of a share make no more)."""
        return int(self.max_share * 100)


class AttachmentKind(models.Model):
    """A document a call asks applicants for (statutes, budget, bank details…)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="attachment_kinds", verbose_name=_("appel")
    )
    label = models.CharField(_("pièce demandée"), max_length=200)
    label_en = models.CharField(_("pièce demandée, en anglais"), max_length=200, blank=True)
    required = models.BooleanField(_("obligatoire"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("pièce demandée")
        verbose_name_plural = _("pièces demandées")
        constraints = [
            models.UniqueConstraint(fields=["call", "label"], name="attachment_kind_unique_label")
        ]

    def __str__(self):
        return self.label


class Criterion(models.Model):
    """A criterion of a call's scoring grid, with its weight."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("appel")
    )
    label = models.CharField(_("critère"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("pondération"), default=1, validators=[MinValueValidator(1)]
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("critère de notation")
        verbose_name_plural = _("critères de notation")
        constraints = [
            models.UniqueConstraint(fields=["call", "label"], name="criterion_unique_label"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self):
        return f"{self.label} (×{self.weight})"


class ApplicationQuerySet(models.QuerySet):
    def for_call(self, call):
        return self.filter(call=call)

    def confirmed(self):
        return self.filter(email_confirmed_at__isnull=False)

    def submitted(self):
        return self.exclude(status=ApplicationStatus.DRAFT)

    def unconfirmed_past_their_link(self, now=None):
        return self.filter(
            email_confirmed_at__isnull=True, confirm_before__lte=now or timezone.now()
        )

    def expired(self, now=None, days=None):
        """Applications kept past the retention period: drafts after their call closed, the
        others after the end of their project (or the close of the call, refused ones)."""
        days = retention_days() if days is None else days
        limit = (now or timezone.now()) - timedelta(days=days)
        drafts_or_refused = Q(
            status__in=[
                ApplicationStatus.DRAFT,
                ApplicationStatus.NOT_ADMISSIBLE,
                ApplicationStatus.REFUSED,
            ],
            call__closes_at__lt=limit,
        )
        funded = Q(
            status__in=[ApplicationStatus.GRANTED, ApplicationStatus.SIGNED],
            end_date__lt=timezone.localdate(limit),
        )
        return self.filter(drafts_or_refused | funded)

    def with_totals(self):
        """Annotates ``expenses_total`` and ``resources_total`` of the budget table."""
        return self.annotate(
            expenses_total=Coalesce(
                Sum("budget_items__amount", filter=Q(budget_items__side=BudgetSide.EXPENSE)),
                ZERO_EUROS,
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            ),
            resources_total=Coalesce(
                Sum("budget_items__amount", filter=Q(budget_items__side=BudgetSide.RESOURCE)),
                ZERO_EUROS,
                output_field=models.DecimalField(max_digits=14, decimal_places=2),
            ),
        )

    def funded_projects(self):
        """The granted applications whose subsidy decision Finances published: the projects a
        call's page lists, with the decision's own figures."""
        return (
            self.filter(subsidy__isnull=False)
            .filter(subsidy__is_published=True)
            .select_related("subsidy__beneficiary", "subsidy__zone")
            .order_by("-subsidy__granted_amount", "subsidy__object")
        )

    def committee_totals(self):
        return self.aggregate(
            count=Count("pk"),
            requested=Coalesce(Sum("amount_requested"), ZERO_EUROS),
            proposed=Coalesce(Sum("proposed_amount"), ZERO_EUROS),
            granted=Coalesce(Sum("granted_amount"), ZERO_EUROS),
        )


class Application(TimeStampedModel):
    """An application to a call: personal data, seen by the staff who instruct it only."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("appel")
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=ApplicationStatus, default=ApplicationStatus.DRAFT
    )
    reference = models.CharField(
        _("numéro de dossier"), max_length=20, null=True, blank=True, unique=True, editable=False
    )
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True, editable=False)

    # The address, confirmed through the link of the first e-mail; the private link of the
    # application is sent to it once confirmed (calls/tokens.py).
    email = models.EmailField(_("adresse électronique"))
    consent_at = models.DateTimeField(_("consentement donné le"))
    language = models.CharField(_("langue des courriels"), max_length=8, default="fr")
    confirm_before = models.DateTimeField(_("à confirmer avant le"))
    email_confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    token_seed = models.CharField(_("graine des liens"), max_length=64, editable=False)
    confirm_token_hash = models.CharField(
        _("empreinte du lien de confirmation"), max_length=64, unique=True, editable=False
    )
    access_token_hash = models.CharField(
        _("empreinte du lien privé"), max_length=64, unique=True, editable=False
    )

    # The applicant.
    organisation = models.CharField(_("nom de la structure"), max_length=200, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, validators=[validate_rna])
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    contact_name = models.CharField(_("personne à contacter"), max_length=150, blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)

    # The project.
    title = models.CharField(_("titre du projet"), max_length=200, blank=True)
    zone = models.ForeignKey(
        Zone,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("zone"),
    )
    partner = models.CharField(_("partenaire sur place"), max_length=200, blank=True)
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain, blank=True)
    summary = models.TextField(_("résumé"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    expected_results = models.TextField(_("résultats attendus"), blank=True)
    indicators = models.TextField(_("indicateurs mesurables"), blank=True)
    start_date = models.DateField(_("début du projet"), null=True, blank=True)
    end_date = models.DateField(_("fin du projet"), null=True, blank=True)
    amount_requested = money_field(_("montant demandé (€)"), null=True, blank=True)

    # The instruction.
    not_admissible_reason = models.TextField(_("motif de non-recevabilité"), blank=True)
    committee_date = models.DateField(_("date du comité"), null=True, blank=True)
    proposed_amount = money_field(_("montant proposé (€)"), null=True, blank=True)
    granted_amount = money_field(_("montant accordé (€)"), null=True, blank=True)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    envelope_override_reason = models.TextField(
        _("motif du dépassement de l'enveloppe"), blank=True
    )
    subsidy = models.OneToOneField(
        Subsidy,
        on_delete=models.PROTECT,
        related_name="call_application",
        null=True,
        blank=True,
        verbose_name=_("décision de subvention"),
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["call", "reference", "pk"]
        verbose_name = _("dossier de candidature")
        verbose_name_plural = _("dossiers de candidature")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "call",
                name="application_unique_email_per_call",
                violation_error_message=_("Cette adresse a déjà un dossier pour cet appel."),
            ),
            models.CheckConstraint(
                condition=Q(postcode="")
                | (
                    Q(postcode__startswith=ESSONNE_POSTCODE_PREFIX)
                    & Q(Exact(Length("postcode"), 5))
                ),
                name="application_postcode_in_essonne",
                violation_error_message=_(
                    "Le code postal doit être celui d'une commune de l'Essonne (91…)."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.DRAFT)
                | (Q(reference__isnull=False) & Q(submitted_at__isnull=False)),
                name="application_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="application_project_dates_in_order",
                violation_error_message=_("Le projet finit avant de commencer."),
            ),
            models.CheckConstraint(
                condition=Q(amount_requested__isnull=True) | Q(amount_requested__gt=0),
                name="application_amount_requested_positive",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ApplicationStatus.GRANTED, ApplicationStatus.SIGNED])
                | (Q(subsidy__isnull=False) & Q(granted_amount__gt=0)),
                name="application_granted_has_subsidy",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | Q(LessThanOrEqual(F("granted_amount"), F("amount_requested"))),
                name="application_granted_within_requested",
                violation_error_message=_("Le montant accordé dépasse le montant demandé."),
            ),
        ]

    def __str__(self):
        # Nothing the applicant typed: the admin's history keeps this text after the purge.
        return _("Dossier %(reference)s – %(call)s") % {
            "reference": self.reference or _("n° %s (brouillon)") % self.pk,
            "call": self.call,
        }

    @property
    def is_locked(self):
        """Submitted: the applicant can no longer change it."""
        return self.status != ApplicationStatus.DRAFT

    def submission_errors(self):
        """Every reason the saved application cannot be submitted, as ``{field: [message]}``
        (``"budget"`` for the budget table, ``"piece_<id>"`` for a missing attachment).

        Checked at once by the submit service, under the application's lock: the form only
        shows them beside their fields."""
        from core.templatetags.formatting import euros

        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        required = _("Ce champ est obligatoire pour déposer le dossier.")
        for field in REQUIRED_TO_SUBMIT:
            if getattr(self, field) in (None, ""):
                add(field, required)
        if not (self.siret or self.rna):
            add("siret", _("Indiquez le SIRET ou le numéro RNA de la structure."))
        if self.postcode and not is_essonne_postcode(self.postcode):
            add("postcode", _("Le code postal doit être celui d'une commune de l'Essonne (91…)."))
        call = self.call
        if self.zone_id and call.zones.exists() and not call.zones.filter(pk=self.zone_id).exists():
            add("zone", _("Cette zone n'est pas éligible à cet appel."))
        if self.domain and call.domains and self.domain not in call.domains:
            add("domain", _("Ce domaine n'est pas éligible à cet appel."))
        if self.start_date and self.end_date and self.end_date < self.start_date:
            add("end_date", _("Le projet finit avant de commencer."))
        expenses, resources = self.budget_totals()
        if not expenses or not resources:
            add("budget", _("Le budget compte au moins une dépense et une ressource."))
        elif expenses != resources:
            add(
                "budget",
                _(
                    "Le budget n'est pas équilibré : %(expenses)s de dépenses, %(resources)s de "
                    "ressources."
                )
                % {"expenses": euros(expenses), "resources": euros(resources)},
            )
        if self.amount_requested:
            if self.amount_requested > call.max_amount:
                add(
                    "amount_requested",
                    _("Le montant demandé dépasse le maximum de l'appel (%(max)s).")
                    % {"max": euros(call.max_amount)},
                )
            if expenses and self.amount_requested > (expenses * call.max_share).quantize(CENT):
                add(
                    "amount_requested",
                    _("Le montant demandé dépasse %(share)s %% du budget du projet (%(max)s).")
                    % {
                        "share": call.max_share_percent,
                        "max": euros((expenses * call.max_share).quantize(CENT)),
                    },
                )
        sent = {attachment.kind_id for attachment in self.attachments.all()}
        for kind in call.attachment_kinds.all():
            if kind.required and kind.pk not in sent:
                add(f"piece_{kind.pk}", _("Cette pièce est obligatoire."))
        return errors

    def budget_totals(self):
        totals = {BudgetSide.EXPENSE: ZERO_EUROS, BudgetSide.RESOURCE: ZERO_EUROS}
        for item in self.budget_items.all():
            totals[item.side] += item.amount
        return totals[BudgetSide.EXPENSE], totals[BudgetSide.RESOURCE]

    def score_total(self):
        """The weighted score out of ``MAX_SCORE`` (``None`` until every criterion is scored)."""
        criteria = list(self.call.criteria.all())
        scores = {score.criterion_id: score.score for score in self.scores.all()}
        if not criteria or any(criterion.pk not in scores for criterion in criteria):
            return None
        weights = sum(criterion.weight for criterion in criteria)
        total = sum(Decimal(scores[c.pk]) * c.weight for c in criteria) / weights
        return total.quantize(Decimal("0.01"))


def attachment_path(instance, filename):
    """An unguessable name whose extension is that of the content found, never the upload's."""
    kind = validate_attachment.detected_kind(instance.file)
    return f"calls/pieces/{secrets.token_hex(16)}.{kind.extension}"


class BudgetItem(models.Model):
    """A line of an application's budget table: an expense or a resource."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="budget_items",
        verbose_name=_("dossier"),
    )
    side = models.CharField(_("nature"), max_length=10, choices=BudgetSide)
    label = models.CharField(_("poste"), max_length=200)
    amount = money_field(_("montant (€)"), validators=[MinValueValidator(CENT)])
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["application", "side", "position", "pk"]
        verbose_name = _("ligne du budget")
        verbose_name_plural = _("lignes du budget")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_item_amount_positive")
        ]

    def __str__(self):
        return f"{self.get_side_display()} : {self.label}"


class Attachment(models.Model):
    """A document an applicant sent, checked by content and stored under a private name."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("dossier")
    )
    kind = models.ForeignKey(
        AttachmentKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("pièce")
    )
    file = models.FileField(
        _("fichier"), upload_to=attachment_path, max_length=200, validators=[validate_attachment]
    )
    uploaded_at = models.DateTimeField(_("envoyé le"), default=timezone.now)

    class Meta:
        ordering = ["application", "kind__position", "kind"]
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="attachment_one_per_kind")
        ]

    def __str__(self):
        return str(self.kind)


class StatusChange(models.Model):
    """Who moved an application to which status, when, and why."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("dossier"),
    )
    from_status = models.CharField(_("ancien statut"), max_length=20, choices=ApplicationStatus)
    to_status = models.CharField(_("nouveau statut"), max_length=20, choices=ApplicationStatus)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("par"),
        help_text=_("Vide : le candidat lui-même."),
    )
    changed_at = models.DateTimeField(_("le"), default=timezone.now)
    note = models.TextField(_("précision"), blank=True)
    envelope_override = models.BooleanField(_("enveloppe dépassée"), default=False)

    class Meta:
        ordering = ["application", "changed_at", "pk"]
        verbose_name = _("changement de statut")
        verbose_name_plural = _("changements de statut")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")), name="status_change_changes"
            )
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Score(models.Model):
    """The score of one application against one criterion of its call's grid."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="scores", verbose_name=_("dossier")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("critère")
    )
    score = models.PositiveSmallIntegerField(
        _("note sur 10"), validators=[MaxValueValidator(MAX_SCORE)]
    )
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        ordering = ["application", "criterion__position", "criterion"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="score_one_per_criterion"
            ),
            models.CheckConstraint(condition=Q(score__lte=MAX_SCORE), name="score_at_most_max"),
        ]

    def __str__(self):
        return f"{self.criterion.label} : {self.score}/{MAX_SCORE}"

    def clean(self):
        super().clean()
        if (
            self.application_id
            and self.criterion_id
            and self.criterion.call_id != self.application.call_id
        ):
            raise ValidationError({"criterion": _("Ce critère est celui d'un autre appel.")})
