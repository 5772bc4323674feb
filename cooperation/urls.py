from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("", views.ZoneListView.as_view(), name="zone-list"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path("actions/<slug:slug>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("urgences/", views.EmergencyAidListView.as_view(), name="emergency-list"),
    path("<slug:slug>/", views.ZoneDetailView.as_view(), name="zone-detail"),
]
