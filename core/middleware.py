import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseBadRequest

HEALTH_CHECK_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answers ``/healthz`` first: 200 when the database answers, 503 when it does not.

    It sits before the host check and the HTTPS redirect, because load balancers probe each app
    server by its own address and over plain HTTP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_CHECK_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            response = HttpResponse("database unavailable\n", status=503)
        else:
            response = HttpResponse("ok\n")
        response["Content-Type"] = "text/plain; charset=utf-8"
        response["Cache-Control"] = "no-store"
        # Answered before the security middleware: its headers are set here.
        response["X-Content-Type-Options"] = "nosniff"
        response["Referrer-Policy"] = "no-referrer"
        response["X-Frame-Options"] = "DENY"
        response["Cross-Origin-Opener-Policy"] = "same-origin"
        response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        return response


class StaffSessionExpiryMiddleware:
    """Signs a user out after ``ADMIN_SESSION_IDLE_SECONDS`` without a request and
    ``ADMIN_SESSION_MAX_SECONDS`` after signing in, whatever the cookie says.

    Only requests that carry a session cookie are looked at: public pages never touch the
    session, so they set no cookie and stay cacheable.
    """

    # The last request's time is written at most this often (a session write per minute).
    TOUCH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        session = request.session
        now = time.time()
        signed_in_at = session.setdefault("signed_in_at", now)
        last_seen_at = session.setdefault("last_seen_at", now)
        if (
            now - last_seen_at > settings.ADMIN_SESSION_IDLE_SECONDS
            or now - signed_in_at > settings.ADMIN_SESSION_MAX_SECONDS
        ):
            logout(request)
        elif now - last_seen_at > self.TOUCH_SECONDS:
            session["last_seen_at"] = now


class AdminRefusesNullCharactersMiddleware:
    """Answers 400 to an admin request whose parameters hold a NUL character.

    PostgreSQL cannot compare text with NUL, so the admin's searches and autocompletes would
    fail with a 500. The public pages refuse such values in their forms, with a message.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and self.holds_null(request):
            return HttpResponseBadRequest("Caractère nul refusé.", content_type="text/plain")
        return self.get_response(request)

    @staticmethod
    def holds_null(request):
        parameters = [request.GET]
        if request.method == "POST" and request.content_type != "multipart/form-data":
            parameters.append(request.POST)
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for query in parameters
            for key, values in query.lists()
        )
