"""What the API shows of each record: public fields only, never a person's data.

Codes (domain, status, programme…) are given with their label in the language of the request
(``/api/`` in French, ``/en/api/`` in English); amounts are decimal strings in euros.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.models import Action, Partner, Zone
from core.links import absolute_url
from cresi.models import TrainingSession
from europe.models import EUProject, ProjectPartner
from results.models import ActionDocument, Indicator, IndicatorValue, Result
from subsidies.models import Subsidy


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The full address of the record's public page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return absolute_url(value.get_absolute_url())


class ZoneSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    url = PageUrlField(help_text=_("Adresse de la page de la zone."))

    class Meta:
        model = Zone
        fields = [
            "slug",
            "name",
            "name_en",
            "kind",
            "kind_label",
            "country_code",
            "since_year",
            "summary",
            "summary_en",
            "latitude",
            "longitude",
            "is_oda_eligible",
            "url",
        ]


class PartnerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partner
        fields = ["name", "kind", "website"]


class DevelopmentTagsMixin(serializers.Serializer):
    """The SDG goals (numbers), their targets (« 6.1 ») and the DAC purpose code (5 digits)."""

    sdg_goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    sdg_targets = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    dac_purpose = serializers.PrimaryKeyRelatedField(read_only=True)

    TAG_FIELDS = ["sdg_goals", "sdg_targets", "dac_purpose"]


class IndicatorValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = IndicatorValue
        fields = ["period_start", "period_end", "value", "comment"]


class IndicatorSerializer(serializers.ModelSerializer):
    values = IndicatorValueSerializer(many=True, read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "title",
            "title_en",
            "measure",
            "unit",
            "unit_en",
            "ascending",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
            "values",
        ]


class ResultSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Result
        fields = ["title", "title_en", "description", "indicators"]


class DocumentSerializer(serializers.ModelSerializer):
    url = PageUrlField(help_text=_("Adresse du fichier, ou de la ressource du CRESI."))

    class Meta:
        model = ActionDocument
        fields = ["kind", "title", "title_en", "document_date", "url"]


class ActionSerializer(DevelopmentTagsMixin, serializers.ModelSerializer):
    zone = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    domain_label = serializers.CharField(source="get_domain_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    partners = PartnerSerializer(many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True, source="published_results")
    documents = DocumentSerializer(many=True, read_only=True, source="published_documents")
    url = PageUrlField(help_text=_("Adresse de la page de l'action."))

    class Meta:
        model = Action
        fields = [
            "slug",
            "title",
            "title_en",
            "zone",
            "domain",
            "domain_label",
            "status",
            "status_label",
            "start_year",
            "end_year",
            "budget",
            "contribution",
            "partners",
            "summary",
            "summary_en",
            *DevelopmentTagsMixin.TAG_FIELDS,
            "results",
            "documents",
            "url",
        ]


class SubsidySerializer(DevelopmentTagsMixin, serializers.ModelSerializer):
    """A decision as the SCDL publishes it: the beneficiary is an organisation (SIRET or RNA)."""

    beneficiary = serializers.CharField(source="beneficiary.name", read_only=True)
    zone = serializers.SerializerMethodField()
    action = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    domain_label = serializers.CharField(source="get_domain_display", read_only=True)

    class Meta:
        model = Subsidy
        fields = [
            "id",
            "reference",
            "convention_date",
            "beneficiary",
            "siret",
            "rna",
            "object",
            "amount",
            "share",
            "granted_amount",
            "nature",
            "payment_conditions",
            "zone",
            "action",
            "domain",
            "domain_label",
            *DevelopmentTagsMixin.TAG_FIELDS,
        ]

    def get_zone(self, decision) -> str | None:
        """The zone's slug when the zone is published (a zone in draft has no public name)."""
        zone = decision.public_zone
        return zone.slug if zone else None


class ProjectPartnerSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code", read_only=True)

    class Meta:
        model = ProjectPartner
        fields = ["name", "country", "role"]


class EUProjectSerializer(serializers.ModelSerializer):
    programme_label = serializers.CharField(source="get_programme_display", read_only=True)
    fund_label = serializers.CharField(source="get_fund_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    themes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    zone = serializers.SerializerMethodField()
    partners = ProjectPartnerSerializer(many=True, read_only=True)
    url = PageUrlField(help_text=_("Adresse de la page du projet."))

    class Meta:
        model = EUProject
        fields = [
            "slug",
            "name",
            "name_en",
            "acronym",
            "programme",
            "programme_label",
            "fund",
            "fund_label",
            "status",
            "status_label",
            "start_date",
            "end_date",
            "total_budget",
            "eu_contribution",
            "department_share",
            "themes",
            "zone",
            "partners",
            "summary",
            "summary_en",
            "website",
            "url",
        ]

    def get_zone(self, project) -> str | None:
        zone = project.zone
        return zone.slug if zone is not None and zone.is_published else None


class TrainingSessionSerializer(serializers.ModelSerializer):
    """A session of the calendar: no registration, no registrant, only its public facts."""

    url = PageUrlField(help_text=_("Adresse de la page de la session."))

    class Meta:
        model = TrainingSession
        fields = [
            "slug",
            "title",
            "title_en",
            "start_date",
            "end_date",
            "duration_days",
            "place",
            "audience",
            "capacity",
            "registration_deadline",
            "url",
        ]
