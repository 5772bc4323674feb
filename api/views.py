"""The read-only JSON API: each list filtered by the FilterSet of the page it mirrors.

Django REST framework with django-filter's backend, so that ``/api/actions/?zone=mali&annee=2010``
selects exactly what ``/cooperation/actions/?zone=mali&annee=2010`` shows, and a bad value
answers 400 with the error of each field. Anonymous, JSON only, throttled per client; answers
are kept by the page cache like the pages (``core/cache.py``) when their query is one the
filters validated.
"""

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from cooperation.filters import ActionFilter
from cooperation.models import Action, Partner, Zone
from core.cache import cached_until_content_changes
from cresi.filters import TrainingSessionFilter
from cresi.models import TrainingSession
from europe.filters import EUProjectFilter
from europe.models import EUProject
from results.models import ActionDocument, Result
from subsidies.filters import SubsidyFilter
from subsidies.models import Subsidy

from . import serializers
from .docs import describe
from .pagination import PagePagination
from .throttling import ClientRateThrottle

FREE_TEXT_PARAMETERS = frozenset({"q"})


class PublicApiMixin:
    """Anonymous, read-only, JSON, throttled; no session, so no cookie and no CSRF."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [ClientRateThrottle]


class PublicViewSet(PublicApiMixin, viewsets.ReadOnlyModelViewSet):
    filter_backends = [DjangoFilterBackend]
    filterset_class = None
    pagination_class = PagePagination
    lookup_field = "slug"

    def query_is_cacheable(self):
        """As ``core.mixins.CacheableQueryMixin``: only filters the FilterSet understood (it
        answered 400 otherwise) and page numbers that exist, never free text."""
        query = self.request.query_params
        understood = {"page"}
        if self.filterset_class is not None:
            understood |= set(self.filterset_class.base_filters)
        return set(query) <= understood and not any(
            query.get(name) for name in FREE_TEXT_PARAMETERS
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response.cacheable_query = response.status_code == 200 and self.query_is_cacheable()
        return response


@extend_schema_view(
    list=extend_schema(summary=_("Les zones partenaires"), tags=["zones"]),
    retrieve=extend_schema(summary=_("Une zone partenaire"), tags=["zones"]),
)
class ZoneViewSet(PublicViewSet):
    serializer_class = serializers.ZoneSerializer
    filter_backends = []

    def get_queryset(self):
        return Zone.objects.published().order_by("name", "pk")


@extend_schema_view(
    list=extend_schema(
        summary=_("Les actions de coopération"),
        description=_("Mêmes filtres que la page /cooperation/actions/."),
        tags=["actions"],
    ),
    retrieve=extend_schema(summary=_("Une action de coopération"), tags=["actions"]),
)
class ActionViewSet(PublicViewSet):
    serializer_class = serializers.ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        results = Result.objects.published().with_indicators().order_by("position", "pk")
        documents = (
            ActionDocument.objects.published()
            .select_related("resource")
            .order_by("kind", "-document_date", "pk")
        )
        return (
            Action.objects.published()
            .select_related("zone")
            .prefetch_related(
                Prefetch("partners", queryset=Partner.objects.order_by("name")),
                Prefetch("results", queryset=results, to_attr="published_results"),
                Prefetch("documents", queryset=documents, to_attr="published_documents"),
                "sdg_goals",
                "sdg_targets",
            )
            .order_by("-start_year", "title", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Les décisions de subvention"),
        description=_(
            "Mêmes filtres et mêmes tris que la page /subventions/ ; les données du format "
            "SCDL « subventions »."
        ),
        tags=["subventions"],
    ),
    retrieve=extend_schema(summary=_("Une décision de subvention"), tags=["subventions"]),
)
class SubsidyViewSet(PublicViewSet):
    serializer_class = serializers.SubsidySerializer
    filterset_class = SubsidyFilter
    lookup_field = "pk"

    def get_queryset(self):
        return (
            Subsidy.objects.published()
            .select_related("beneficiary", "zone", "action")
            .prefetch_related("sdg_goals", "sdg_targets")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Les projets européens"),
        description=_("Mêmes filtres que la page /europe/."),
        tags=["projets-europeens"],
    ),
    retrieve=extend_schema(summary=_("Un projet européen"), tags=["projets-europeens"]),
)
class EUProjectViewSet(PublicViewSet):
    serializer_class = serializers.EUProjectSerializer
    filterset_class = EUProjectFilter

    def get_queryset(self):
        return (
            EUProject.objects.published()
            .select_related("zone")
            .prefetch_related("themes", "partners")
            .order_by("name", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Les sessions de formation du CRESI"),
        description=_("Mêmes filtres que la page /cresi/formations/."),
        tags=["formations"],
    ),
    retrieve=extend_schema(summary=_("Une session de formation"), tags=["formations"]),
)
class TrainingSessionViewSet(PublicViewSet):
    serializer_class = serializers.TrainingSessionSerializer
    filterset_class = TrainingSessionFilter

    def get_queryset(self):
        return TrainingSession.objects.published().order_by("-start_date", "slug")


ENDPOINTS = (
    ("zones", "api:zone-list"),
    ("actions", "api:action-list"),
    ("subventions", "api:subsidy-list"),
    ("projets-europeens", "api:euproject-list"),
    ("formations", "api:trainingsession-list"),
)


class ApiRootView(PublicApiMixin, APIView):
    """The entry point: where each list and the documentation are."""

    @extend_schema(exclude=True)
    def get(self, request):
        links = {name: reverse(url_name, request=request) for name, url_name in ENDPOINTS}
        links["documentation"] = reverse("api:docs", request=request)
        links["openapi"] = reverse("api:schema", request=request)
        response = Response(links)
        response.cacheable_query = not request.query_params
        return response


def openapi_schema():
    """The OpenAPI 3 description of the API, in the language of the request (its paths under
    ``/en/`` in English). drf-spectacular reads the views, serializers and FilterSets."""
    return SchemaGenerator().get_schema(request=None, public=True)


class OpenApiView(PublicApiMixin, APIView):
    """The OpenAPI 3 description, as JSON."""

    @extend_schema(exclude=True)
    def get(self, request):
        schema = cached_until_content_changes("openapi", openapi_schema)
        response = Response(schema)
        response.cacheable_query = not request.query_params
        return response


class ApiDocsView(TemplateView):
    """The OpenAPI description, readable: each endpoint, its filters and the fields it answers."""

    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        schema = cached_until_content_changes("openapi", openapi_schema)
        return super().get_context_data(
            api=describe(schema), throttle_rate=settings.API_THROTTLE_RATE, **kwargs
        )
