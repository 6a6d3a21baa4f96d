"""The action log as a mirror syncs it (meetings.sync explains the parts).

An action shows its meeting and body, its item, the meeting it comes back to and the one it
was signed off at, its owners and its history; it is public or not by its own marking, its
item, and its resolution's item and minutes. It is listed by ``?updated_since=`` when any of
those changed, and its history and owners touch it when they change.

Imported at startup with every app's ``sync`` module (meetings.apps).
"""

from django.db.models import Q
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import m2m_changed, post_save, pre_delete

from actions.models import Action, ActionEvent, Owner
from meetings.models import Meeting, Person, Resolution
from meetings.sync import (
    SyncedResource,
    any_of,
    changed_items,
    changed_meetings,
    ids,
    keep_updated_at,
    register,
    since_value,
    touch,
)


def _actions(since):
    meetings, items = changed_meetings(since), changed_items(since)
    return any_of(
        ids(Action, since),
        Action.objects.filter(meeting__in=meetings).values("pk"),
        Action.objects.filter(target_meeting__in=meetings).values("pk"),
        Action.objects.filter(signed_off_at__in=meetings).values("pk"),
        Action.objects.filter(item__in=items).values("pk"),
        Action.objects.filter(resolution__in=ids(Resolution, since)).values("pk"),
        Action.objects.filter(resolution__item__in=items).values("pk"),
        ActionEvent.objects.filter(signed_off_at__in=meetings).values("action_id"),
    )


def _actions_changed_at(since):
    own = "updated_at"
    return Greatest(
        own,
        "meeting__updated_at",
        Coalesce("item__updated_at", own),
        Coalesce("resolution__item__meeting__updated_at", own),
        since_value(since),
    )


register(
    SyncedResource(
        "actions",
        Action,
        _actions,
        visible=lambda audience: Action.objects.visible_to(audience),
        changed_at=_actions_changed_at,
    )
)


def _history_added(sender, instance, raw=False, **kwargs):
    if not raw:
        touch(Action.objects.filter(pk=instance.action_id))


def _owners_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """An action's owners changed, from either side (``action.owners``, ``owner.actions``)."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            touch(Action.objects.filter(pk=instance.pk))
    elif action in ("post_add", "post_remove"):
        touch(Action.objects.filter(pk__in=pk_set))
    elif action == "pre_clear":  # after the clear, nothing says which actions it had
        touch(Action.objects.filter(owners=instance))


def _owner_changed(sender, instance, raw=False, created=False, **kwargs):
    """An owner renamed: its actions show its name. An owner deleted: they lose it (the
    link rows go with the owner, with no signal)."""
    if not raw and not created:
        touch(Action.objects.filter(owners=instance))


def _owner_users_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """The log-ins that answer for an owner changed, from either side: what those users
    may see (restricted actions they answer for) changes, so their mirrors must hear of it
    (as a withdrawal, or as rows newly listed)."""
    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            touch(Action.objects.filter(owners=instance))
    elif action in ("post_add", "post_remove"):
        touch(Action.objects.filter(owners__in=pk_set))
    elif action == "pre_clear":  # after the clear, nothing says which owners it had
        touch(Action.objects.filter(owners__users=instance))


def _person_changed(sender, instance, raw=False, created=False, **kwargs):
    """A person's log-in may have changed: it answers for the actions the person owns and
    those raised from resolutions they moved (Action.objects.owned_by_user)."""
    if not raw and not created:
        touch(Action.objects.filter(Q(owners__person=instance) | Q(resolution__mover=instance)))


def _meeting_deleting(sender, instance, **kwargs):
    """Actions due back at a deleted meeting lose their target (SET_NULL sends no signal)."""
    touch(Action.objects.filter(target_meeting=instance))


keep_updated_at("actions")
post_save.connect(_history_added, sender=ActionEvent, dispatch_uid="touch:actions.ActionEvent")
m2m_changed.connect(_owners_changed, sender=Action.owners.through, dispatch_uid="touch:owners")
post_save.connect(_owner_changed, sender=Owner, dispatch_uid="touch:actions.Owner")
pre_delete.connect(_owner_changed, sender=Owner, dispatch_uid="touch:actions.Owner-deleting")
pre_delete.connect(_meeting_deleting, sender=Meeting, dispatch_uid="touch:meeting-actions")
m2m_changed.connect(
    _owner_users_changed, sender=Owner.users.through, dispatch_uid="touch:owner-users"
)
post_save.connect(_person_changed, sender=Person, dispatch_uid="touch:person-actions")
