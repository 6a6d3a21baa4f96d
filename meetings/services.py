"""Every write that moves a meeting's minutes through their lifecycle.

Minutes start as a draft that only members and staff see, are published "as a draft, subject
to confirmation at the next meeting", and are confirmed as a correct record by a resolution of
a later meeting of the same body. Once published, the text is changed only by a recorded
correction that keeps the earlier text.

Each step is one function: keyword-only arguments, one transaction, the minutes row locked
with select_for_update() so two officers acting at once cannot both move it, a guard that
refuses a step the current status does not allow, and one append-only MinutesEvent row (who,
when, from, to, note, and for a correction the earlier text). The admin and the API call these.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, Minutes, MinutesEvent, Resolution

S = Minutes.Status

# What a correction may change, per kind of row.
CORRECTABLE_ITEM_FIELDS = ("title", "minutes_text")


class MinutesTransitionNotAllowed(ValidationError):
    """The minutes' current status does not allow the requested step."""


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def _refuse(message, code="transition_not_allowed"):
    raise MinutesTransitionNotAllowed(message, code=code)


def _lock(minutes):
    return Minutes.objects.select_for_update().select_related("meeting__body").get(pk=minutes.pk)


def _record(*, minutes, from_status, user, note="", snapshot=None):
    return MinutesEvent.objects.create(
        minutes=minutes,
        from_status=from_status,
        to_status=minutes.status,
        actor=_actor(user),
        note=note,
        snapshot=snapshot or {},
    )


def _refresh(target, source):
    """Copy the saved state onto the caller's instance, so it sees the change."""
    for field in ("status", "confirmed_by_id", "published_at", "confirmed_at"):
        setattr(target, field, getattr(source, field))
    return target


def minutes_create(*, meeting, user, note=""):
    """Start the draft minutes of a meeting that has been held."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        if Minutes.objects.filter(meeting=locked).exists():
            _refuse(f"The meeting of {locked} already has minutes: open them instead.")
        if locked.status == Meeting.Status.CANCELLED:
            _refuse(f"The meeting of {locked} was cancelled: a cancelled meeting has no minutes.")
        if locked.status == Meeting.Status.POSTPONED:
            _refuse(
                f"The meeting of {locked} was postponed: record the minutes against the "
                "meeting at which the business was taken."
            )
        if locked.date > timezone.localdate():
            _refuse(
                f"The meeting of {locked} has not taken place yet: minutes can be started "
                "on or after the day of the meeting."
            )
        minutes = Minutes.objects.create(meeting=locked, status=S.DRAFT)
        _record(minutes=minutes, from_status="", user=user, note=note)
    return minutes


def minutes_publish(*, minutes, user, note=""):
    """Publish draft minutes "as a draft, subject to confirmation at the next meeting"."""
    with transaction.atomic():
        locked = _lock(minutes)
        if locked.status != S.DRAFT:
            _refuse(
                f"The minutes of {locked.meeting} are already "
                f"{locked.get_status_display().lower()}: only draft minutes can be published."
            )
        from_status = locked.status
        locked.status = S.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def minutes_confirm(*, minutes, resolution, user, note=""):
    """Confirm published minutes as a correct record, by a resolution of a later meeting."""
    with transaction.atomic():
        locked = _lock(minutes)
        if locked.status != S.PUBLISHED:
            if locked.status == S.DRAFT:
                _refuse(
                    f"The minutes of {locked.meeting} have not been published: publish them "
                    "as a draft before a later meeting confirms them."
                )
            _refuse(
                f"The minutes of {locked.meeting} are already confirmed as a correct "
                "record: to change them, record a correction."
            )
        resolution = Resolution.objects.select_related("item__meeting__body").get(pk=resolution.pk)
        confirming_meeting = resolution.item.meeting
        if confirming_meeting.body_id != locked.meeting.body_id:
            _refuse(
                f"That resolution was made by {confirming_meeting.body}, not by "
                f"{locked.meeting.body}: minutes are confirmed by a later meeting of the body "
                "that held the meeting.",
                code="wrong_body",
            )
        if confirming_meeting.date <= locked.meeting.date:
            _refuse(
                f"That resolution was made on {confirming_meeting.date:%-d %B %Y}, not after the "
                f"meeting of {locked.meeting.date:%-d %B %Y}: minutes are confirmed by a later "
                "meeting.",
                code="not_later",
            )
        if confirming_meeting.status == Meeting.Status.CANCELLED:
            _refuse(
                f"The meeting of {confirming_meeting} was cancelled: choose a resolution of a "
                "meeting that was held.",
                code="cancelled_meeting",
            )
        from_status = locked.status
        locked.status = S.CONFIRMED
        locked.confirmed_by = resolution
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def minutes_unpublish(*, minutes, user, note):
    """Withdraw minutes published as a draft (not confirmed ones), with the reason."""
    if not (note or "").strip():
        _refuse(
            "Say why the minutes are withdrawn: the reason is kept in their history.",
            code="note_required",
        )
    with transaction.atomic():
        locked = _lock(minutes)
        if locked.status != S.PUBLISHED:
            if locked.status == S.CONFIRMED:
                _refuse(
                    f"The minutes of {locked.meeting} are confirmed as a correct record and "
                    "stay published: record a correction instead."
                )
            _refuse(f"The minutes of {locked.meeting} are not published: nothing to withdraw.")
        from_status = locked.status
        locked.status = S.DRAFT
        locked.published_at = None
        locked.save(update_fields=["status", "published_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def minutes_correct(*, minutes, user, note, items=None, resolutions=None):
    """Correct the text of published minutes, keeping the earlier text in the history.

    ``items`` maps agenda items (or their ids) to the new values of any of ``title`` and
    ``minutes_text``; ``resolutions`` maps resolutions (or their ids) to their new text.
    The event's snapshot holds the earlier values of exactly what changed.
    """
    items = dict(items or {})
    resolutions = dict(resolutions or {})
    if not (note or "").strip():
        _refuse(
            "Say what was corrected and why (for example the minute that confirmed the "
            "correction): the note is kept in the minutes' history.",
            code="note_required",
        )
    for changes in items.values():
        unknown = sorted(set(changes) - set(CORRECTABLE_ITEM_FIELDS))
        if unknown:
            _refuse(
                f"A correction can change an item's {' and '.join(CORRECTABLE_ITEM_FIELDS)} "
                f"only, not {', '.join(unknown)}.",
                code="field_not_correctable",
            )
    with transaction.atomic():
        locked = _lock(minutes)
        if locked.status == S.DRAFT:
            _refuse(
                f"The minutes of {locked.meeting} are still a draft: edit the text directly; "
                "corrections are recorded only once minutes are published.",
            )
        item_rows = _rows_of_meeting(
            AgendaItem.objects.select_for_update(), items, locked.meeting, "item"
        )
        resolution_rows = _rows_of_meeting(
            Resolution.objects.select_for_update().select_related("item"),
            resolutions,
            locked.meeting,
            "resolution",
            meeting_path="item__meeting",
        )
        snapshot = {"items": [], "resolutions": []}
        for item in item_rows:
            new = items[item.pk]
            earlier = {f: getattr(item, f) for f in new if getattr(item, f) != new[f]}
            if earlier:
                snapshot["items"].append(
                    {
                        "id": item.pk,
                        "number": item.number,
                        "title": item.title,
                        "confidentiality": item.confidentiality,
                        "earlier": earlier,
                    }
                )
                for field, value in new.items():
                    setattr(item, field, value)
                item.save(update_fields=list(earlier))
        for resolution in resolution_rows:
            text = resolutions[resolution.pk]
            if text != resolution.text:
                snapshot["resolutions"].append(
                    {
                        "id": resolution.pk,
                        "item_id": resolution.item_id,
                        "item_number": resolution.item.number,
                        "number": resolution.number,
                        "confidentiality": resolution.item.confidentiality,
                        "earlier": {"text": resolution.text},
                    }
                )
                resolution.text = text
                resolution.save(update_fields=["text"])
        if not (snapshot["items"] or snapshot["resolutions"]):
            _refuse(
                "The correction changes nothing: the new text is the same as the published text.",
                code="no_change",
            )
        _record(minutes=locked, from_status=locked.status, user=user, note=note, snapshot=snapshot)
    return _refresh(minutes, locked)


def _rows_of_meeting(queryset, mapping, meeting, label, meeting_path="meeting"):
    """The rows named in ``mapping``; refuses any that is missing or of another meeting."""
    if not mapping:
        return []
    wanted = {getattr(key, "pk", key) for key in mapping}
    rows = list(queryset.filter(pk__in=wanted, **{meeting_path: meeting}).order_by("pk"))
    missing = wanted - {row.pk for row in rows}
    if missing:
        _refuse(
            f"The {label} {', '.join(str(pk) for pk in sorted(missing))} is not part of the "
            f"meeting of {meeting}: correct each meeting's minutes separately.",
            code="not_this_meeting",
        )
    # Let callers key their changes by instance or by id.
    for key in list(mapping):
        if hasattr(key, "pk"):
            mapping[key.pk] = mapping.pop(key)
    return rows
