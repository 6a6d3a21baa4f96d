"""The record version: one number in the shared cache that changes whenever the record does.

Anything cached from the record (public pages, RAG counts, the header) puts
``record_version()`` in its key, so a write makes every such entry unreachable at once; nothing
has to know which pages a change touches.

The version is bumped by the database itself rather than by each write path: an execute
wrapper on every connection (``install``, connected from meetings/apps.py) notices INSERT,
UPDATE, DELETE and TRUNCATE statements on the record's own tables (the ``meetings`` and
``actions`` apps') and bumps once the transaction commits. Services, the admin, the importer's
bulk writes and ``queryset.update()`` (which send no signals), management commands and raw SQL
are all caught, and a write path added later cannot forget to. Writes to sessions, log-in
throttling, tokens, the admin log and the task queue leave the version alone; writes to the
tables that grant permissions (``AUTH_TABLES``) bump it, so permissions can be kept under it.

Within a request the version is read once (``RequestVersionMiddleware``), and small things
every page needs are kept per process under it (``per_version``).

The bump waits for the commit: a reader that sees the new version then reads the new rows. A
reader that fetched the old version and then renders new rows stores them under the old
version, which nobody asks for again; no reader can store old rows under the new version.

Beside the version the cache keeps when it last changed (``MODIFIED_KEY``: the version and
the time it was bumped to), for the public pages' Last-Modified (panel/http_cache.py).
"""

import logging
import re
import secrets
import threading
import time
from functools import cache as memoize

from django.apps import apps
from django.core.cache import cache
from django.db import connections
from django.db.transaction import TransactionManagementError

logger = logging.getLogger(__name__)

VERSION_KEY = "record-version"
MODIFIED_KEY = "record-version-modified"
RECORD_APPS = ("meetings", "actions")
# Who may do what: writes to these bump the version too, so that permissions cached under it
# (panel.permissions) change with them. Users' own rows are not among them: a sign-in writes
# ``last_login``, and must not retire every cached page.
AUTH_TABLES = frozenset(
    {
        "auth_group",
        "auth_permission",
        "auth_group_permissions",
        "auth_user_groups",
        "auth_user_user_permissions",
    }
)

# The statement's verb and, when it names one, its table (optionally schema-qualified and
# quoted with " or `). SQLite's "INSERT OR REPLACE INTO" and "REPLACE INTO" count as writes.
WRITE_STATEMENT = re.compile(
    r"""\s*(?:
        (?:INSERT|REPLACE)(?:\s+OR\s+\w+)?\s+INTO
        |UPDATE(?:\s+ONLY)?
        |DELETE\s+FROM(?:\s+ONLY)?
        |TRUNCATE(?:\s+TABLE)?(?:\s+ONLY)?
        |MERGE\s+INTO
    )\s+(?:["`]?\w+["`]?\.)?["`]?(\w+)?""",
    re.IGNORECASE | re.VERBOSE,
)
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "TRUNCATE", "MERGE")


def _fresh_start():
    # A random starting point, never 0 or 1: if the key is evicted or Redis restarts, counting
    # must not come back to a number that pages were cached under before.
    return secrets.randbits(48)


# Within one request the version is read from the cache once (RequestVersionMiddleware):
# a page asks for it for its cache key, the RAG counts, permissions and drop-downs.
_request = threading.local()


def record_version():
    """The record's current version, to put in the key of anything cached from the record."""
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    # The note of when it changed comes in the same round trip: every public page wants it
    # for its Last-Modified (read_record_modified).
    found = cache.get_many([VERSION_KEY, MODIFIED_KEY])
    version = found.get(VERSION_KEY)
    if version is None:
        version = _start_counting()
    if getattr(_request, "active", False):
        _request.version, _request.modified = version, found.get(MODIFIED_KEY)
    return version


def _start_counting():
    """A fresh version, when there is none (a new cache, or the key evicted): when the record
    last changed is not known, so now is taken, which is never too early."""
    cache.add(VERSION_KEY, _fresh_start(), timeout=None)
    version = cache.get(VERSION_KEY)
    _note_modified(version)
    return version


def _note_modified(version):
    cache.set(MODIFIED_KEY, (version, time.time()), timeout=None)


def record_modified(version, stored):
    """When the record became ``version`` (a Unix time), given what the cache holds under
    MODIFIED_KEY; None when that is not known.

    Between a bump and the note of its time, or when two bumps race, the note is of another
    version: then the time is not known, rather than guessed.
    """
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == version:
        return stored[1]
    return None


def read_record_modified(version):
    """``record_modified`` for ``version``: from the note read with this request's version
    when there is one, else from the cache."""
    if getattr(_request, "version", None) == version and _request.modified is not None:
        return record_modified(version, _request.modified)
    return record_modified(version, cache.get(MODIFIED_KEY))


# (key, version) -> (value, monotonic time it expires), for per_version(). Entries of an older
# version are never asked for again; the store is emptied when it reaches PER_VERSION_LIMIT.
_per_version = {}
PER_VERSION_LIMIT = 500
# A backstop, as the public cache's time limit is: a bump that failed (Redis unreachable) or
# came before its commit (manual transactions) leaves a stale entry at most this long.
PER_VERSION_SECONDS = 300


def per_version(key, build, timeout=PER_VERSION_SECONDS):
    """``build()``, kept in this process until the record changes, for ``timeout`` seconds at
    most: for small things every page needs (drop-down options, the signed-in name). ``key``
    must name everything the value depends on besides the record.

    Inside a transaction the value may include its own uncommitted writes, and the version is
    bumped only at its commit: it is built afresh and not kept."""
    if connections["default"].in_atomic_block:
        return build()
    full_key = (key, record_version())
    now = time.monotonic()
    kept = _per_version.get(full_key)
    if kept is not None and kept[1] > now:
        return kept[0]
    if len(_per_version) >= PER_VERSION_LIMIT:
        _per_version.clear()
    value = build()
    _per_version[full_key] = (value, now + timeout)
    return value


def per_version_shared(key, build, timeout):
    """``per_version`` backed by the shared cache: kept in this process, and on its first use
    here read from the cache (where another process may have put it) before ``build()``;
    ``timeout`` seconds at most in the cache, and at most PER_VERSION_SECONDS in a process.

    For what costs a query or more to build (RAG counts, a user's permissions). ``key`` is a
    string naming everything the value depends on besides the record."""
    if connections["default"].in_atomic_block:
        return build()

    def shared():
        full_key = f"{key}:{record_version()}"
        value = cache.get(full_key)
        if value is None:
            value = build()
            cache.set(full_key, value, timeout)
        return value

    return per_version(("shared", key), shared, min(timeout, PER_VERSION_SECONDS))


class RequestVersionMiddleware:
    """Reads the record version once per request, in the request's own thread; a write the
    request commits (which bumps it) makes the next read fetch it again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request.active, _request.version, _request.modified = True, None, None
        try:
            return self.get_response(request)
        finally:
            _request.active, _request.version, _request.modified = False, None, None


def bump_record_version():
    """Make every entry keyed on the current version unreachable."""
    _request.version = _request.modified = None
    try:
        try:
            version = cache.incr(VERSION_KEY)
        except ValueError:  # no version yet (or evicted): any fresh number is a change
            _start_counting()
        else:
            _note_modified(version)
    except Exception:
        # The write has already committed and must not be reported as failed: say so loudly,
        # and let the cache's time limit (PUBLIC_CACHE["TIMEOUT"]) end the stale entries.
        logger.exception("Could not bump the record version; cached pages may be stale.")


@memoize
def record_tables():
    """The database tables of the record's apps, many-to-many tables included, and the
    tables that grant permissions."""
    return AUTH_TABLES | frozenset(
        model._meta.db_table.lower()
        for label in RECORD_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


def writes_record(sql):
    """Does this statement change the record? Unsure (a write whose table cannot be read
    from the SQL) counts as yes: a needless bump costs a page render, a missed one a stale
    page."""
    head = sql[:64].lstrip()[:8].upper()  # not the whole of a bulk insert's SQL
    if not head.startswith(WRITE_VERBS):
        return False
    match = WRITE_STATEMENT.match(sql)
    if match is None or match.group(1) is None:
        return True
    return match.group(1).lower() in record_tables()


class _BumpOnCommit:
    """One bump for one transaction, however many writes it makes.

    Each write registers the same object with ``on_commit`` (so a savepoint rolled back takes
    only its own registrations with it, and a test's captured callbacks include it); the first
    call bumps and the rest do nothing.
    """

    def __init__(self):
        self.done = False

    def __call__(self):
        if not self.done:
            self.done = True
            bump_record_version()


def _schedule_bump(connection):
    if not connection.in_atomic_block:
        bump_record_version()  # autocommit: the statement has already committed
        return
    pending = getattr(connection, "_record_version_bump", None)
    if pending is None or pending.done:
        pending = connection._record_version_bump = _BumpOnCommit()
    try:
        connection.on_commit(pending, robust=True)
    except TransactionManagementError:
        # Manual transaction management has no commit hook: bump now, and let the time limit
        # cover a reader that caches between this bump and the commit.
        bump_record_version()


def _bump_after_writes(connection):
    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        text = sql.decode(errors="replace") if isinstance(sql, bytes) else str(sql)
        if writes_record(text):
            _schedule_bump(connection)
        return result

    wrapper.bumps_record_version = True
    return wrapper


def install(connection, **kwargs):
    """Watch ``connection`` for writes to the record (a ``connection_created`` receiver)."""
    if any(getattr(w, "bumps_record_version", False) for w in connection.execute_wrappers):
        return
    # First in the list, so it wraps any other; and ``with connection.execute_wrapper(...)``,
    # which pops the last wrapper on exit, cannot remove it if a connection opens inside one.
    connection.execute_wrappers.insert(0, _bump_after_writes(connection))


def install_on_open_connections():
    for connection in connections.all(initialized_only=True):
        install(connection)
