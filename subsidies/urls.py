from django.urls import path

from . import views

app_name = "subsidies"

urlpatterns = [
    path("", views.SubsidyListView.as_view(), name="subsidy-list"),
    path("export.csv", views.SubsidyCsvExportView.as_view(), name="export-csv"),
    path("export.json", views.SubsidyJsonExportView.as_view(), name="export-json"),
]
