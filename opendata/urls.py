from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.OpenDataView.as_view(), name="index"),
    path("actions.csv", views.ActionCsvView.as_view(), name="actions-csv"),
    path("projets-europeens.csv", views.EUProjectCsvView.as_view(), name="eu-projects-csv"),
    path("formations.ics", views.TrainingCalendarView.as_view(), name="trainings-ics"),
    path("iati/activites.xml", views.IatiActivitiesView.as_view(), name="iati-activities"),
]
