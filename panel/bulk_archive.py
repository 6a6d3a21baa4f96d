"""The bulk download's archive on disk: built whole, put in place atomically, and read.

One zip file, ``record.zip`` in ``settings.OPEN_DATA_DIR`` (by default ``open-data`` under
MEDIA_ROOT), holds each public resource of the API twice (panel.bulk says how) and a
``datapackage.json`` (a Frictionless Data Package, v2) that says what the archive is: when it
was built, from which record version (panel.record_version), under which licence, and each
file's rows, bytes and SHA-256.

A build writes a temporary file beside the archive and renames it over the old one only
once it is complete: a download in progress keeps reading the file it opened, a failed or
interrupted build leaves the previous archive as it was, and no reader ever sees half an
archive. On PostgreSQL the rows are read in one read-only, repeatable-read transaction, so
the archive is the record as of one moment: no membership names a person missing from
people.jsonl because the person was added halfway through.
"""

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from panel.bulk import public_resources, table_schema, write_resource
from panel.record_version import record_version

logger = logging.getLogger(__name__)

ARCHIVE_NAME = "record.zip"
PACKAGE_NAME = "datapackage.json"
PART_PREFIX = ".record-"
PART_SUFFIX = ".zip.part"
# A part file this old was left by a build that was killed (a worker restarted mid-build).
ABANDONED_PART_SECONDS = 24 * 60 * 60
COPY_BUFFER = 1024 * 1024
LICENCE = {
    "name": "OGL-UK-3.0",
    "title": "Open Government Licence v3.0",
    "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
CSV_DIALECT = {
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\r\n",
    "quoteChar": '"',
    "doubleQuote": True,
}


def open_data_dir():
    default = Path(settings.MEDIA_ROOT) / "open-data"
    return Path(getattr(settings, "OPEN_DATA_DIR", default))


def archive_path():
    return open_data_dir() / ARCHIVE_NAME


# --- Reading --------------------------------------------------------------------------------


@dataclass
class Archive:
    """A built archive, open for reading: a rebuild that replaces the file meanwhile does not
    change what this one reads."""

    file: BinaryIO
    package: dict
    size: int

    @classmethod
    def open(cls):
        """The archive on disk, or None when there is none (or it cannot be read)."""
        try:
            file = archive_path().open("rb")
        except FileNotFoundError:
            return None
        try:
            with zipfile.ZipFile(file) as archive:
                package = json.loads(archive.read(PACKAGE_NAME))
        except (zipfile.BadZipFile, KeyError, ValueError):
            logger.exception("The open data archive %s cannot be read; building anew.", file.name)
            file.close()
            return None
        file.seek(0)
        return cls(file=file, package=package, size=os.fstat(file.fileno()).st_size)

    def close(self):
        self.file.close()

    @property
    def record_version(self):
        return self.package["record_version"]

    @property
    def generated_at(self):
        return datetime.fromisoformat(self.package["created"])

    @property
    def etag(self):
        # Each build has its own id: a strong validator for exactly these bytes.
        return f'"{self.package["id"].removeprefix("urn:uuid:")}"'

    @property
    def filename(self):
        return f"{self.package['name']}-{self.package['as_of_date']}.zip"

    def is_current(self, version):
        """Built from record version ``version``, today? Actions' RAG status and overdue flags
        turn at midnight without a write to the record, so yesterday's archive is stale too."""
        return (
            self.record_version == version
            and self.package["as_of_date"] == timezone.localdate().isoformat()
        )


# --- Building -------------------------------------------------------------------------------


@contextlib.contextmanager
def consistent_snapshot():
    """Read the whole record as of one moment where the database can (PostgreSQL).

    SQLite is left alone: the site opens its transactions IMMEDIATE, which would hold the
    write lock for the whole build. Inside a transaction already (a test), nothing changes.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _member(archive, name, spool, started):
    """Copy a spooled file into the archive as ``name``."""
    info = zipfile.ZipInfo(name, date_time=timezone.localtime(started).timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = spool.bytes  # lets zipfile choose ZIP64 for a member over 2 GiB
    spool.file.seek(0)
    with archive.open(info, "w") as member:
        shutil.copyfileobj(spool.file, member, COPY_BUFFER)


def _file_entry(spool, rows):
    return {
        "encoding": "utf-8",
        "bytes": spool.bytes,
        "hash": f"sha256:{spool.sha256.hexdigest()}",
        "rows": rows,
    }


def _add_resource(archive, resource, started):
    """Write ``resource``'s two files into ``archive``; their Data Package descriptions."""
    directory = open_data_dir()
    with (
        tempfile.TemporaryFile(dir=directory) as jsonl_file,
        tempfile.TemporaryFile(dir=directory) as csv_file,
    ):
        rows, jsonl, table = write_resource(resource, jsonl_file, csv_file)
        _member(archive, f"{resource.name}.jsonl", jsonl, started)
        _member(archive, f"{resource.name}.csv", table, started)
    source = [{"title": f"GET {resource.api_url}", "path": resource.api_url}]
    return [
        {
            "name": resource.name,
            "path": f"{resource.name}.jsonl",
            "description": f"{resource.description} One row a line, as "
            f"GET {resource.api_url}{{id}}/ gives it to the public.",
            "format": "jsonl",
            "mediatype": "application/jsonl",
            **_file_entry(jsonl, rows),
            "sources": source,
        },
        {
            "name": f"{resource.name}-csv",
            "path": f"{resource.name}.csv",
            "type": "table",
            "description": f"{resource.description} The list as "
            f"GET {resource.api_url}?format=csv gives it to the public.",
            "format": "csv",
            "mediatype": "text/csv",
            **_file_entry(table, rows),
            "dialect": CSV_DIALECT,
            "schema": table_schema(resource.view("list")),
            "sources": source,
        },
    ]


def data_package(*, version, started, resources):
    """The archive's datapackage.json (Frictionless Data Package v2), as a dict."""
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "id": uuid.uuid4().urn,
        "name": f"{slugify(settings.SITE_NAME)}-open-data",
        "title": f"{settings.SITE_NAME}: the public record",
        "description": "Everything the open data API gives the public, as one download: each "
        "resource as JSON Lines (its detail form) and as CSV (its list form). Items "
        "considered in private, restricted actions and papers, and minutes not yet published "
        "are not included. To keep a copy current, read each list with ?updated_since= and "
        "/api/v1/deletions/ with ?since=, both given this package's created time: the rows "
        "were read after it.",
        "homepage": f"{settings.SITE_URL}/",
        "created": started.isoformat(),
        "licenses": [LICENCE],
        "sources": [{"title": "Open data API", "path": f"{settings.SITE_URL}/api/v1/"}],
        # What the archive was built from: the record version (it changes on every write to
        # the record) and the day (actions' RAG status is as of that day).
        "record_version": version,
        "as_of_date": timezone.localdate(started).isoformat(),
        "resources": resources,
    }


def _write_archive(file, *, version, started):
    with consistent_snapshot(), zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        described = []
        for resource in public_resources():
            described += _add_resource(archive, resource, started)
        package = data_package(version=version, started=started, resources=described)
        archive.writestr(PACKAGE_NAME, json.dumps(package, indent=2, ensure_ascii=False))


def _remove_abandoned_parts(directory):
    cutoff = time.time() - ABANDONED_PART_SECONDS
    for part in directory.glob(f"{PART_PREFIX}*{PART_SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):
            if part.stat().st_mtime < cutoff:
                part.unlink()


def _newer_on_disk(started):
    """Has a build that read the record after ``started`` already put its archive in place?
    (Two builds can overlap: a worker's and a deploy's. The later snapshot wins.)"""
    current = Archive.open()
    if current is None:
        return False
    try:
        return current.generated_at > started
    finally:
        current.close()


def build_archive(*, version=None):
    """Build the archive from the record as it is now and put it in place.

    ``version`` is the record version to label it with: the one a caller saw (the rows are
    read after it, so they are at least that new), else the current one. Returns the
    Archive now on disk; raises whatever stopped the build, leaving the previous archive.
    """
    directory = open_data_dir()
    directory.mkdir(parents=True, exist_ok=True)
    _remove_abandoned_parts(directory)
    version = record_version() if version is None else version
    started = timezone.now()
    handle, part = tempfile.mkstemp(prefix=PART_PREFIX, suffix=PART_SUFFIX, dir=directory)
    try:
        with os.fdopen(handle, "wb") as file:
            _write_archive(file, version=version, started=started)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(part, 0o644)  # mkstemp makes it private to its owner; the data is public
        if not _newer_on_disk(started):
            os.replace(part, archive_path())
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(part)
    return Archive.open()
