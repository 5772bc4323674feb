"""The network's directory: one record per actor, behind a subsidy beneficiary, a cooperation
partner, an EU project partner and a CRESI trainee.

The other apps' records are never changed: an actor finds its subsidy beneficiaries by SIREN
(the first 9 digits of a SIRET) or RNA number, and is tied to records that carry no identifier
(partners, EU project partners, beneficiaries known under another number) by explicit links
held here. A record is behind one actor at most (one-to-one links), so no figure counts twice.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length, Substr
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from cooperation.choices import Domain
from cooperation.models import Partner, Zone
from core.fulltext import SearchableQuerySet, search_vector_field
from core.models import PublishableQuerySet, TimeStampedModel
from core.validators import validate_no_spreadsheet_formula, validate_rna, validate_siret
from cresi.models import TrainingSession
from europe.models import ProjectPartner
from europe.validators import validate_phone
from subsidies.models import Beneficiary

from .choices import ActorKind, Goal, Location, RequestKind, RequestStatus

# Paths under /acteurs/ that an actor's slug must not shadow.
RESERVED_SLUGS = frozenset(
    {"beneficiaires", "partenaires", "partenaires-europeens", "demande", "export"}
)

siren_validator = RegexValidator(r"^\d{9}$", _("Un numéro SIREN compte 9 chiffres."))


def validate_actor_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("« %(slug)s » est réservé à une page du site ; choisissez un autre identifiant."),
            params={"slug": value},
        )


class ActorQuerySet(PublishableQuerySet, SearchableQuerySet):
    search_fields = ("name", "commune", "presentation", "presentation_en")

    def in_essonne(self):
        return self.filter(location=Location.ESSONNE)

    def abroad(self):
        return self.filter(location=Location.ABROAD)

    def behind_beneficiary(self, beneficiary):
        """The actor behind a subsidy beneficiary: the one linked to it explicitly, else the one
        of its SIREN, else the one of its RNA number."""
        link = ActorBeneficiary.objects.filter(beneficiary=beneficiary).values("actor")
        conditions = [Q(pk__in=link)]
        if beneficiary.siret:
            conditions.append(Q(siren=beneficiary.siret[:9]))
        if beneficiary.rna:
            conditions.append(Q(rna=beneficiary.rna))
        for condition in conditions:
            actor = self.filter(condition).first()
            if actor is not None:
                return actor
        return None


class Actor(TimeStampedModel):
    """An actor of the network: an Essonne association, local authority, school or company, or a
    partner structure abroad."""

    name = models.CharField(_("nom"), max_length=200, validators=[validate_no_spreadsheet_formula])
    slug = models.SlugField(
        _("identifiant dans l'adresse"),
        max_length=200,
        unique=True,
        validators=[validate_actor_slug],
    )
    kind = models.CharField(_("type"), max_length=20, choices=ActorKind)
    location = models.CharField(
        _("implantation"), max_length=10, choices=Location, default=Location.ESSONNE
    )
    commune = models.CharField(
        _("commune"),
        max_length=100,
        blank=True,
        validators=[validate_no_spreadsheet_formula],
        help_text=_(
            "La commune de l'Essonne où la structure est établie (ou la ville à l'étranger)."
        ),
    )
    country = CountryField(_("pays"), blank=True, help_text=_("Pour une structure à l'étranger."))
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[siren_validator],
        help_text=_(
            "Les 9 premiers chiffres du SIRET (rempli d'après lui s'il est vide) : les "
            "subventions de tous les établissements de la structure lui sont rattachées."
        ),
    )
    rna = models.CharField(
        _("numéro RNA"),
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text=_("W suivi de 9 chiffres, pour une association."),
    )
    website = models.URLField(_("site web"), blank=True)
    presentation = models.TextField(_("présentation"), blank=True, max_length=3000)
    presentation_en = models.TextField(_("présentation en anglais"), blank=True, max_length=3000)
    zones = models.ManyToManyField(
        Zone, related_name="actors", blank=True, verbose_name=_("zones partenaires")
    )
    # Public contact details: shown only with the structure's consent, and kept empty without it
    # (a database constraint).
    contact_email = models.EmailField(_("adresse électronique publique"), blank=True)
    contact_phone = models.CharField(
        _("téléphone public"), max_length=25, blank=True, validators=[validate_phone]
    )
    contact_consent_at = models.DateTimeField(
        _("accord pour publier les coordonnées donné le"),
        null=True,
        blank=True,
        help_text=_("Sans cet accord, aucune coordonnée n'est enregistrée ni publiée."),
    )
    is_published = models.BooleanField(_("publié"), default=False)
    search_vector = search_vector_field()

    objects = ActorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        constraints = [
            models.UniqueConstraint(
                fields=["siren"],
                condition=~Q(siren=""),
                name="actor_unique_siren",
                violation_error_message=_("Un acteur porte déjà ce SIREN : fusionnez plutôt."),
            ),
            models.UniqueConstraint(
                fields=["rna"],
                condition=~Q(rna=""),
                name="actor_unique_rna",
                violation_error_message=_("Un acteur porte déjà ce numéro RNA : fusionnez plutôt."),
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(siren=Substr("siret", 1, 9)),
                name="actor_siren_of_siret",
                violation_error_message=_("Le SIREN est le début du SIRET."),
            ),
            models.CheckConstraint(
                condition=Q(siren="") | Q(Exact(Length("siren"), 9)),
                name="actor_siren_has_9_characters",
            ),
            models.CheckConstraint(
                condition=Q(contact_consent_at__isnull=False)
                | (Q(contact_email="") & Q(contact_phone="")),
                name="actor_contact_only_with_consent",
                violation_error_message=_(
                    "Les coordonnées ne s'enregistrent qu'avec l'accord de la structure."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)), name="actor_slug_not_reserved"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:actor-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.siret and not self.siren:
            self.siren = self.siret[:9]
        if self.siret and self.siren != self.siret[:9]:
            raise ValidationError({"siren": _("Le SIREN est le début du SIRET.")})
        if self.contact_consent_at is None and (self.contact_email or self.contact_phone):
            raise ValidationError(
                {
                    "contact_consent_at": _(
                        "Les coordonnées ne s'enregistrent qu'avec l'accord de la structure."
                    )
                }
            )

    @property
    def place(self):
        """Where it is based, as the directory shows it."""
        if self.location == Location.ABROAD:
            country = self.country.name if self.country else ""
            return ", ".join(part for part in (self.commune, str(country)) if part)
        return self.commune

    def contact_details(self):
        """Its public contact details: none without its consent."""
        if self.contact_consent_at is None:
            return {}
        return {
            name: value
            for name, value in (("email", self.contact_email), ("phone", self.contact_phone))
            if value
        }

    def beneficiaries(self):
        """The subsidy beneficiaries behind which this actor stands: linked explicitly, or of its
        SIREN or RNA number and linked to no other actor."""
        by_identifier = Q()
        if self.siren:
            by_identifier |= Q(siret__startswith=self.siren)
        if self.rna:
            by_identifier |= Q(rna=self.rna)
        condition = Q(actor_link__actor=self)
        if by_identifier:
            condition |= by_identifier & Q(actor_link__isnull=True)
        return Beneficiary.objects.filter(condition)


class ActorDomain(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("domaine"), max_length=20, choices=Domain)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("domaine d'action")
        verbose_name_plural = _("domaines d'action")
        constraints = [
            models.UniqueConstraint(fields=["actor", "domain"], name="actordomain_unique")
        ]

    def __str__(self):
        return self.get_domain_display()


class ActorGoal(models.Model):
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="goals")
    goal = models.PositiveSmallIntegerField(_("objectif de développement durable"), choices=Goal)

    class Meta:
        ordering = ["goal"]
        verbose_name = _("objectif de développement durable")
        verbose_name_plural = _("objectifs de développement durable")
        constraints = [
            models.UniqueConstraint(fields=["actor", "goal"], name="actorgoal_unique"),
            models.CheckConstraint(
                condition=Q(goal__gte=1) & Q(goal__lte=17), name="actorgoal_in_range"
            ),
        ]

    def __str__(self):
        return self.get_goal_display()


class ActorBeneficiary(models.Model):
    """A subsidy beneficiary this actor stands behind, whatever its identifiers (a beneficiary
    known under another SIREN, or one staff merged)."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="beneficiary_links")
    beneficiary = models.OneToOneField(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="actor_link",
        verbose_name=_("bénéficiaire de subventions"),
    )

    class Meta:
        verbose_name = _("lien vers un bénéficiaire")
        verbose_name_plural = _("liens vers des bénéficiaires")

    def __str__(self):
        return f"{self.actor} → {self.beneficiary}"


class ActorPartner(models.Model):
    """A partner of the cooperation actions that is this actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.OneToOneField(
        Partner,
        on_delete=models.CASCADE,
        related_name="actor_link",
        verbose_name=_("partenaire de la coopération"),
    )

    class Meta:
        verbose_name = _("lien vers un partenaire de la coopération")
        verbose_name_plural = _("liens vers des partenaires de la coopération")

    def __str__(self):
        return f"{self.actor} → {self.partner}"


class ActorProjectPartner(models.Model):
    """A partner of an EU project that is this actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="project_partner_links")
    project_partner = models.OneToOneField(
        ProjectPartner,
        on_delete=models.CASCADE,
        related_name="actor_link",
        verbose_name=_("partenaire d'un projet européen"),
    )

    class Meta:
        verbose_name = _("lien vers un partenaire de projet européen")
        verbose_name_plural = _("liens vers des partenaires de projets européens")

    def __str__(self):
        return f"{self.actor} → {self.project_partner}"


class ActorTraining(models.Model):
    """A CRESI training session the actor's people attended. Only the session is kept, never
    who came: the profile shows a number."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="trainings")
    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="actor_attendances",
        verbose_name=_("session de formation"),
    )

    class Meta:
        verbose_name = _("formation suivie")
        verbose_name_plural = _("formations suivies")
        constraints = [
            models.UniqueConstraint(fields=["actor", "session"], name="actortraining_unique")
        ]

    def __str__(self):
        return f"{self.actor} → {self.session}"


class ActorMerge(models.Model):
    """The log of a merge: which actor was folded into which, by whom, and what it brought."""

    kept = models.ForeignKey(
        Actor,
        on_delete=models.SET_NULL,
        null=True,
        related_name="merges",
        verbose_name=_("acteur conservé"),
    )
    merged_name = models.CharField(_("acteur fusionné"), max_length=200)
    merged_slug = models.SlugField(_("ancien identifiant dans l'adresse"), max_length=200)
    merged_siren = models.CharField(_("SIREN de l'acteur fusionné"), max_length=9, blank=True)
    merged_rna = models.CharField(_("RNA de l'acteur fusionné"), max_length=10, blank=True)
    moved_links = models.JSONField(_("liens repris"), default=dict)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("fusionné par"),
    )
    merged_at = models.DateTimeField(_("fusionné le"), auto_now_add=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("fusion d'acteurs")
        verbose_name_plural = _("fusions d'acteurs")
        indexes = [models.Index(fields=["merged_slug"])]

    def __str__(self):
        return _("%(merged)s fusionné dans %(kept)s") % {
            "merged": self.merged_name,
            "kept": self.kept or "?",
        }


class ActorRequestQuerySet(models.QuerySet):
    def from_email(self, email):
        return self.filter(email__iexact=email)

    def created_since(self, moment):
        return self.filter(created_at__gte=moment)

    def confirmed(self):
        """Requests whose address was confirmed: the only ones staff see."""
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed_past_their_link(self, now):
        return self.filter(confirmed_at__isnull=True, confirm_before__lte=now)

    def decided_before(self, moment):
        return self.exclude(status=RequestStatus.PENDING).filter(decided_at__lt=moment)


class ActorRequest(TimeStampedModel):
    """A structure asking to be listed in the directory, or to correct its entry.

    Personal data (who asked, their address): never public, seen by the « Éditeurs » only once
    the address is confirmed, and purged. Nothing of it is public before staff approve it.
    """

    request_kind = models.CharField(_("demande"), max_length=20, choices=RequestKind)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("fiche à corriger"),
    )
    name = models.CharField(
        _("nom de la structure"), max_length=200, validators=[validate_no_spreadsheet_formula]
    )
    kind = models.CharField(_("type de structure"), max_length=20, choices=ActorKind)
    commune = models.CharField(
        _("commune"), max_length=100, validators=[validate_no_spreadsheet_formula]
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True, validators=[validate_rna])
    site_url = models.URLField(_("site web"), blank=True)
    presentation = models.TextField(
        _("présentation"),
        max_length=3000,
        help_text=_("Ce que fait la structure, où, avec qui. 3 000 caractères au plus."),
    )
    zones = models.ManyToManyField(
        Zone, related_name="+", blank=True, verbose_name=_("zones partenaires")
    )
    public_email = models.EmailField(_("adresse électronique à publier"), blank=True)
    public_phone = models.CharField(
        _("téléphone à publier"), max_length=25, blank=True, validators=[validate_phone]
    )
    publish_contact = models.BooleanField(_("accord pour publier ces coordonnées"), default=False)
    contact_name = models.CharField(_("nom et prénom du demandeur"), max_length=150)
    email = models.EmailField(_("adresse électronique du demandeur"))
    message = models.TextField(_("message"), blank=True, max_length=2000)
    consented_at = models.DateTimeField(_("consentement donné le"))
    language = models.CharField(_("langue"), max_length=10, default="fr")
    confirm_before = models.DateTimeField(_("à confirmer avant le"))
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    token_seed = models.CharField(_("graine des liens"), max_length=64, editable=False)
    confirm_token_hash = models.CharField(
        _("empreinte du lien de confirmation"), max_length=64, unique=True, editable=False
    )
    status = models.CharField(
        _("état"), max_length=20, choices=RequestStatus, default=RequestStatus.PENDING
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True, editable=False)

    objects = ActorRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("inscription ou correction demandée")
        verbose_name_plural = _("inscriptions et corrections demandées")
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_contact=True) | (Q(public_email="") & Q(public_phone="")),
                name="actorrequest_contact_only_with_consent",
            ),
            models.CheckConstraint(
                condition=Q(request_kind=RequestKind.LISTING) | Q(actor__isnull=False),
                name="actorrequest_correction_names_its_actor",
            ),
        ]

    def __str__(self):
        # No personal data: the admin's log keeps this text after the purge.
        return _("Demande n° %(number)s – %(name)s") % {"number": self.pk, "name": self.name}
