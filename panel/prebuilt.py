"""Querysets built once per process and handed out as fresh copies.

Building a queryset of the record as an audience may read it (visibility filters, ``Exists``
subqueries, the RAG ``CASE``, a page's prefetches) costs a few milliseconds of Python on every
request, yet the result depends only on who is reading (``Audience.rights``), the page and
sometimes today's date. ``prebuilt(key, build)`` builds it once per process and returns a
copy (``.all()``, a few microseconds); the copy is filtered, paged and evaluated as any other.

What may be kept is a queryset that has not been evaluated and that names no row of the
record by value: it is rebuilt into SQL and run against the database each time, so it always
reads the record as it is now. ``key`` must name everything ``build`` depends on. Each copy
also gets copies of its prefetches' querysets, at every depth (and of those it runs later): Django notes the instances it
prefetches for on those (``_add_hints``), which must not outlive the request.
"""

import copy

from django.db.models import Prefetch, QuerySet

_built = {}
# Keys are a few per page and audience: a bound against a key that wrongly varies per request.
LIMIT = 500


def prebuilt(key, build):
    """A copy of ``build()``'s queryset, built once per ``key`` in this process."""
    queryset = _built.get(key)
    if queryset is None:
        queryset = build()
        if not isinstance(queryset, QuerySet) or queryset._result_cache is not None:
            raise TypeError(f"prebuilt({key!r}) needs an unevaluated QuerySet")
        if len(_built) >= LIMIT:
            _built.clear()
        _built[key] = queryset
    return _copy(queryset)


def _copy(queryset):
    copied = queryset.all()
    copied._prefetch_related_lookups = tuple(
        _copy_prefetch(lookup) for lookup in queryset._prefetch_related_lookups
    )
    # Prefetches a queryset runs after its own (meetings' minuted record, see
    # MeetingQuerySet.with_record) are copied the same way.
    later = getattr(queryset, "record_prefetches", ())
    if later:
        copied.record_prefetches = tuple(_copy_prefetch(lookup) for lookup in later)
    return copied


def _copy_prefetch(lookup):
    if not isinstance(lookup, Prefetch) or lookup.queryset is None:
        return lookup
    copied = copy.copy(lookup)
    copied.queryset = _copy(lookup.queryset)
    return copied
