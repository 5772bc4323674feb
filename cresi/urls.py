from django.urls import path

from . import views

app_name = "cresi"

urlpatterns = [
    path("", views.CresiHomeView.as_view(), name="home"),
    path("ressources/", views.ResourceListView.as_view(), name="resource-list"),
    path("ressources/<slug:slug>/", views.ResourceDetailView.as_view(), name="resource-detail"),
    path(
        "ressources/<slug:slug>/telecharger/",
        views.ResourceDownloadView.as_view(),
        name="resource-download",
    ),
    path(
        "ressources/<slug:slug>/couverture/",
        views.ResourceCoverView.as_view(),
        name="resource-cover",
    ),
    path("documentation/", views.CatalogueRecordListView.as_view(), name="record-list"),
    path(
        "documentation/<slug:slug>/",
        views.CatalogueRecordDetailView.as_view(),
        name="record-detail",
    ),
    path("formations/", views.TrainingSessionListView.as_view(), name="session-list"),
    path(
        "formations/confirmation/<str:token>/",
        views.RegistrationConfirmView.as_view(),
        name="registration-confirm",
    ),
    path(
        "formations/annulation/<str:token>/",
        views.RegistrationCancelView.as_view(),
        name="registration-cancel",
    ),
    path(
        "formations/<slug:slug>/", views.TrainingSessionDetailView.as_view(), name="session-detail"
    ),
    path(
        "formations/<slug:slug>/inscription/",
        views.RegistrationView.as_view(),
        name="registration",
    ),
    path(
        "formations/<slug:slug>/inscription/merci/",
        views.RegistrationDoneView.as_view(),
        name="registration-done",
    ),
]
