"""Optional related rows read by id after a page of rows, rather than joined into its query.

``select_related`` joins each relation into the page's query. For a relation that is often
empty (the meeting an action goes back to, a motion's mover and seconder) the join costs
more than it brings: each table joined makes PostgreSQL weigh more join orders, and a page
of actions or decisions with two more joins took it several times as long to plan as to
run. ``QuerySet.read_after(queryset, *names)`` instead reads the rows those foreign keys
name from ``queryset``, in one query for all of them once the page is loaded, and no query
when no row names one.

The related rows are set as ``select_related`` would set them: ``row.mover`` reads no
further. Rows loaded with ``iterator()`` or as values are left alone (each relation is then
read when first used, as without either).
"""

from django.db import models


class ReadAfterQuerySet(models.QuerySet):
    #: ((foreign key names, queryset of their model), ...) to read once the rows are loaded.
    read_after_lookups = ()

    def _clone(self):
        clone = super()._clone()
        clone.read_after_lookups = self.read_after_lookups
        return clone

    def read_after(self, queryset, *names):
        """Each row's ``names`` (foreign keys to ``queryset``'s model, e.g. narrowed with
        ``only``) read from ``queryset`` in one query once the rows are loaded."""
        clone = self._chain()
        clone.read_after_lookups = (*self.read_after_lookups, (names, queryset))
        return clone

    def _fetch_all(self):
        loading = self._result_cache is None
        super()._fetch_all()
        if loading and self.read_after_lookups:
            rows = [row for row in self._result_cache if isinstance(row, self.model)]
            for names, queryset in self.read_after_lookups:
                read_related(rows, names, queryset)


def read_related(rows, names, queryset):
    """Set each of ``rows``' relations ``names`` to its row of ``queryset``, read in one query
    (none when no row names one)."""
    if not rows:
        return
    attnames = [(name, rows[0]._meta.get_field(name).attname) for name in names]
    wanted = {getattr(row, attname) for row in rows for _, attname in attnames} - {None}
    found = queryset.in_bulk(wanted) if wanted else {}
    for row in rows:
        for name, attname in attnames:
            related_id = getattr(row, attname)
            if related_id is not None:
                setattr(row, name, found[related_id])
