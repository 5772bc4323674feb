"""Cache of anonymous public pages, invalidated as soon as staff change any content.

Every cached page's key holds a *content version*, a counter kept in the database
(:class:`~essonne_intl.models.ContentVersion`). Any write to a model of the portal's apps (admin
edit, import, registration…) bumps it in the same transaction, so every page is rebuilt at its
next request, whichever process or server made the change. Each process re-reads the number at
most every ``CONTENT_VERSION_CHECK_SECONDS`` (1 s), so a cached page costs no query at all
most of the time. View and download counters are written in batches with ``QuerySet.update()``
(``counters.py``), which sends no signal, so counting does not empty the cache.
"""

import hashlib
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import has_vary_header
from django.utils.translation import get_language

from .counters import counts
from .models import ContentVersion

CONTENT_VERSION_KEY = "content-version:local"
CONTENT_APPS = ("essonne_intl", "cooperation", "subsidies", "cresi", "europe")
# Records no public page shows: writing them leaves the cache alone.
PRIVATE_MODELS = {"europe.SupportRequest", "essonne_intl.ContentVersion"}
# Query parameters the public pages understand: a URL with any other one is not cached, so
# random query strings cannot fill the cache.
CACHEABLE_QUERY_PARAMETERS = {
    "q",
    "annee",
    "zone",
    "domaine",
    "tri",
    "page",
    "type",
    "theme",
    "programme",
    "statut",
}
PAGE_CACHEABLE_METHODS = {"GET", "HEAD"}


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = ContentVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
        cache.set(CONTENT_VERSION_KEY, version, settings.CONTENT_VERSION_CHECK_SECONDS)
    return version


def bump_content_version(**kwargs):
    """Makes every cached page and figure stale, in every process, once the change commits."""
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 2})
    forget = partial(cache.delete, CONTENT_VERSION_KEY)
    forget()
    transaction.on_commit(forget)


def connect_invalidation_signals():
    for app_label in CONTENT_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in PRIVATE_MODELS:
                continue
            uid = f"content-version:{model._meta.label}"
            post_save.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}:save")
            post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"{uid}:del")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    bump_content_version,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}:{field.name}",
                )


def page_cache_key(request):
    # The host is part of the page (canonical and Open Graph links name it).
    path = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"page:{content_version()}:{get_language()}:{request.method}:{path}"


class PublicPageCacheMiddleware:
    """Serves anonymous GET requests for public pages from the cache.

    It is the innermost middleware, so the outer ones (security headers, CSP…) still run on
    every response. A page is stored only when it is safe to share: status 200, not streamed,
    no cookie set, no CSRF token or session used (pages with a POST form), not ``Vary: Cookie``
    and not marked private. A view can opt out with ``response.cache_exempt = True``.

    Pages that count their views (``CountViewMixin``) are cached too, for a short time
    (``COUNTED_PAGE_CACHE_SECONDS``), and every request served from the cache still counts:
    their number may lag by that time plus ``COUNTER_FLUSH_SECONDS``; counting costs no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key = page_cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            response, counted_view = cached
            if counted_view:
                counts.add(*counted_view, "view_count")
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            response.headers.setdefault("Cache-Control", "max-age=0")
            counted_view = getattr(response, "counted_view", None)
            timeout = (
                settings.COUNTED_PAGE_CACHE_SECONDS if counted_view else settings.PAGE_CACHE_SECONDS
            )
            cache.set(key, (response, counted_view), timeout)
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and set(request.GET) <= CACHEABLE_QUERY_PARAMETERS
            and request.method in PAGE_CACHEABLE_METHODS
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
            and not request.path.startswith("/admin/")
        )

    @staticmethod
    def is_cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        # The outer middleware add the CSRF cookie and ``Vary: Cookie`` only after this one has
        # seen the response: a page that used a CSRF token or the session is personal.
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(
            getattr(request, "session", None), "accessed", False
        ):
            return False
        if getattr(response, "cache_exempt", False):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return (
            not has_vary_header(response, "Cookie")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


def cached_figures(name, compute, *args):
    """``compute(*args)``, kept in the cache until the next content change.

    For costly figures computed from many records (key figures, yearly totals), and records
    read at every request of a page that cannot be cached (a download): pages that show them stay
    fast even when the page itself cannot be cached. ``None`` (nothing found) is not kept, so
    made-up addresses cannot fill the cache.
    """
    # Figures may hold labels in the language of the request (budget lines, domains).
    key = f"figures:{content_version()}:{get_language()}:{name}:{':'.join(map(str, args))}"
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        if value is not None:
            cache.set(key, value, settings.FIGURES_CACHE_SECONDS)
    return value
