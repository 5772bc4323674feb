from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Names used by every page's header, footer and meta tags."""
    return {"SITE_NAME": settings.SITE_NAME, "PUBLISHER_NAME": settings.PUBLISHER_NAME}


def languages(request):
    """The current page in each language, filters kept, for the switcher and ``hreflang``."""
    current = get_language()
    query = request.GET.urlencode()
    versions = []
    for code, name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        versions.append(
            {
                "code": code,
                "name": name,
                "path": path,
                "url": f"{path}?{query}" if query else path,
                "is_current": code == current,
            }
        )
    return {"language_versions": versions}
