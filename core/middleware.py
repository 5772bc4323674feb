from django.db import DatabaseError, connection
from django.http import HttpResponse

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
