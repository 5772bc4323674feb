from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("favicon.ico", views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("cooperation/", include("cooperation.urls")),
    path("subventions/", include("subsidies.urls")),
    path("chiffres-cles/", views.KeyFiguresView.as_view(), name="key-figures"),
    path("cresi/", include("cresi.urls")),
    path("europe/", include("europe.urls")),
    path("mentions-legales/", views.LegalPageView.as_view(key="legal-notice"), name="legal-notice"),
    path("donnees-personnelles/", views.LegalPageView.as_view(key="privacy"), name="privacy"),
    path("accessibilite/", views.LegalPageView.as_view(key="accessibility"), name="accessibility"),
    path("plan-du-site/", views.SiteMapView.as_view(), name="site-map"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
