from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("cooperation/", include("cooperation.urls")),
    path("cresi/", include("cresi.urls")),
    path("subventions/", include("subsidies.urls")),
    path("chiffres-cles/", views.KeyFiguresView.as_view(), name="key-figures"),
    path("europe/", include("europe.urls")),
    path(
        "mentions-legales/",
        TemplateView.as_view(template_name="essonne_intl/legal_notice.html"),
        name="legal-notice",
    ),
    path(
        "donnees-personnelles/",
        TemplateView.as_view(template_name="essonne_intl/privacy.html"),
        name="privacy",
    ),
    path(
        "accessibilite/",
        TemplateView.as_view(template_name="essonne_intl/accessibility.html"),
        name="accessibility",
    ),
    path("plan-du-site/", views.SiteMapView.as_view(), name="site-map"),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
