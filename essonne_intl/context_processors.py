from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """Names used by every page's header, footer and meta tags."""
    return {"SITE_NAME": settings.SITE_NAME, "PUBLISHER_NAME": settings.PUBLISHER_NAME}


def languages(request):
    """The current page in each language, for the switcher and ``hreflang`` links."""
    current = get_language()
    return {
        "language_versions": [
            {
                "code": code,
                "name": name,
                "url": translate_url(request.path, code),
                "is_current": code == current,
            }
            for code, name in settings.LANGUAGES
        ]
    }
