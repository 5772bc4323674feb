from django.urls import path

from . import views

app_name = "results"

urlpatterns = [
    path(
        "documents/<int:pk>/telecharger/",
        views.DocumentDownloadView.as_view(),
        name="document-download",
    ),
]
