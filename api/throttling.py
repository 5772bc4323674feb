from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import SimpleRateThrottle

from core.client_ip import client_network


class ClientRateThrottle(SimpleRateThrottle):
    """``API_THROTTLE_RATE`` requests per client, counted like the form rate limits: by the
    address seen through the trusted proxies (an IPv6 client by its /64), in the ``limits``
    cache that no eviction of pages can reset. Answers served by the page cache cost nothing
    and are not counted."""

    scope = "api"

    @property
    def cache(self):
        return caches["limits"]

    def get_rate(self):
        """``"120/minute"``…; ``None`` lets every request through (the load benchmark)."""
        return settings.API_THROTTLE_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_network(request)}
