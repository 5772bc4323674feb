from django.urls import path

from . import views

app_name = "actors"

urlpatterns = [
    path("", views.ActorListView.as_view(), name="actor-list"),
    path("export.csv", views.ActorCsvExportView.as_view(), name="export-csv"),
    path("demande/", views.ActorRequestView.as_view(), name="request"),
    path("demande/merci/", views.ActorRequestDoneView.as_view(), name="request-done"),
    path(
        "demande/confirmation/<str:token>/",
        views.ActorRequestConfirmView.as_view(),
        name="request-confirm",
    ),
    path(
        "beneficiaires/<int:pk>/",
        views.BeneficiaryProfileView.as_view(),
        name="beneficiary-profile",
    ),
    path("partenaires/<int:pk>/", views.PartnerProfileView.as_view(), name="partner-profile"),
    path(
        "partenaires-europeens/<int:pk>/",
        views.ProjectPartnerProfileView.as_view(),
        name="project-partner-profile",
    ),
    path("<slug:slug>/", views.ActorDetailView.as_view(), name="actor-detail"),
]
