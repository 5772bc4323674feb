from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("chiffres-cles/", views.KeyFiguresView.as_view(), name="key-figures"),
    path("mentions-legales/", views.LegalPageView.as_view(key="legal-notice"), name="legal-notice"),
    path("donnees-personnelles/", views.LegalPageView.as_view(key="privacy"), name="privacy"),
    path("accessibilite/", views.LegalPageView.as_view(key="accessibility"), name="accessibility"),
    path("plan-du-site/", views.SiteMapView.as_view(), name="site-map"),
    path("recherche/", views.SearchView.as_view(), name="search"),
]
