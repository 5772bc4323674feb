from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("zones", views.ZoneViewSet, basename="zone")
router.register("actions", views.ActionViewSet, basename="action")
router.register("subventions", views.SubsidyViewSet, basename="subsidy")
router.register("projets-europeens", views.EUProjectViewSet, basename="euproject")
router.register("formations", views.TrainingSessionViewSet, basename="trainingsession")

urlpatterns = [
    path("", views.ApiRootView.as_view(), name="root"),
    path("docs/", views.ApiDocsView.as_view(), name="docs"),
    path("openapi.json", views.OpenApiView.as_view(), name="schema"),
    *router.urls,
]
