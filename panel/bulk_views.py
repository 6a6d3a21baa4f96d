"""The bulk download's two addresses: /api/bulk/ (what the archive is) and the archive.

Both serve the archive on disk as it is (panel.bulk_archive). When the record has changed
since it was built, they say so (``stale``), queue a rebuild (panel.bulk_tasks) and serve
it anyway, with its date: a re-user gets a complete, dated record at once rather than a
request that waits minutes. Only when there is no archive yet is one built during the
request; a second request meanwhile is told to come back (503, Retry-After).

The archive is the same for everyone (what the public may read), so signed-in users get it
too. Neither address goes through the public response cache: the file is streamed, and
whether it is current changes when a build finishes, not only when the record does.
"""

import hashlib
import logging
from functools import wraps

from django.core.cache import cache
from django.http import FileResponse, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from panel.bulk_archive import LICENCE, PACKAGE_NAME, Archive, build_archive
from panel.bulk_tasks import queue_rebuild
from panel.problems import problem_response
from panel.record_version import record_version

logger = logging.getLogger(__name__)

FIRST_BUILD_LOCK = "open-data:first-build"
FIRST_BUILD_SECONDS = 30 * 60
RETRY_AFTER_SECONDS = 60
CURRENT = "Built from the record as it is now."
STALE = (
    "The record has changed since this archive was built. A new one has been asked for; "
    "until it is ready, this one (the record as it stood at generated_at) is served."
)


class ArchiveUnavailable(Exception):
    """There is no archive to serve yet."""


def _first_build():
    if not cache.add(FIRST_BUILD_LOCK, True, FIRST_BUILD_SECONDS):
        raise ArchiveUnavailable(
            "The bulk download is being built for the first time: try again in a minute."
        )
    try:
        return build_archive()
    except Exception as error:
        logger.exception("The open data archive could not be built.")
        raise ArchiveUnavailable(
            "The bulk download could not be built just now: try again later, or read the "
            "API at /api/v1/ meanwhile."
        ) from error
    finally:
        cache.delete(FIRST_BUILD_LOCK)


def archive_to_serve():
    """(archive, stale): the archive on disk, and whether the record has changed since it
    was built (a rebuild is then queued). With none on disk yet, one is built now."""
    archive = Archive.open()
    if archive is None:
        return _first_build(), False
    version = record_version()
    if archive.is_current(version):
        return archive, False
    queue_rebuild(version)
    return archive, True


def safe_methods_only(view):
    """GET and HEAD; anything else is a JSON 405 naming what is allowed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = problem_response(
                request,
                405,
                f"{request.method} is not allowed here: the bulk download is read with GET.",
                "method_not_allowed",
            )
            response["Allow"] = "GET, HEAD"
            return response
        try:
            return view(request, *args, **kwargs)
        except ArchiveUnavailable as reason:
            response = problem_response(request, 503, str(reason), "unavailable")
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response

    return wrapper


def _label(response, archive, stale):
    """The headers that say which build this is and whether it is current."""
    response["ETag"] = archive.etag
    response["Last-Modified"] = http_date(archive.generated_at.timestamp())
    # Any cache may keep it, but must ask again (a 304 is cheap) before reusing it.
    response["Cache-Control"] = "public, no-cache"
    response["X-Record-Version"] = str(archive.record_version)
    response["X-Open-Data-Stale"] = "true" if stale else "false"
    return response


def describe(request, archive, stale):
    """The JSON of /api/bulk/."""
    package = archive.package
    return {
        "url": request.build_absolute_uri(reverse("open_data_download")),
        "filename": archive.filename,
        "media_type": "application/zip",
        "bytes": archive.size,
        "generated_at": package["created"],
        "as_of_date": package["as_of_date"],
        "record_version": archive.record_version,
        "stale": stale,
        "detail": STALE if stale else CURRENT,
        "sync": "To keep a copy current: load the archive, then read each list with "
        "?updated_since= and /api/v1/deletions/ with ?since=, both given generated_at.",
        "licence": {"id": LICENCE["name"], "name": LICENCE["title"], "url": LICENCE["path"]},
        "metadata": f"{PACKAGE_NAME} in the archive: a Frictionless Data Package, with each "
        "CSV file's Table Schema",
        "resources": [
            {key: resource[key] for key in ("name", "path", "format", "rows", "bytes", "hash")}
            for resource in package["resources"]
        ],
    }


@safe_methods_only
def open_data(request):
    """What the bulk download is: its date, record version, size, files and address; 304
    when the client's copy says the same."""
    archive, stale = archive_to_serve()
    try:
        response = JsonResponse(
            describe(request, archive, stale), json_dumps_params={"ensure_ascii": False}
        )
    finally:
        archive.close()
    # Validated by its own content, not the build's date: whether the archive is stale
    # changes without a new build.
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response = get_conditional_response(request, etag=etag) or response
    response["ETag"] = etag
    response["Cache-Control"] = "public, no-cache"
    return response


@safe_methods_only
def open_data_download(request):
    """The archive itself, as a zip file; 304 when the client already has this build."""
    archive, stale = archive_to_serve()
    unchanged = get_conditional_response(
        request, etag=archive.etag, last_modified=int(archive.generated_at.timestamp())
    )
    if unchanged is not None:
        archive.close()
        return _label(unchanged, archive, stale)
    if request.method == "HEAD":
        archive.close()
        response = HttpResponse(content_type="application/zip")
        response["Content-Length"] = str(archive.size)
    else:
        response = FileResponse(archive.file, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, archive.filename)
    return _label(response, archive, stale)
