"""API errors as problem details (RFC 9457): one shape, served as application/problem+json.

Every error under /api/ has the members ``type``, ``title``, ``status``, ``detail`` and
``instance``, and our own extension members ``code`` (stable and machine-readable) and, for
invalid input, ``errors`` (the messages for each query parameter or body field). ``detail`` and
``code`` read as they did before problem details, so clients written against them keep
working. ``type`` is ``about:blank``: the status code and ``code`` say what went wrong, and no
problem type needs a page of its own.

DRF's errors come through ``exception_handler``; paths that name no endpoint through
``api_not_found``; and what Django answers itself under /api/ (a 404 raised outside DRF, a
400 for a bad Host, a server error) through the ``handler*`` views that panel.urls names.
"""

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.http import escape_leading_slashes
from django.views import defaults
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from panel.throttling import describe_anonymous_limit

PROBLEM_MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api/"


class ProblemJSONRenderer(JSONRenderer):
    """JSON, labelled as a problem details object."""

    media_type = PROBLEM_MEDIA_TYPE
    format = "problem+json"


class Conflict(exceptions.APIException):
    """The request is well formed but the resource's current state does not allow it."""

    status_code = HTTPStatus.CONFLICT
    default_detail = "The resource's current state does not allow this change."
    default_code = "conflict"


class ErrorSerializer(serializers.Serializer):
    """The body of every error response: a problem details object (RFC 9457), served as
    application/problem+json."""

    type = serializers.CharField(
        help_text='Always "about:blank": `status` and `code` say what went wrong.'
    )
    title = serializers.CharField(help_text='The HTTP status phrase, e.g. "Not Found".')
    status = serializers.IntegerField(help_text="The HTTP status code of the response.")
    detail = serializers.CharField(help_text="What was wrong, and how to put it right.")
    instance = serializers.CharField(
        help_text="The path (and query string) of the request that went wrong."
    )
    code = serializers.CharField(
        help_text='A stable machine-readable code, e.g. "invalid", "not_found", '
        '"permission_denied", "transition_not_allowed", "not_acceptable", "throttled".'
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid input: the messages for each query parameter or body field, "
        "keyed by its name.",
    )


def problem(request, status_code, detail, code, errors=None):
    """The problem details object for an error answered to ``request``."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "instance": request.get_full_path(),
        "code": code,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_response(request, status_code, detail, code):
    """A problem details response made outside DRF."""
    return JsonResponse(
        problem(request, status_code, detail, code),
        status=status_code,
        content_type=PROBLEM_MEDIA_TYPE,
    )


# --- DRF's errors ---------------------------------------------------------------------------


def _flatten_errors(detail, prefix=""):
    """{"a": {"b": ["msg"]}} -> {"a.b": ["msg"]}; lists of messages stay lists."""
    if isinstance(detail, dict):
        flat = {}
        for key, value in detail.items():
            flat.update(_flatten_errors(value, f"{prefix}{key}."))
        return flat
    if isinstance(detail, list) and detail and all(isinstance(v, dict) for v in detail):
        flat = {}
        for index, value in enumerate(detail):
            flat.update(_flatten_errors(value, f"{prefix}{index}."))
        return flat
    messages = detail if isinstance(detail, list) else [detail]
    return {prefix.rstrip(".") or "non_field_errors": [str(m) for m in messages]}


def _first_code(codes):
    while isinstance(codes, (list, dict)):
        if not codes:
            return "invalid"
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return str(codes)


def _as_drf_exception(exc):
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(detail=as_serializer_error(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(*exc.args)
    return exc


def _detail_and_errors(exc, request):
    """The problem's ``detail`` and, for invalid input, its ``errors``."""
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten_errors(exc.detail)
        general = errors.pop("non_field_errors", [])
        where = "query parameter" if request is not None and request.method == "GET" else "input"
        parts = [*general, *(f"{name}: {' '.join(msgs)}" for name, msgs in errors.items())]
        return f"Invalid {where}. " + " ".join(parts), errors
    if isinstance(exc, exceptions.Throttled):
        when = f"in {exc.wait} seconds (Retry-After)" if exc.wait else "shortly"
        return (
            f"Too many requests from your address: {describe_anonymous_limit()}. Try again "
            f"{when}, or use an API token.",
            None,
        )
    return str(exc.detail), None


def exception_handler(exc, context):
    """DRF's handler, with Django validation errors as 400s and every error a problem."""
    exc = _as_drf_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    request = context.get("request")
    detail, errors = _detail_and_errors(exc, request)
    code = _first_code(exc.get_codes())
    if request is None:
        response.data = {"detail": detail, "code": code}
        return response
    response.data = problem(request, response.status_code, detail, code, errors)
    # A problem whatever format was asked for: a CSV or calendar client still gets a message
    # it can show.
    request.accepted_renderer = ProblemJSONRenderer()
    request.accepted_media_type = PROBLEM_MEDIA_TYPE
    return response


# --- Paths that name no endpoint ------------------------------------------------------------


def _endpoint_with_slash(request):
    """Does the path with a slash appended name an endpoint? (/api/v1/events -> .../events/)"""
    if request.path_info.endswith("/"):
        return False
    try:
        match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.func is not api_not_found


def api_not_found(request, *args, **kwargs):
    """Any path under /api/ that names no endpoint: a redirect to the same path with its
    trailing slash if that names one (the query string kept), otherwise a 404 problem.

    Django's APPEND_SLASH cannot do it here: this view answers every such path, so to Django
    none of them is missing.
    """
    if _endpoint_with_slash(request):
        return HttpResponsePermanentRedirect(
            escape_leading_slashes(request.get_full_path(force_append_slash=True)),
            # 308 for a POST, so that it is repeated as a POST with its body.
            preserve_request=request.method not in ("GET", "HEAD"),
        )
    return problem_response(
        request,
        404,
        f"There is no API endpoint at {request.path}. The list of endpoints is at /api/v1/ "
        "and the documentation at /api/docs/.",
        "not_found",
    )


# --- What Django answers itself ---------------------------------------------------------------


def _is_api(request):
    return request.path_info.startswith(API_PREFIX)


def bad_request(request, exception):
    if not _is_api(request):
        return defaults.bad_request(request, exception)
    return problem_response(
        request,
        400,
        "The request could not be read: check its Host header, size and encoding.",
        "bad_request",
    )


def permission_denied(request, exception):
    if not _is_api(request):
        return defaults.permission_denied(request, exception)
    return problem_response(request, 403, "You are not allowed to do this.", "permission_denied")


def page_not_found(request, exception):
    if not _is_api(request):
        return defaults.page_not_found(request, exception)
    message = exception.args[0] if exception.args else None
    if isinstance(exception, Resolver404) or not isinstance(message, str):
        message = "No such resource, or not one you may see."
    return problem_response(request, 404, message, "not_found")


def server_error(request):
    if not _is_api(request):
        return defaults.server_error(request)
    return problem_response(
        request,
        500,
        "Something went wrong on our side, and it has been logged. Try again later.",
        "server_error",
    )
