"""The client's address, as seen through the trusted reverse proxies in front of the portal.

Used by the form rate limits (django-ratelimit) and the admin login lockout (django-axes), so
both count the same address. ``X-Forwarded-For`` is believed only when the request comes from a
trusted proxy (``TRUSTED_PROXIES``: addresses or networks); its entries are then read from the
right, skipping the trusted proxies, and the first other address is the client. A client that
reaches the app server directly cannot forge its address with that header.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not is_trusted(remote, networks):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    for address in reversed(forwarded):
        if not is_trusted(address, networks):
            try:
                return str(ipaddress.ip_address(address))
            except ValueError:
                return remote
    return remote
