"""What the bulk download holds: every list the API serves the public, row for row.

The archive is not a second description of the record that could drift from the API (or
leak what the API withholds): each resource is read through the API's own viewset, as an
anonymous client at the site's address (settings.SITE_URL), with the viewset's own queryset,
filters, serializer and serializer context. So it holds what the public may read, decided
by meetings.visibility (``Audience``), and nothing else.

A resource is every list under /api/v1/ that an anonymous client may read (the router's
registry, asked with the viewset's own permissions), so a list added later is in the next
archive without a change here; the staff-only minutes workflow is left out by its
permission and the deletions feed by its required ``since``, not by name. For each one:

- ``<name>.jsonl``: one JSON object per line, in the resource's detail form (what
  ``GET /api/v1/<name>/{id}/`` answers; for events, with agenda, attendance and declarations);
- ``<name>.csv``: the list's CSV (what ``?format=csv`` answers, every page), through the
  same column and cell rules (panel.api ``csv_columns`` and ``csv_cell``).

Rows are read in pages of ``CHUNK_SIZE`` by id (keyset, like the API's cursors), each page
with the viewset's prefetches, and written out at once: memory holds one page, however
large the record.
"""

import csv
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from rest_framework import exceptions, serializers
from rest_framework.utils.encoders import JSONEncoder

from panel.api import csv_cell, csv_columns, csv_lookup, router

# Rows read and serialized at a time: the API's largest page. Memory holds one page with
# everything its rows show (an event's agenda, motions and attendance): about 110 MB for 200
# events of six items each, against 240 MB for 500, for the same build time.
CHUNK_SIZE = 200
API_PREFIX = "/api/v1/"


class SiteRequest(HttpRequest):
    """A GET with no credentials at the site's own address, for the API's absolute links.

    A re-user follows the archive's links to the site, so they name SITE_URL rather than
    whichever host a request happened to use; SITE_URL is the site's own setting, not
    client input, so it is not checked against ALLOWED_HOSTS.
    """

    def __init__(self, path):
        super().__init__()
        self._site = urlsplit(settings.SITE_URL)
        self.method = "GET"
        self.path = self.path_info = path
        self.user = AnonymousUser()
        self.META = {"REQUEST_METHOD": "GET", "HTTP_HOST": self._site.netloc}

    def _get_scheme(self):
        return self._site.scheme or "http"

    def get_host(self):
        return self._site.netloc


def public_view(viewset, *, prefix, basename, action):
    """``viewset`` set up for one anonymous GET of ``action`` ("list" or "retrieve")."""
    view = viewset(
        action_map={"get": action},
        basename=basename,
        detail=action == "retrieve",
        format_kwarg=None,
        args=(),
        kwargs={},
    )
    view.request = view.initialize_request(SiteRequest(f"{API_PREFIX}{prefix}/"))
    view.headers = {}
    return view


@dataclass(frozen=True)
class Resource:
    """One list of the API, as the archive holds it."""

    name: str  # the router prefix: "events", "work-programme"
    viewset: type
    basename: str

    def view(self, action):
        return public_view(self.viewset, prefix=self.name, basename=self.basename, action=action)

    @cached_property
    def description(self):
        return (self.viewset.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")

    @property
    def api_url(self):
        return f"{settings.SITE_URL}{API_PREFIX}{self.name}/"


def _readable_by_public(viewset, prefix, basename):
    """Does an anonymous GET of the bare list answer with rows? Not for a list the public
    may not read (the minutes' workflow), nor for one that needs a parameter (the deletions
    feed, a tool for keeping a mirror in step rather than part of the record)."""
    if not hasattr(viewset, "list"):
        return False
    view = public_view(viewset, prefix=prefix, basename=basename, action="list")
    try:
        view.check_permissions(view.request)
        view.filter_queryset(view.get_queryset())  # builds the query; runs nothing
    except (exceptions.NotAuthenticated, exceptions.PermissionDenied, exceptions.ValidationError):
        return False
    return True


def public_resources():
    """Every list under /api/v1/ that an anonymous client may read, in the router's order."""
    router.urls  # noqa: B018 (imports every API module, so each has registered its viewsets)
    return [
        Resource(prefix, viewset, basename)
        for prefix, viewset, basename in router.registry
        if _readable_by_public(viewset, prefix, basename)
    ]


# --- Rows -----------------------------------------------------------------------------------


def pages(view):
    """The view's rows (its queryset, filtered as a request with no parameters would be),
    ``CHUNK_SIZE`` at a time in order of id, each page loaded with the view's prefetches."""
    rows = view.filter_queryset(view.get_queryset()).order_by("pk")
    after = None
    while True:
        page = list((rows if after is None else rows.filter(pk__gt=after))[:CHUNK_SIZE])
        if page:
            yield page
        if len(page) < CHUNK_SIZE:
            return
        after = page[-1].pk


class Spool:
    """A member of the archive being written: text in, UTF-8 bytes out to ``file``, with
    their count and SHA-256 (for the data package) taken on the way."""

    def __init__(self, file):
        self.file = file
        self.bytes = 0
        self.sha256 = hashlib.sha256()

    def write(self, text):
        data = text.encode()
        self.file.write(data)
        self.bytes += len(data)
        self.sha256.update(data)
        return len(text)


class JsonLinesWriter:
    """One row a line, encoded as the API's JSON renderer encodes (dates, decimals, UTF-8)."""

    def __init__(self, spool):
        self.spool = spool

    def write_rows(self, rows):
        for row in rows:
            self.spool.write(
                json.dumps(row, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":")) + "\n"
            )


class CsvWriter:
    """The rows as the API's ``?format=csv`` writes them (panel.api.CSVRenderer)."""

    def __init__(self, spool, columns):
        self.columns = columns
        self.writer = csv.writer(spool, lineterminator="\r\n")
        self.writer.writerow(columns)

    def write_rows(self, rows):
        self.writer.writerows(
            [csv_cell(csv_lookup(row, column)) for column in self.columns] for row in rows
        )


def write_rows(view, writers):
    """Serialize every row of ``view`` to each of ``writers``; the number of rows."""
    count = 0
    for page in pages(view):
        rows = view.get_serializer(page, many=True).data
        for writer in writers:
            writer.write_rows(rows)
        count += len(rows)
    return count


def write_resource(resource, jsonl_file, csv_file):
    """Write ``resource`` as JSON Lines (detail form) and CSV (list form) to the two binary
    files; returns (rows, the JSON Lines Spool, the CSV Spool).

    One pass when the list and the detail share a serializer; two (detail rows, then list
    rows) when the detail form says more, as an event's does."""
    jsonl, table = Spool(jsonl_file), Spool(csv_file)
    listing, detail = resource.view("list"), resource.view("retrieve")
    csv_writer = CsvWriter(table, csv_columns(listing.get_serializer()))
    if detail.get_serializer_class() is listing.get_serializer_class():
        rows = write_rows(listing, [JsonLinesWriter(jsonl), csv_writer])
    else:
        rows = write_rows(detail, [JsonLinesWriter(jsonl)])
        write_rows(listing, [csv_writer])
    return rows, jsonl, table


# --- The CSV's Table Schema -----------------------------------------------------------------

# Serializer field -> Frictionless Table Schema type of its CSV column (first match wins).
FIELD_TYPES = (
    (serializers.BooleanField, "boolean"),
    (serializers.IntegerField, "integer"),
    (serializers.PrimaryKeyRelatedField, "integer"),
    (serializers.DateTimeField, "datetime"),
    (serializers.DateField, "date"),
    (serializers.FloatField, "number"),
    (serializers.DecimalField, "number"),
    (serializers.ListSerializer, "array"),  # a nested list: a JSON array in the cell
    (serializers.SerializerMethodField, "any"),
)


def _column_fields(serializer, prefix=""):
    """(column name, field) in csv_columns' order."""
    for name, field in serializer.fields.items():
        if isinstance(field, serializers.Serializer):
            yield from _column_fields(field, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", field


def table_schema(view):
    """The Table Schema of the view's CSV: each column's name, type and help text."""
    fields = []
    for name, field in _column_fields(view.get_serializer()):
        kind = next((t for cls, t in FIELD_TYPES if isinstance(field, cls)), "string")
        column = {"name": name, "type": kind}
        if field.help_text:
            column["description"] = str(field.help_text)
        fields.append(column)
    schema = {"fields": fields}
    if any(column["name"] == "id" for column in fields):
        schema["primaryKey"] = ["id"]
    return schema
