"""Cross-origin reads of the open data API: browser apps on other sites may GET it, anonymously.

Under /api/ only, and only:

- **Reads.** GET and HEAD answers carry ``Access-Control-Allow-Origin: *``; a preflight is
  granted for GET and HEAD alone, so a page elsewhere cannot make a browser write.
- **Anonymous.** ``*`` never admits credentials, so a browser will not show another site an
  answer made for our session cookie; and a preflight is refused for ``Authorization``, so a
  page elsewhere cannot make a browser send a token either. A request that carries cookies or
  a token gets no CORS header at all.

django-cors-headers is not used: it adds ``Vary: Origin`` to every answer under its paths even
when the answer is ``*`` for every origin (splitting every shared cache by origin, and keeping
answers out of the public cache), and it sends the header with writes too.
"""

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from panel.problems import problem_response

API_PREFIX = "/api/"
ALLOWED_METHODS = ("GET", "HEAD")
# Request headers a page elsewhere may set: content negotiation and revalidation.
ALLOWED_HEADERS = (
    "accept",
    "accept-language",
    "content-language",
    "if-modified-since",
    "if-none-match",
)
# Response headers its script may read, besides those every browser shows.
EXPOSED_HEADERS = (
    "Content-Disposition",
    "ETag",
    "Link",
    "Retry-After",
    "X-Open-Data-Stale",
    "X-Record-Version",
)
# How long a browser may reuse a granted preflight (browsers cap it lower).
PREFLIGHT_MAX_AGE = 86400


def is_preflight(request):
    return request.method == "OPTIONS" and "access-control-request-method" in request.headers


def requested_headers(request):
    raw = request.headers.get("access-control-request-headers", "")
    return {name.strip().lower() for name in raw.split(",") if name.strip()}


def preflight(request):
    """The answer to a preflight: granted for an anonymous read, a 403 problem otherwise."""
    method = request.headers["access-control-request-method"]
    refused = sorted(requested_headers(request) - set(ALLOWED_HEADERS))
    if method not in ALLOWED_METHODS or refused:
        asked = f"{method} with {', '.join(refused)}" if refused else method
        response = problem_response(
            request,
            403,
            f"Other sites may only read the API anonymously ({', '.join(ALLOWED_METHODS)}, "
            f"with the headers {', '.join(ALLOWED_HEADERS)}), not {asked}. A script with "
            "an API token should call the API from a server, not a browser.",
            "cors_not_allowed",
        )
    else:
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
        response["Access-Control-Allow-Headers"] = ", ".join(ALLOWED_HEADERS)
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    patch_vary_headers(
        response, ("Access-Control-Request-Method", "Access-Control-Request-Headers")
    )
    return response


def is_anonymous(request):
    return "authorization" not in request.headers and not request.COOKIES


class CorsMiddleware:
    """Adds the CORS headers to the API's anonymous reads and answers its preflights.

    First after the record version's middleware, so that a preflight is answered before any
    other work, and the 304s and 429s an anonymous script gets are readable too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if is_preflight(request):
            return preflight(request)
        response = self.get_response(request)
        if request.method in ALLOWED_METHODS:
            # Whether the header is sent depends on the credentials: shared caches must know.
            patch_vary_headers(response, ("Cookie", "Authorization"))
            if is_anonymous(request):
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
        return response
