"""Keeping the bulk download current: its rebuild, as a task of Django's tasks framework.

A download that finds the archive older than the record queues ``build_open_data`` and is
served the archive it found, with its date; the task waits in the database queue
(django-tasks-db) until a worker (``make worker``, ``manage.py db_worker``) runs it, so no
request waits minutes for a national dataset to be written. However many downloads find it
stale, one build at a time is queued (a key in the shared cache says one is on its way).
``manage.py build_open_data`` builds at once, for cron or a deploy.
"""

import logging

from django.core.cache import cache
from django.tasks import task

from panel.bulk_archive import Archive, build_archive
from panel.record_version import record_version

logger = logging.getLogger(__name__)

# At most one rebuild is queued or running at a time: a busy day of edits, each followed by a
# download, costs one build after another, never several at once. The key is cleared when a
# build succeeds; a build that fails holds it until it expires, so it is tried again an hour
# later rather than at every download in between.
QUEUED_KEY = "open-data:rebuild-queued"
QUEUED_SECONDS = 60 * 60


def summary(archive):
    """What a build made, for the task's result and the command's output."""
    package = archive.package
    return {
        "record_version": archive.record_version,
        "created": package["created"],
        "bytes": archive.size,
        "rows": {r["name"]: r["rows"] for r in package["resources"] if r["format"] == "jsonl"},
    }


def _already_current():
    archive = Archive.open()
    if archive is None:
        return None
    if archive.is_current(record_version()):
        return archive
    archive.close()
    return None


def _label(version):
    """The record version to label a queued build with.

    Read now where this process shares the cache with the download that queued the build
    (it finds the key that download set), so that writes made since count too. Where it does
    not (each process with its own memory cache, as in development without Redis), its own
    version means nothing to the web server's, so the download's is used: the rows are read
    after it, so they are at least that new."""
    if version is None or cache.get(QUEUED_KEY) == version:
        return record_version()
    return version


@task
def build_open_data(version=None):
    """Build the bulk download's archive and put it in place (panel.bulk_archive).

    ``version`` is the record version the download that queued it saw; with none (the
    management command), the current one, and the archive is built whatever is on disk.
    A queued build finding the archive already current (another build got there first)
    builds nothing. Returns the summary of the archive now on disk."""
    archive = _already_current() if version is not None else None
    if archive is None:
        archive = build_archive(version=_label(version))
    cache.delete(QUEUED_KEY)
    try:
        return summary(archive)
    finally:
        archive.close()


def queue_rebuild(version):
    """Queue a build for a download that saw record version ``version``, unless one is
    queued or running already; True when this call queued it."""
    if not cache.add(QUEUED_KEY, version, QUEUED_SECONDS):
        return False
    try:
        build_open_data.enqueue(version=version)
    except Exception:
        # The stale archive is still served; the next download asks again.
        cache.delete(QUEUED_KEY)
        logger.exception("Could not queue a rebuild of the open data archive.")
        return False
    return True
