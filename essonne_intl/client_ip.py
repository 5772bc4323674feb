"""The client's address, as seen through the trusted reverse proxies in front of the portal.

Used by the form rate limits (django-ratelimit) and the admin login lockout (django-axes), so
both count the same address. With ``TRUSTED_PROXY_COUNT=0`` (the default) the socket's address is
used; behind N proxies that each append to ``X-Forwarded-For``, the Nth address from the right is
the one the outermost trusted proxy saw, which a client cannot forge.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
