from django.urls import path

from . import views

app_name = "europe"

urlpatterns = [
    path("", views.EuropeHomeView.as_view(), name="home"),
    path("projets/<slug:slug>/", views.EUProjectDetailView.as_view(), name="project-detail"),
    path("accompagnement/", views.SupportRequestView.as_view(), name="support-request"),
    path(
        "accompagnement/confirmation/<str:token>/",
        views.SupportRequestConfirmView.as_view(),
        name="support-request-confirm",
    ),
    path(
        "accompagnement/merci/",
        views.SupportRequestDoneView.as_view(),
        name="support-request-done",
    ),
]
