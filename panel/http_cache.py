"""HTTP caching of public GETs: ETag, Last-Modified, 304 Not Modified, Cache-Control, Vary.

Two middleware, one each side of the public cache (panel/public_cache.py):

- ``CacheHeadersMiddleware``, inside it, gives a public page (a view wrapped in
  ``public_cache``, answered to the public with a 200 the public cache may keep) its
  validators and a shareable Cache-Control. Being inside, they are stored with the page, and a
  hit replays them as they were: a hit computes nothing and reads nothing more.
- ``ConditionalGetMiddleware``, outside it, answers 304 when the request's If-None-Match (or,
  without one, If-Modified-Since) matches. Being outside, a page rendered for a client that
  already had it is still stored for the next one.

**ETag.** A digest of the body, weak (``W/"..."``) since a page is the same page whatever its
CSP nonce: the nonce is left out of the digest, and each hit carries a fresh one. It is taken
once, when the page is rendered. Django's ConditionalGetMiddleware is not used, since it would
take the digest with the nonce, so an uncached page would never match, and take it again on
every hit.

**Last-Modified.** When the record last changed (panel/record_version.py), or midnight in
London if later, since the RAG colours turn then. The version the page was rendered at is
the one whose time is used; when that time is not known, no Last-Modified is sent rather than
a guess (If-None-Match, which clients send when they have an ETag, takes precedence anyway).

**Cache-Control.** A public page: ``public, max-age=HTTP_CACHE["MAX_AGE"]`` for browsers, and
``s-maxage=HTTP_CACHE["SHARED_MAX_AGE"], proxy-revalidate`` for shared caches (0 by default:
they may keep a copy but must ask again each time, answered with a cheap 304). A shared cache
must not go on serving a page after an edit has made part of it confidential, which is the
rule the public cache itself keeps. Anything else (a signed-in member's or token client's
answer, an error, a page that sets a cookie) is ``private, no-store`` unless its view chose.

**Vary.** A public page varies on ``Cookie`` and ``Authorization`` (a signed-in or token
client is answered differently); DRF adds ``Accept`` where the API negotiates the format.
"""

import hashlib

from django.conf import settings
from django.middleware.csp import get_nonce
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from panel.public_cache import is_public_request, storable
from panel.record_version import read_record_modified, record_version

DEFAULTS = {"MAX_AGE": 60, "SHARED_MAX_AGE": 0}
VARY = ("Cookie", "Authorization")
READS = ("GET", "HEAD")


def config():
    return {**DEFAULTS, **getattr(settings, "HTTP_CACHE", {})}


def is_public_page(request):
    """Is the view that answered a ``public_cache`` one (the site's pages and the API's)?"""
    match = getattr(request, "resolver_match", None)
    return match is not None and getattr(match.func, "public_cache", False)


def content_etag(request, response):
    """A weak ETag: the digest of the body without this request's CSP nonce."""
    body = response.content
    nonce = get_nonce(request)
    if nonce:  # only a nonce that was used is in the body
        body = body.replace(str(nonce).encode(), b"")
    return f'W/"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def last_modified(request):
    """When the page last changed, as a Unix time, or None if that is not known."""
    pending = getattr(request, "_public_cache", None)  # a miss the public cache will store
    modified = read_record_modified(record_version()) if pending is None else pending.modified
    if modified is None:
        return None
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return max(modified, midnight.timestamp())


def make_shareable(request, response):
    limits = config()
    patch_cache_control(
        response,
        public=True,
        max_age=limits["MAX_AGE"],
        s_maxage=limits["SHARED_MAX_AGE"],
        proxy_revalidate=True,
    )
    response["ETag"] = content_etag(request, response)
    modified = last_modified(request)
    if modified is not None:
        response["Last-Modified"] = http_date(modified)


def keep_private(response):
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_store=True)


class CacheHeadersMiddleware:
    """Validators and Cache-Control for every GET (see the module docstring).

    Placed just inside PublicCacheMiddleware, so that what it sets is stored with the page,
    and outside the session, CSRF and messages middleware, so that it sees their cookies.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in READS:
            return response
        if not is_public_page(request):
            keep_private(response)
            return response
        patch_vary_headers(response, VARY)
        if response.has_header("ETag"):
            return response  # a hit, replaying what was set when the page was rendered
        if is_public_request(request) and storable(response):
            make_shareable(request, response)
        else:
            keep_private(response)
        return response


class ConditionalGetMiddleware:
    """304 Not Modified for a GET or HEAD whose validators match the response's.

    Placed before PublicCacheMiddleware, so that a page rendered for a conditional request is
    stored as a 200 before it is answered with a 304.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in READS:
            return response
        etag = response.get("ETag")
        modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag is None and modified is None:
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=modified, response=response
        )
