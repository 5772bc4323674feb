from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core.registry import public_url_patterns
from portal import views as portal_views
from portal.sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("robots.txt", portal_views.robots_txt, name="robots"),
    path("favicon.ico", portal_views.favicon),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
]

# Each app's public pages at the prefix its AppConfig declares (core/registry.py); French
# without prefix, English under /en/.
urlpatterns += i18n_patterns(*public_url_patterns(), prefix_default_language=False)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
