"""The public response cache: what an anonymous visitor is shown, kept and shown again.

Views opt in by being wrapped with ``public_cache`` where their URLs are declared
(``public_urls`` wraps a list of patterns, such as the API router's). Only the public audience
is ever cached or served from the cache, so what a signed-in member or officer may read cannot
reach anyone through it.

The rules, each tested in tests/test_public_cache.py:

- **Who.** A GET or HEAD with no ``Authorization`` header, no messages cookie, and either no
  session cookie or an empty session (no signed-in user, no queued messages). Everyone else
  goes straight to the view (``X-Cache: bypass``).
- **What is kept.** A 200 whose final form, after every middleware, sets no cookie, is not
  streamed, is not ``Cache-Control: private``, ``no-store`` or ``no-cache`` (restricted paper
  files say so), and varies on nothing but ``Accept``, ``Cookie`` and ``Authorization`` (the
  cache serves only requests without one). That is decided by ``PublicCacheMiddleware``,
  outside every middleware that adds a cookie, because session, CSRF and messages middleware
  add theirs after the view has returned. The HTTP validators and Cache-Control
  (panel/http_cache.py) are set inside it, so they are kept with the page and replayed.
- **The key.** Scheme, host (the API prints absolute links), path, query string, ``Accept``
  (content negotiation picks the format from it), the audience (public), and today's date in
  the site's time zone (Europe/London: RAG colours turn at midnight). The entry records the
  record version it was rendered at (panel/record_version.py) and is used only while that is
  still current, so any write to the record retires every page at once.
- **How long.** ``PUBLIC_CACHE["TIMEOUT"]`` seconds at most: a backstop for what the version
  does not see (the clock within a day, a bump lost while the cache was unreachable).
- **After an edit.** The first anonymous request for a page takes a lock (``cache.add``) and
  renders it; others asking for the same page wait up to ``PUBLIC_CACHE["LOCK_WAIT"]``
  seconds for that render, then render it themselves. They never get the previous version's
  page meanwhile: after a restriction that page may hold what is now confidential.
- **CSP nonce.** A page is stored with the nonce it was rendered with; each hit replaces it
  with the request's own fresh nonce, which the CSP middleware then puts in the header, so
  body and header always agree and no two responses share a nonce. The stored nonce is 128
  random bits that no author of the record could have known, so nothing else in a page is
  replaced.
- **Hits answered early.** A visitor with no cookie and no ``Authorization`` (most of the
  public, and every crawler) is answered by ``PublicCacheMiddleware`` itself when the page
  is kept and current, before the session, CSRF, authentication and messages middleware
  run: for such a request they add nothing to a kept page but the CSP header, which the
  CSP middleware's own code writes (``PublicCacheMiddleware.early_hit``). Anyone else is
  served the same page by way of the view.

If the cache cannot be reached, pages are rendered as if it were empty, and the failure logged.
"""

import hashlib
import logging
import time
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware, get_nonce
from django.urls import Resolver404, URLPattern, resolve
from django.utils import timezone
from django.utils.http import split_directive_names, split_header_value

from panel.record_version import MODIFIED_KEY, VERSION_KEY, record_modified, record_version

logger = logging.getLogger(__name__)

MIDDLEWARE = "panel.public_cache.PublicCacheMiddleware"
CSP_MIDDLEWARE = "django.middleware.csp.ContentSecurityPolicyMiddleware"
# The middleware that may stand inside this one while hits are answered early: each, for a
# GET or HEAD with no cookie and no Authorization, either adds nothing to a kept page or
# (SecurityMiddleware, CommonMiddleware) refuses or redirects only under the settings
# ``_refused_or_redirected`` checks; the CSP middleware's header is written early.
EARLY_HIT_INSIDE = {
    "panel.http_cache.CacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    CSP_MIDDLEWARE,
    "axes.middleware.AxesMiddleware",
}
HEADER = "X-Cache"
DEFAULTS = {"ENABLED": False, "TIMEOUT": 300, "LOCK_TIMEOUT": 10, "LOCK_WAIT": 2.0}
ENTRY_PREFIX = "public-page:"
LOCK_POLL_SECONDS = 0.02
# Headers a hit must not repeat: the CSP middleware writes a fresh policy (with the fresh
# nonce) and CommonMiddleware the length; X-Cache says what happened this time.
NOT_STORED = {
    "content-security-policy",
    "content-security-policy-report-only",
    "content-length",
    "set-cookie",
    HEADER.lower(),
}
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
KEYED_VARY = {"accept", "cookie", "authorization"}


def config():
    return {**DEFAULTS, **getattr(settings, "PUBLIC_CACHE", {})}


def enabled():
    # Without the middleware nothing would ever be stored and every lock would be held to
    # its timeout: treat that as off rather than wait.
    return bool(config()["ENABLED"]) and MIDDLEWARE in settings.MIDDLEWARE


def is_public_request(request):
    """Is this request from the public (so its answer may come from, and go to, the cache)?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if "authorization" in request.headers or CookieStorage.cookie_name in request.COOKIES:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # A session with anything in it belongs to someone signed in or holds their
        # messages; an empty one (expired, or left after signing out) is nobody's.
        return not request.session.keys()
    return True


def entry_key(request):
    """Where this request's page is kept: everything its body depends on but the record."""
    parts = (
        request.scheme,
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
        request.headers.get("accept", ""),
        "public",  # the audience: the only one this cache serves
        # The site's time zone is Europe/London, so this is the date the RAG colours use.
        timezone.localdate().isoformat(),
    )
    return ENTRY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def lock_key(key, version):
    return f"{key}:rendering:{version}"


class Pending:
    """A page being rendered for the cache: stored and its lock released by the middleware.

    ``modified`` is when the record became ``version`` (None if not known), for the page's
    Last-Modified."""

    def __init__(self, key, version, lock, modified=None):
        self.key = key
        self.version = version
        self.lock = lock
        self.modified = modified


# --- Serving --------------------------------------------------------------------------------


def public_cache(view):
    """Serve ``view``'s answers to the public from the cache (see the module docstring)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not enabled():
            return view(request, *args, **kwargs)
        if not is_public_request(request):
            response = view(request, *args, **kwargs)
            response[HEADER] = "bypass"
            return response
        return _serve_public(request, view, args, kwargs)

    cached_view.public_cache = True
    return cached_view


def public_urls(patterns):
    """``patterns`` with each view wrapped in ``public_cache`` (for the API router's)."""
    return [
        URLPattern(p.pattern, public_cache(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]


def _serve_public(request, view, args, kwargs):
    key = entry_key(request)
    try:
        hit = _lookup(request, key)
    except Exception:
        logger.exception("The public cache could not be read; rendering the page.")
        return view(request, *args, **kwargs)
    if isinstance(hit, HttpResponse):
        return hit
    request._public_cache = hit
    response = view(request, *args, **kwargs)
    response[HEADER] = "miss"
    return response


def _lookup(request, key):
    """The cached response, or the ``Pending`` render that will store one."""
    # When the record last changed comes in the same round trip: a miss needs it for the
    # page's Last-Modified, and a hit carries the one stored with the page.
    early = getattr(request, "_public_found", None)  # looked up by PublicCacheMiddleware
    if early is not None and early[0] == key:
        found = early[1]
    else:
        found = cache.get_many([VERSION_KEY, MODIFIED_KEY, key])
    version = found.get(VERSION_KEY)
    if version is None:
        version = record_version()  # a fresh start, which notes its own time
        found[MODIFIED_KEY] = cache.get(MODIFIED_KEY)
    entry = found.get(key)
    if entry is not None and entry["version"] == version:
        return replay(request, entry)
    modified = record_modified(version, found.get(MODIFIED_KEY))
    lock = lock_key(key, version)
    if cache.add(lock, True, config()["LOCK_TIMEOUT"]):
        return Pending(key, version, lock, modified)
    entry = _wait_for_render(key, version, lock)
    if entry is not None:
        return replay(request, entry)
    return Pending(key, version, None, modified)


def _wait_for_render(key, version, lock):
    """The entry another request is rendering, if it is stored within LOCK_WAIT seconds."""
    deadline = time.monotonic() + config()["LOCK_WAIT"]
    while time.monotonic() < deadline:
        time.sleep(LOCK_POLL_SECONDS)
        found = cache.get_many([key, lock])
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            return entry
        if lock not in found:
            return None  # that render finished and was not cacheable: render our own
    return None


def replay(request, entry):
    """A new response from a stored entry, carrying this request's own CSP nonce."""
    body = entry["body"]
    nonce = get_nonce(request)
    if entry["nonce"] and nonce is not None:
        body = body.replace(entry["nonce"].encode(), str(nonce).encode())
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    response[HEADER] = "hit"
    return response


# --- Storing --------------------------------------------------------------------------------


def storable(response):
    """May this response, as it leaves the site, be shown to every member of the public?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if set(split_directive_names(response.get("Cache-Control", ""))) & UNCACHEABLE_DIRECTIVES:
        return False
    # A response that varies on a header the key leaves out (or on "*") is not the same for
    # every public request with the same key.
    vary = {v.lower() for v in split_header_value(response.get("Vary", ""))}
    return vary <= KEYED_VARY


def entry_for(request, response, version):
    nonce = get_nonce(request)
    return {
        "version": version,
        "status": response.status_code,
        "headers": [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED],
        "body": response.content,
        # Only a nonce that was used: an unused one is in neither the body nor the header.
        "nonce": str(nonce) if nonce else None,
    }


class PublicCacheMiddleware:
    """Stores what ``public_cache`` rendered, once every other middleware has had its say.

    Before every middleware that adds a cookie in MIDDLEWARE, so it sees the response as it
    leaves: with the cookies the session, CSRF and messages middleware set, which make a
    response personal and never stored. Only the record version, CORS and 304 middleware
    come before it, and they add no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Hits are answered early only while the middleware inside this one are those known
        # to add nothing to them (EARLY_HIT_INSIDE): one added later, which might refuse or
        # redirect a request, turns early answers off rather than be passed by.
        inside = settings.MIDDLEWARE[settings.MIDDLEWARE.index(MIDDLEWARE) + 1 :]
        self.answers_early = set(inside) <= EARLY_HIT_INSIDE
        # A hit answered early gets its policy header from the CSP middleware's own code.
        self.csp = (
            ContentSecurityPolicyMiddleware(get_response) if CSP_MIDDLEWARE in inside else None
        )

    def __call__(self, request):
        response = self.early_hit(request)
        if response is not None:
            return response
        response = self.get_response(request)
        pending = getattr(request, "_public_cache", None)
        if pending is None:
            return response
        try:
            if storable(response):
                entry = entry_for(request, response, pending.version)
                cache.set(pending.key, entry, config()["TIMEOUT"])
            if pending.lock is not None:
                cache.delete(pending.lock)
        except Exception:
            logger.exception("The public cache could not be written; the page was served.")
        return response

    def early_hit(self, request):
        """The kept page for a visitor who brings nothing of their own, or None to go on.

        A GET or HEAD with no cookie and no ``Authorization``, for a page whose view is
        ``public_cache``'s, is answered here, before the middleware inside this one run: for
        such a request they would add nothing to a kept page (its security, frame and cache
        headers were set when it was made and are kept with it) but the CSP header with the
        fresh nonce, which the CSP middleware's own code writes here, and its length. A
        visitor with a cookie of any kind, and every miss, go on to the view as before; the
        lookup made here is handed on (``request._public_found``), so a miss reads the cache
        once. Settings under which a middleware inside refuses or redirects such a request
        (an HTTPS redirect for plain HTTP, forbidden user agents, PREPEND_WWW), and a host
        not allowed, leave it to them.
        """
        key = self.early_key(request)
        if key is None:
            return None
        try:
            found = cache.get_many([VERSION_KEY, MODIFIED_KEY, key])
        except Exception:
            return None  # the view's lookup tries again, and logs the failure
        request._public_found = (key, found)
        entry = found.get(key)
        if entry is None or entry["version"] != found.get(VERSION_KEY):
            return None
        if self.csp is not None:
            self.csp.process_request(request)
        response = replay(request, entry)
        response["Content-Length"] = str(len(response.content))
        if self.csp is not None:
            response = self.csp.process_response(request, response)
        return response

    def early_key(self, request):
        """The entry key of a request that may be answered early (see ``early_hit``), or
        None."""
        if not self.answers_early or not enabled() or request.COOKIES:
            return None
        if not is_public_request(request) or _refused_or_redirected(request):
            return None
        urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
        if not _is_kept_page(urlconf, request.path_info):
            return None
        try:
            return entry_key(request)
        except DisallowedHost:
            return None  # refused inside, with the headers every answer carries


@lru_cache(maxsize=4096)
def _is_kept_page(urlconf, path):
    """Is ``path`` a page whose view is ``public_cache``'s under ``urlconf`` (a module's
    name, as Django keys its own resolvers)? Worked out once per path: resolving an API
    address tries a few dozen patterns."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return False
    return bool(getattr(match.func, "public_cache", False))


def _refused_or_redirected(request):
    """Would a middleware inside the public cache's refuse or redirect this request?"""
    return (
        (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        or bool(settings.DISALLOWED_USER_AGENTS)
        or settings.PREPEND_WWW
    )
