"""Stored visibility: the flags and dates the record's lists filter and sort on, kept current.

Who may read a resolution or an action is decided by rules over several tables (an item's
confidentiality, the status of its meeting's minutes, an action's own marking): ``Resolution``
and ``actions.models.PUBLIC_ACTION`` state them. Evaluating those rules in every list query
joins every agenda item and the minutes of every meeting, which a national record cannot
afford. So each row also stores the rule's answer (``is_public``, and the date of its meeting
for sorting), and the public lists filter on that.

The stored answer is a cache of the rule and must never disagree with it: a stale ``True``
would show the public what they may not read. Every write that can change an input of the
rule recomputes the flags of the meetings it touches, in its own transaction:

- a model's ``save()`` notices (with ``TracksVisibilityInputs``) that one of its inputs
  changed and calls ``refresh_visibility`` for its meeting;
- writes that bypass ``save()`` (``bulk_create``, ``QuerySet.update``) call
  ``refresh_visibility`` themselves.

``refresh_visibility`` announces the meetings; each app that stores flags recomputes its own
rows from its rule with one UPDATE (``meetings`` may not import ``actions``, so the action log
listens rather than being called).
"""

from django.db import transaction
from django.dispatch import Signal

#: Sent, inside the writing transaction, when an input of the visibility rules changed for
#: the record of some meetings. ``meeting_ids``: an iterable of ids, or None for every meeting.
visibility_inputs_changed = Signal()


def refresh_visibility(*, meeting_ids=None):
    """Recompute the stored visibility flags and dates of the record of ``meeting_ids`` (every
    meeting when None) from the rules. Call inside the transaction that changed them."""
    if meeting_ids is not None:
        meeting_ids = sorted({pk for pk in meeting_ids if pk is not None})
        if not meeting_ids:
            return
    visibility_inputs_changed.send(sender=None, meeting_ids=meeting_ids)


class TracksVisibilityInputs:
    """A model mixin that remembers the values of ``visibility_inputs`` (attnames) as loaded,
    so that ``save()`` can tell whether one of them changed, and then calls the model's
    ``visibility_inputs_saved(adding=...)`` to recompute what depends on them, in the same
    transaction as the save. A new row counts as changed."""

    visibility_inputs = ()

    def save(self, **kwargs):
        changed = self.visibility_inputs_changed(kwargs.get("update_fields"))
        adding = self._state.adding
        if not changed:
            super().save(**kwargs)
            return
        # The save and the recomputation stand or fall together.
        with transaction.atomic(using=kwargs.get("using")):
            super().save(**kwargs)
            self.visibility_inputs_saved(adding=adding)
        self.remember_visibility_inputs()

    def visibility_inputs_saved(self, *, adding):
        """Recompute what depends on this row's inputs (``loaded_input`` gives the earlier
        values until this returns)."""
        raise NotImplementedError

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The row as loaded, read only if the instance is ever saved: a page of a list loads
        # hundreds of these and saves none.
        instance._loaded_row = (field_names, values)
        return instance

    def _loaded(self):
        """The inputs' values as the database last gave them."""
        loaded = self.__dict__.get("_loaded_inputs")
        if loaded is None:
            names, values = self.__dict__.pop("_loaded_row", ((), ()))
            loaded = {
                name: values[names.index(name)] for name in self.visibility_inputs if name in names
            }
            self._loaded_inputs = loaded
        return loaded

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        # What the database holds now is what a later save() must compare against; a field
        # not reloaded keeps its earlier value, so an unsaved change to it is still seen.
        self.remember_visibility_inputs(fields)

    def remember_visibility_inputs(self, fields=None):
        """Remember the inputs' current values as the database's (only ``fields``, names or
        attnames, when given)."""
        remembered = dict(self._loaded()) if fields is not None else {}
        self.__dict__.pop("_loaded_row", None)
        for name in self.visibility_inputs:
            if fields is not None and not _names_field(fields, self, name):
                continue
            if name in self.__dict__:
                remembered[name] = self.__dict__[name]
        self._loaded_inputs = remembered

    def loaded_input(self, name):
        """The value of input ``name`` when the row was loaded (None when unknown)."""
        return self._loaded().get(name)

    def visibility_inputs_changed(self, update_fields=None):
        """Whether saving now (with ``update_fields``, as ``save()`` takes it) writes an input
        of the visibility rules that differs from what was loaded."""
        if self._state.adding:
            return True
        loaded = self._loaded()
        for name in self.visibility_inputs:
            if update_fields is not None and not _names_field(update_fields, self, name):
                continue
            # A deferred field that was never set is not written by save().
            if name in self.__dict__ and (
                name not in loaded or loaded[name] != self.__dict__[name]
            ):
                return True
        return False


def _names_field(update_fields, instance, attname):
    field = next(f for f in instance._meta.concrete_fields if f.attname == attname)
    return field.name in update_fields or field.attname in update_fields
