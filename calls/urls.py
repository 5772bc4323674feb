from django.urls import path

from . import views

app_name = "calls"

urlpatterns = [
    path("", views.CallListView.as_view(), name="call-list"),
    path(
        "confirmation/<str:token>/",
        views.ApplicationConfirmView.as_view(),
        name="application-confirm",
    ),
    path("dossier/<str:token>/", views.ApplicationEditView.as_view(), name="application-edit"),
    path("<slug:slug>/", views.CallDetailView.as_view(), name="call-detail"),
    path("<slug:slug>/candidater/", views.ApplyView.as_view(), name="apply"),
    path("<slug:slug>/candidater/merci/", views.ApplyDoneView.as_view(), name="apply-done"),
]
