from django.conf import settings


def site(request):
    """Names used by every page's header, footer and meta tags."""
    return {"SITE_NAME": settings.SITE_NAME, "PUBLISHER_NAME": settings.PUBLISHER_NAME}
