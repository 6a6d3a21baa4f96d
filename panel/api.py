"""The one API router and the parts every viewset under /api/v1/ shares.

Each app registers its viewsets on ``router`` (meetings.api, actions.api). Here: declared
filters only (an unknown or malformed query parameter is a 400 naming it), bounded pages
followed by cursor, and CSV for lists. Errors, one problem details shape for all
(``exception_handler``, ``ErrorSerializer``, ``Conflict``, ``api_not_found``), live in
panel.problems and are imported here, where the apps and the settings have always found them.

The base viewset and the schema class that use these live in meetings.api: the settings name
``panel.api.StandardPagination``, which DRF imports while rest_framework.generics is still
loading, so this module must not import DRF's viewsets or drf-spectacular's AutoSchema.
"""

import csv
import io
import json
from importlib import import_module

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from panel.problems import (  # noqa: F401 (their home was here: see the docstring)
    Conflict,
    ErrorSerializer,
    api_not_found,
    exception_handler,
)

# --- Pagination ---------------------------------------------------------------------------


class StandardPagination(CursorPagination):
    """Pages of 25 rows by default and 200 at most, followed by cursor; bad values are 400s.

    A cursor names the last row seen, so a page costs one indexed query however deep it is,
    and no ``COUNT(*)`` over the (often multi-table) visible rows is run: on the national
    dataset that count alone took 42-338 ms. Clients follow ``next`` and ``previous`` (or
    the Link header) rather than asking for page N.

    Each viewset declares a stable order (``ordering``, ending in a unique key) and the
    ``?ordering=`` values it offers (``ordering_fields``: name -> a non-null column on the
    model, ties broken by primary key). A cursor's position is that column's value, so a
    related or nullable column cannot be offered.
    """

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering_query_param = "ordering"
    invalid_cursor_message = "That cursor is not one this list gave: follow next or previous."

    def query_params(self, view):
        """The query parameters this paginator reads on ``view``."""
        params = {self.cursor_query_param, self.page_size_query_param}
        if getattr(view, "ordering_fields", None):
            params.add(self.ordering_query_param)
        return params

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        f"Give a whole number from 1 to {self.max_page_size}."
                    ]
                }
            )
        return int(raw)

    def get_ordering(self, request, queryset, view):
        fields = getattr(view, "ordering_fields", {})
        raw = request.query_params.get(self.ordering_query_param)
        if not raw:
            return tuple(getattr(view, "ordering", None) or ("pk",))
        name = raw.removeprefix("-")
        if name not in fields:
            allowed = ", ".join(sorted(fields))
            raise exceptions.ValidationError(
                {
                    self.ordering_query_param: [
                        f"Cannot sort by {raw}: use one of {allowed}, with - for descending."
                    ]
                }
            )
        sign = "-" if raw.startswith("-") else ""
        return (f"{sign}{fields[name]}", f"{sign}pk")

    def _invalid_cursor(self):
        return exceptions.ValidationError(
            {self.cursor_query_param: [str(self.invalid_cursor_message)]}
        )

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._invalid_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, DjangoValidationError):
            # A hand-made cursor whose position is not a value of the sort column.
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise self._invalid_cursor() from None

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            # Lets CSV and calendar clients, which see no JSON envelope, follow the pages.
            response["Link"] = ", ".join(links)
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.cursor_query_param:
                parameter["description"] = (
                    "Where the page starts: copy it from the `next` or `previous` link of the "
                    "page before. Omit it for the first page."
                )
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = (
                    f"Rows per page: {self.page_size} unless given, {self.max_page_size} at most."
                )
        fields = getattr(view, "ordering_fields", {})
        if fields:
            names = sorted(fields)
            parameters.append(
                {
                    "name": self.ordering_query_param,
                    "required": False,
                    "in": "query",
                    "description": "Sort by (- for descending); ties in the order of `id`.",
                    "schema": {
                        "type": "string",
                        "enum": [*names, *(f"-{name}" for name in names)],
                    },
                }
            )
        return parameters


# --- CSV ----------------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_columns(serializer, prefix=""):
    """Column names for a serializer's fields: nested objects become dotted columns."""
    columns = []
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            columns += csv_columns(field, f"{prefix}{name}.")
        else:
            columns.append(f"{prefix}{name}")
    return columns


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(item, (dict, list)) for item in value):
            return "; ".join(str(item) for item in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    # A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def csv_lookup(row, column):
    """The value of a dotted CSV column (``person.name``) in a row of nested dicts."""
    value = row
    for part in column.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


class CSVRenderer(BaseRenderer):
    """A list endpoint's rows as CSV, one column per field (nested fields dotted)."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        rows = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(rows, dict):
            rows = [rows]
        rows = rows or []
        if view is not None and hasattr(view, "get_serializer"):
            columns = csv_columns(view.get_serializer())
        else:
            columns = list(rows[0]) if rows else []
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(csv_lookup(row, column)) for column in columns])
        response = renderer_context.get("response")
        if response is not None and view is not None and getattr(view, "basename", None):
            response["Content-Disposition"] = f'attachment; filename="{view.basename}.csv"'
        return buffer.getvalue().encode(self.charset)


# --- Schema ---------------------------------------------------------------------------

# Documented on every operation that can answer with the code (see meetings.api.PanelAutoSchema).
ERROR_DESCRIPTIONS = {
    400: "Invalid input: a query parameter or body field has a value that is not allowed. "
    "`errors` names each one.",
    401: "The Authorization token is missing, unknown or inactive, where one is needed.",
    403: "Signed in, but not allowed to do this (or a session request without its CSRF token).",
    404: "No such resource, or not one you may see.",
    406: "The endpoint has no such format: `format` (or the Accept header) names one it does "
    "not offer.",
    409: "The resource's current state does not allow this change, e.g. completing an action "
    "that is already complete.",
    415: "The request body is not JSON: send Content-Type: application/json.",
    429: "Too many requests from one address without a token: wait the seconds the "
    "Retry-After header gives, or use an API token.",
}


# --- Viewsets -----------------------------------------------------------------------------


class DeclaredFilterBackend(DjangoFilterBackend):
    """django-filter, refusing query parameters that the endpoint does not declare.

    A mistyped parameter (``?stauts=open``) would otherwise be ignored and return every row,
    which looks like an answer; a 400 naming it is one.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        known.add(api_settings.URL_FORMAT_OVERRIDE)
        paginator = getattr(view, "paginator", None)
        if paginator is not None:
            known |= paginator.query_params(view)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            allowed = ", ".join(sorted(known))
            raise exceptions.ValidationError(
                {name: [f"Unknown query parameter: use one of {allowed}."] for name in unknown}
            )
        return super().filter_queryset(request, queryset, view)


# The apps' API modules: each registers its viewsets on ``router``. The router imports them
# all before it lists its URLs, so a module that nothing else imports (the minutes' staff
# workflow) is registered too.
API_MODULES = ("meetings.api", "actions.api", "meetings.api_minutes", "meetings.api_sync")


class PanelRouter(DefaultRouter):
    def get_urls(self):
        for module in API_MODULES:
            import_module(module)
        return super().get_urls()


router = PanelRouter(root_renderers=[JSONRenderer])
