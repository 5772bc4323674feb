from django.urls import path

from . import views

app_name = "agenda"

urlpatterns = [
    path("", views.AgendaView.as_view(), name="list"),
    path("agenda.ics", views.AgendaFeedView.as_view(), name="feed"),
    path("<slug:key>.ics", views.AgendaEventFileView.as_view(), name="event-file"),
]
