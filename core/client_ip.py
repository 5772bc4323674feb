"""The client's address, as seen through the trusted reverse proxies in front of the portal.

Used by the form rate limits (django-ratelimit) and the admin login lockout (django-axes), so
both count the same address. ``X-Forwarded-For`` is believed only when the request comes from a
trusted proxy (``TRUSTED_PROXIES``: addresses or networks); its entries are then read from the
right, skipping the trusted proxies, and the first other address is the client. A client that
reaches the app server directly cannot forge its address with that header. Proxies may write
an entry with its port (``1.2.3.4:5678``, ``[2001:db8::1]:443``): the address is what counts.

The admin login lockout counts an IPv6 client by its /64 network (:func:`client_network`), as
django-ratelimit does for the forms (``RATELIMIT_IPV6_MASK``): one subscriber usually holds a
whole /64, and could otherwise try a new address for every password.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def is_trusted(ip, networks):
    return ip is not None and any(ip in network for network in networks)


def parse_address(entry):
    """The address of an ``X-Forwarded-For`` entry, with or without its port; ``None`` when it
    holds none."""
    entry = entry.strip()
    if entry.startswith("["):  # [IPv6]:port
        entry = entry[1:].partition("]")[0]
    elif entry.count(":") == 1:  # IPv4:port
        entry = entry.partition(":")[0]
    try:
        return ipaddress.ip_address(entry)
    except ValueError:
        return None


def client_network(request):
    """The client's address, or for IPv6 its /64 network (``2001:db8:1:2::``)."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6 and not ip.ipv4_mapped:
        return str(ipaddress.ip_network(f"{ip}/{settings.RATELIMIT_IPV6_MASK}", strict=False)[0])
    return address


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not is_trusted(parse_address(remote), networks):
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    for entry in reversed(forwarded):
        ip = parse_address(entry)
        if not is_trusted(ip, networks):
            return remote if ip is None else str(ip)
    return remote
