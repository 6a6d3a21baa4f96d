"""Actions counted by RAG rating, kept per audience, day and record version.

Counting the visible outstanding actions by rating is one aggregate over every action the
visitor may see (the visibility joins and the RAG ``CASE``): ~1 ms of Python to build and,
nationally, tens of milliseconds of database time. The answer changes only when the record
does (``panel.record_version``, bumped after every committed write), at midnight (ratings are
relative to today), or with who is asking, so it is kept under all three: in each process,
and in the shared cache for the others (``per_version_shared``).
"""

import hashlib

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from actions.models import Action, readers_key, visible_actions
from panel.record_version import per_version_shared

TOTAL = "total"
# A backstop: the record version and the date in the key already retire stale counts.
TIMEOUT = 60 * 60 * 24


def rag_counts(actions, *, audience, on=None, variant=""):
    """``{rating: count}`` of ``actions`` (annotated ``rag``), which must be the actions
    ``audience`` may see narrowed only by ``variant`` (e.g. the page's filters), with
    ``TOTAL``: how many there are in all, closed ones included (the list's page count)."""

    def count():
        return actions.order_by().aggregate(
            **{rag: Count("pk", filter=Q(rag=rag)) for rag in Action.Rag.values},
            **{TOTAL: Count("pk")},
        )

    if connection.in_atomic_block:
        # Inside a transaction the counts may include its own uncommitted writes, and the
        # version they would be keyed on is bumped only at its commit: count afresh.
        return count()
    on = on or timezone.localdate()
    digest = hashlib.blake2b(variant.encode(), digest_size=12).hexdigest()
    key = f"action-counts:{on.isoformat()}:{readers_key(audience)}:{digest}"
    return per_version_shared(key, count, TIMEOUT)


def outstanding_rag_counts(audience, on=None):
    """``{rating: count}`` of the outstanding actions ``audience`` may see."""
    on = on or timezone.localdate()
    actions = visible_actions(audience, "outstanding", lambda visible: visible.outstanding(), on=on)
    return rag_counts(actions, audience=audience, on=on, variant="outstanding")
