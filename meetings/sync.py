"""What a mirror of the open data needs to stay exact: what changed since a time, and what went.

Each API list is a ``SyncedResource`` here (the action log adds its own, in actions/sync.py):

- ``changed(since)``: the rows to list for ``?updated_since=``: a row whose own
  ``updated_at`` is at or after ``since``, or that shows (or whose visibility depends on) a
  row that changed then. A motion shows its item, meeting and body, and is public or not by
  its item and its meeting's minutes; so it is listed when any of those changed. Each part is
  an indexed lookup of ids, and the parts are joined with UNION, so the question costs a few
  index scans however big the record.
- ``visible(audience)``: the rows an audience may list (None: everyone sees every row). A row
  changed since ``since`` that the audience may not see is "withdrawn" in the deletions feed:
  the mirror must drop it, as it drops a deleted one.
- Deleting a row writes a ``Removal`` (a tombstone), for the deletions feed.

A row shows its children (a meeting its agenda, attendance, declarations, papers, minutes and
motions; a person their other spellings), which have no ``updated_at`` of their own or are
not resources: saving or deleting a child *touches* its parent (sets its ``updated_at``), so
the parent is listed as changed. The signals below do it for every ``save()`` and
``delete()``, the admin's and the services' included, and set ``updated_at`` after a
``save(update_fields=...)`` that did not name it (auto_now writes only the fields named). A
write that sends no signal (``QuerySet.update()``, ``bulk_create``) must touch the rows and
their parents itself, with ``touch()``.

Each app's ``sync`` module is imported at startup (meetings.apps), which connects them.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Person,
    PersonAlias,
    RecordedVote,
    Removal,
    Resolution,
    WorkProgrammeEntry,
)

# --- Resources ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncedResource:
    """One API list, as a mirror syncs it (see the module docstring)."""

    name: str
    model: type[models.Model]
    changed: Any  # since -> Q on model
    visible: Any = None  # audience -> QuerySet of model, or None when every row is public
    changed_at: Any = None  # since -> expression: when a row (or what it depends on) changed


#: API list name ("events") -> SyncedResource, in the order the API lists them.
RESOURCES = {}


def register(resource):
    """Make ``resource`` known to ``?updated_since=`` and the deletions feed, and write a
    tombstone whenever one of its rows is deleted."""
    RESOURCES[resource.name] = resource

    def deleted(sender, instance, **kwargs):
        Removal.objects.create(resource=resource.name, object_id=instance.pk)

    post_delete.connect(
        deleted, sender=resource.model, weak=False, dispatch_uid=f"removal:{resource.name}"
    )


# --- What changed since a time -----------------------------------------------------------


def ids(model, since, **lookups):
    """The ids (``values("pk")``) of ``model`` rows changed at or after ``since``."""
    return model.objects.filter(updated_at__gte=since, **lookups).values("pk")


def any_of(*querysets):
    """``Q(pk__in=...)`` for the union of id querysets (each one ``values()`` column)."""
    return Q(pk__in=union(*querysets))


def changed_bodies(since):
    return ids(Body, since)


def changed_people(since):
    return ids(Person, since)


def changed_meetings(since):
    """Meetings whose summary (name, date, body) or record changed: their own row, their
    body, their minutes or an agenda item (children touch the meeting too; the minutes and
    items are asked directly so that a write that forgot to touch is still seen)."""
    return union(
        ids(Meeting, since),
        Meeting.objects.filter(body__in=changed_bodies(since)).values("pk"),
        Minutes.objects.filter(updated_at__gte=since).values("meeting_id"),
        AgendaItem.objects.filter(updated_at__gte=since).values("meeting_id"),
    )


def union(*querysets):
    """One id query for several (each one ``values()`` column), each kept to its own index."""
    first, *rest = (qs.order_by() for qs in querysets)
    return first.union(*rest)


def changed_items(since):
    """Items whose words or confidentiality changed, or whose meeting did."""
    return union(
        ids(AgendaItem, since),
        AgendaItem.objects.filter(meeting__in=changed_meetings(since)).values("pk"),
    )


def _own(since):
    return Q(updated_at__gte=since)


def _memberships(since):
    people, bodies = changed_people(since), changed_bodies(since)
    return any_of(
        ids(Membership, since),
        Membership.objects.filter(person__in=people).values("pk"),
        Membership.objects.filter(body__in=bodies).values("pk"),
    )


def _events(since):
    """A meeting, its body, its record, and the people its record names."""
    people = changed_people(since)
    return any_of(
        changed_meetings(since),
        Attendance.objects.filter(Q(person__in=people) | Q(substitute_for__in=people)).values(
            "meeting_id"
        ),
        Declaration.objects.filter(person__in=people).values("meeting_id"),
        Resolution.objects.filter(Q(mover__in=people) | Q(seconder__in=people)).values(
            "item__meeting_id"
        ),
    )


def _motions(since):
    """A motion, its item, meeting and body (its visibility too), and its people."""
    people = changed_people(since)
    return any_of(
        ids(Resolution, since),
        Resolution.objects.filter(item__in=changed_items(since)).values("pk"),
        Resolution.objects.filter(Q(mover__in=people) | Q(seconder__in=people)).values("pk"),
        RecordedVote.objects.filter(person__in=people).values("resolution_id"),
    )


def _motions_changed_at(since):
    return Greatest(
        "updated_at", "item__updated_at", "item__meeting__updated_at", since_value(since)
    )


def _work_programme(since):
    return any_of(
        ids(WorkProgrammeEntry, since),
        WorkProgrammeEntry.objects.filter(body__in=changed_bodies(since)).values("pk"),
        WorkProgrammeEntry.objects.filter(meeting__in=changed_meetings(since)).values("pk"),
    )


def since_value(since):
    return models.Value(since, output_field=models.DateTimeField())


register(SyncedResource("organizations", Body, _own))
register(SyncedResource("people", Person, _own))
register(SyncedResource("memberships", Membership, _memberships))
register(SyncedResource("events", Meeting, _events))
register(
    SyncedResource(
        "motions",
        Resolution,
        _motions,
        visible=lambda audience: audience.resolutions(),
        changed_at=_motions_changed_at,
    )
)
register(SyncedResource("work-programme", WorkProgrammeEntry, _work_programme))


# --- Touching parents ---------------------------------------------------------------------


def touch(queryset):
    """Mark the rows of ``queryset`` changed now (for writes that send no signals)."""
    return queryset.update(updated_at=timezone.now())


@dataclass(frozen=True)
class Touch:
    """Saving or deleting a ``child`` touches the ``parent`` row(s) it belongs to."""

    child: type[models.Model]
    parent: type[models.Model]
    path: str  # lookup from the parent to the child's key, e.g. "items" for an item's paper
    key: str  # the child's attname holding that key, e.g. "item_id"

    def parents(self, instance):
        keys = {getattr(instance, self.key)}
        # A child moved to another parent changes the one it left too (the record's models
        # remember their loaded parent: meetings.models.stored_visibility).
        loaded = getattr(instance, "loaded_input", None)
        if loaded is not None and self.key in instance.visibility_inputs:
            keys.add(loaded(self.key))
        # Other children (papers, attendance, votes, aliases) had theirs read before saving.
        keys.add(instance.__dict__.get(LEFT, {}).get(self.key))
        keys.discard(None)
        return self.parent.objects.filter(**{f"{self.path}__in": keys}) if keys else None


TOUCHES = (
    Touch(AgendaItem, Meeting, "pk", "meeting_id"),
    Touch(Attendance, Meeting, "pk", "meeting_id"),
    Touch(Declaration, Meeting, "pk", "meeting_id"),
    Touch(Minutes, Meeting, "pk", "meeting_id"),
    Touch(Paper, Meeting, "items", "item_id"),
    Touch(Resolution, Meeting, "items", "item_id"),
    Touch(RecordedVote, Meeting, "items__resolutions", "resolution_id"),
    Touch(PersonAlias, Person, "pk", "person_id"),
)


# Where a child that cannot remember its loaded parent keeps the one it had before a save.
LEFT = "_sync_parent_before_save"


def _remember_parent(spec, instance):
    """Before a child without remembered inputs is saved, read the parent it has now, so that
    moving it (a paper to another item) touches the parent it leaves as well."""
    remembers = getattr(instance, "loaded_input", None) and spec.key in instance.visibility_inputs
    if instance._state.adding or instance.pk is None or remembers:
        return
    before = spec.child.objects.filter(pk=instance.pk).values_list(spec.key, flat=True).first()
    instance.__dict__.setdefault(LEFT, {})[spec.key] = before


def _touch_parent(touch_spec, instance):
    parents = touch_spec.parents(instance)
    if parents is not None:
        touch(parents)


def _deleted_with_parent(parent, origin):
    """Whether a deletion started at a ``parent`` row (whose children go with it)."""
    if isinstance(origin, models.QuerySet):
        return origin.model is parent
    return isinstance(origin, parent)


def connect_touches(touches):
    """Connect the signals by which each child of ``touches`` touches its parent."""
    for spec in touches:

        def saved(sender, instance, raw=False, spec=spec, **kwargs):
            if not raw:  # loaddata writes updated_at as the fixture gives it
                _touch_parent(spec, instance)

        def deleted(sender, instance, origin=None, spec=spec, **kwargs):
            if not _deleted_with_parent(spec.parent, origin):
                _touch_parent(spec, instance)

        def saving(sender, instance, raw=False, spec=spec, **kwargs):
            if not raw:
                _remember_parent(spec, instance)

        uid = f"touch:{spec.child._meta.label}"
        pre_save.connect(saving, sender=spec.child, weak=False, dispatch_uid=uid)
        post_save.connect(saved, sender=spec.child, weak=False, dispatch_uid=uid)
        post_delete.connect(deleted, sender=spec.child, weak=False, dispatch_uid=uid)


def _saved_fields_only(sender, instance, raw=False, update_fields=None, **kwargs):
    """``save(update_fields=[...])`` writes only the fields named, so auto_now leaves
    ``updated_at`` as it was unless it is named too (a minutes correction saves just the text
    it corrects): set it here."""
    if raw or update_fields is None or "updated_at" in update_fields:
        return
    instance.updated_at = timezone.now()
    sender.objects.filter(pk=instance.pk).update(updated_at=instance.updated_at)


def keep_updated_at(app_label):
    """Keep ``updated_at`` true for every model of ``app_label`` that has one."""
    for model in apps.get_app_config(app_label).get_models():
        if any(field.name == "updated_at" for field in model._meta.concrete_fields):
            post_save.connect(
                _saved_fields_only, sender=model, dispatch_uid=f"updated_at:{model._meta.label}"
            )


def _items_linked(sender, instance, action, **kwargs):
    """Attendance or declarations linked to items (either side): both name the meeting."""
    if action in ("post_add", "post_remove", "post_clear"):
        touch(Meeting.objects.filter(pk=instance.meeting_id))


def _meeting_deleting(sender, instance, **kwargs):
    """Its work programme entries lose their meeting (SET_NULL, which sends no signal)."""
    touch(WorkProgrammeEntry.objects.filter(meeting=instance))


keep_updated_at("meetings")
connect_touches(TOUCHES)
for _through in (Attendance.items.through, Declaration.items.through):
    m2m_changed.connect(_items_linked, sender=_through, dispatch_uid=f"touch:{_through}")
pre_delete.connect(_meeting_deleting, sender=Meeting, dispatch_uid="touch:meeting-deleting")
