"""The API's limit for anonymous clients: ``API_ANONYMOUS_RATE`` requests per address.

A client with an API token (or signed in) is not limited. Answers the public cache serves
(panel/public_cache.py) never reach DRF, so they are not counted either: they cost the site
about as much as a static file, and counting them would add a cache write to every hit. The
limit guards what costs: the answers that are rendered from the database.

The rate is a setting (``DJANGO_API_ANONYMOUS_RATE``, e.g. ``120/minute``; ``off`` for none),
read on each request, so tests can change it and a load test can turn it off.

DRF imports this module while rest_framework.views is still loading (the settings name it in
DEFAULT_THROTTLE_CLASSES), so it must not import DRF's views.
"""

import ipaddress

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def describe_anonymous_limit():
    """The limit in words, for error messages: "anonymous clients may make 120 requests a
    minute"."""
    rate = settings.API_ANONYMOUS_RATE
    if not rate:
        return "anonymous clients are not limited"
    count, period = rate.split("/")
    return f"anonymous clients may make {count} requests a {PERIODS[period[0]]}"


def client_address(request, trusted_proxies):
    """The address the request came from, behind ``trusted_proxies`` reverse proxies.

    Each proxy appends the address it was reached from to X-Forwarded-For, so the client's is
    the Nth entry from the right; entries further left were written by the client. A request
    with fewer entries than that did not come through every proxy, and its own connection's
    address is the only one to trust.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not trusted_proxies:
        return remote
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    if len(forwarded) < trusted_proxies:
        return remote
    return forwarded[-trusted_proxies]


class AnonymousRateThrottle(AnonRateThrottle):
    """At most ``settings.API_ANONYMOUS_RATE`` requests per client address without a token.

    An IPv6 client is counted by its /64 network: one host is usually given a whole /64, and
    could otherwise take a fresh address for every request.
    """

    def get_rate(self):
        return settings.API_ANONYMOUS_RATE

    def get_ident(self, request):
        ident = client_address(request, settings.TRUSTED_PROXY_COUNT)
        try:
            address = ipaddress.ip_address(ident)
        except ValueError:
            return ident
        if address.version == 6:
            return str(ipaddress.ip_network(f"{address}/64", strict=False))
        return ident
