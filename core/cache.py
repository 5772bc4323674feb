"""Cache of anonymous public pages, invalidated as soon as any content changes.

Every cached page's key holds the *content version* (``content_version.py``), which the database
moves with every write to the public content, so every page is rebuilt at its next request,
whichever process, server or program made the change. View and download counters are not
content: counting does not empty the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import has_vary_header
from django.utils.translation import get_language

from .content_version import content_version
from .counters import counts
from .registry import cacheable_query_parameters

PAGE_CACHEABLE_METHODS = {"GET", "HEAD"}


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
            and set(request.GET) <= cacheable_query_parameters()
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
        # A query string is kept only when the view validated it (``CacheableQueryMixin``).
        if request.GET and not getattr(response, "cacheable_query", False):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        return (
            not has_vary_header(response, "Cookie")
            and "private" not in cache_control
            and "no-store" not in cache_control
        )


def cached_until_content_changes(name, compute, *args):
    """``compute(*args)``, kept in the cache under ``name`` and ``args`` until the next content
    change, in the language of the request.

    For what is costly to read again at every request: figures computed from many records (key
    figures, yearly totals), search hits, and records read at every request of a page that cannot
    be cached (a download). ``None`` (nothing found) is not kept, so made-up addresses cannot fill
    the cache.
    """
    # Values may hold labels in the language of the request (budget lines, domains, titles).
    key = f"computed:{content_version()}:{get_language()}:{name}:{':'.join(map(str, args))}"
    value = cache.get(key)
    if value is None:
        value = compute(*args)
        if value is not None:
            cache.set(key, value, settings.FIGURES_CACHE_SECONDS)
    return value
