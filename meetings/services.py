"""Every write that moves a meeting's minutes through their lifecycle.

Minutes start as a draft that only members and staff see, are published "as a draft, subject
to confirmation at the next meeting", and are confirmed as a correct record by a resolution of
a later meeting of the same body. Once published, the record (minute text, resolutions,
attendance, declarations) is changed only by a recorded correction that keeps the earlier text:
``meeting_record_locked`` is that rule, and the admin asks it before saving anything.

Each step is one function: keyword-only arguments, one transaction, the minutes row locked
with select_for_update() so two officers acting at once cannot both move it, a guard that
refuses a step the current status does not allow, and one append-only MinutesEvent row (who,
when, from, to, note, and for a correction the earlier text). The steps are declared once, in
``STEPS`` at the end of this module (label, allowed-from statuses, target, what the step asks
for, refusal messages): the guards here, the admin's buttons and pages, and the API's
endpoints are all driven by it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.minutes_corrections import apply_corrections, check_record_consistent, rows_of_meeting
from meetings.minutes_workflow import MinutesStep
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    MinutesEvent,
    Resolution,
)
from meetings.published_record import (
    CORRECTABLE_FIELDS,
    RECORD_FIELDS,
    MinutesInputRefused,
    MinutesTransitionNotAllowed,
    check_confirming_resolution,
    confirming_resolutions,
    meeting_of_record_row,
    meeting_record_locked,
    published_minutes_of,
    refuse,
    refuse_input,
)
from meetings.wording import and_join, with_article

# The admin, forms, API and tests reach the published record's rules through this module.
__all__ = [
    "CORRECTABLE_FIELDS",
    "RECORD_FIELDS",
    "STEPS",
    "MinutesInputRefused",
    "MinutesStep",
    "MinutesTransitionNotAllowed",
    "confirming_resolutions",
    "meeting_of_record_row",
    "meeting_record_locked",
    "minutes_confirm",
    "minutes_correct",
    "minutes_create",
    "minutes_publish",
    "minutes_step",
    "minutes_unpublish",
    "published_minutes_of",
    "record_fixed_message",
    "record_locked_message",
    "steps_allowed",
]


def record_locked_message(minutes, what):
    """Why a change to ``what`` of a published record is refused: a correction makes it."""
    return (
        f"Not saved: the minutes of {minutes.meeting} are "
        f"{minutes.get_status_display().lower()}, so {what} change only through "
        f"\u201c{STEPS['correct'].label}\u201d on the minutes, which keeps the earlier text in "
        "their history."
    )


def record_fixed_message(minutes, what):
    """Why a change no correction can make (``what``: "an attendance row cannot be added")
    is refused, and what to do instead."""
    withdraw = STEPS["unpublish"]
    if minutes.status in withdraw.allowed_from:
        instead = (
            f"Use \u201c{withdraw.label}\u201d on the minutes first (the reason is kept in their "
            "history), make the change, then publish them again."
        )
    else:
        instead = (
            f"Confirmed minutes keep their record; \u201c{STEPS['correct'].label}\u201d can change "
            "what its rows say."
        )
    return (
        f"Not saved: the minutes of {minutes.meeting} are "
        f"{minutes.get_status_display().lower()}: {what} once they are published. {instead}"
    )


# --- Helpers --------------------------------------------------------------------------------


def _actor(user):
    return user if user is not None and user.is_authenticated else None


def _lock(minutes):
    return Minutes.objects.select_for_update().select_related("meeting__body").get(pk=minutes.pk)


def _guard(locked, step):
    """Refuse ``step`` when the locked minutes' status does not allow it."""
    message = step.refusal(locked)
    if message:
        refuse(message)


def _require_note(step, note):
    if step.note_required and not (note or "").strip():
        refuse_input(step.note_required, code="note_required", field="note")


def _record(*, minutes, from_status, user, note="", snapshot=None, at=None):
    return MinutesEvent.objects.create(
        minutes=minutes,
        from_status=from_status,
        to_status=minutes.status,
        actor=_actor(user),
        note=note,
        snapshot=snapshot or {},
        at=at or timezone.now(),
    )


def _refresh(target, source):
    """Copy the saved state onto the caller's instance, so it sees the change."""
    for name in ("status", "confirmed_by_id", "published_at", "confirmed_at"):
        setattr(target, name, getattr(source, name))
    return target


# --- The steps ------------------------------------------------------------------------------


def minutes_create(*, meeting, user, note="", at=None):
    """Start the draft minutes of a meeting that has been held (``at``: when, if not now,
    as an import of papers dates it)."""
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
        if Minutes.objects.filter(meeting=locked).exists():
            refuse(f"The meeting of {locked} already has minutes: open them instead.")
        if locked.status == Meeting.Status.CANCELLED:
            refuse(f"The meeting of {locked} was cancelled: a cancelled meeting has no minutes.")
        if locked.status == Meeting.Status.POSTPONED:
            refuse(
                f"The meeting of {locked} was postponed: record the minutes against the "
                "meeting at which the business was taken."
            )
        if locked.date > timezone.localdate():
            refuse(
                f"The meeting of {locked} has not taken place yet: minutes can be started "
                "on or after the day of the meeting."
            )
        minutes = Minutes.objects.create(meeting=locked, status=Minutes.Status.DRAFT)
        _record(minutes=minutes, from_status="", user=user, note=note, at=at)
    return minutes


def minutes_publish(*, minutes, user, note="", at=None):
    """Publish draft minutes "as a draft, subject to confirmation at the next meeting"
    (``at``: when, if not now, as an import of the papers that printed them dates it)."""
    step = STEPS["publish"]
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        from_status = locked.status
        locked.status = step.to
        locked.published_at = at or timezone.now()
        locked.save(update_fields=["status", "published_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note, at=at)
    return _refresh(minutes, locked)


def minutes_confirm(*, minutes, resolution, user, note=""):
    """Confirm published minutes as a correct record, by a resolution of a later meeting."""
    step = STEPS["confirm"]
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        resolution = check_confirming_resolution(resolution, locked.meeting)
        from_status = locked.status
        locked.status = step.to
        locked.confirmed_by = resolution
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def minutes_unpublish(*, minutes, user, note):
    """Withdraw minutes published as a draft (not confirmed ones), with the reason."""
    step = STEPS["unpublish"]
    _require_note(step, note)
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        from_status = locked.status
        locked.status = step.to
        locked.published_at = None
        locked.save(update_fields=["status", "published_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def minutes_correct(
    *,
    minutes,
    user,
    note,
    items=None,
    resolutions=None,
    attendances=None,
    declarations=None,
):
    """Correct the record of published minutes, keeping the earlier values in the history.

    ``items`` maps agenda items (or their ids) to the new values of any of ``title`` and
    ``minutes_text``; ``resolutions`` maps resolutions (or their ids) to their new text;
    ``attendances`` maps attendance rows (or ids) to new values of ``status``, ``is_chair``
    and ``role``; ``declarations`` maps declarations (or ids) to new values of
    ``interest_type``, ``all_items`` and ``reason``. Rows are corrected, never added or
    removed. The event's snapshot holds the earlier values of exactly what changed.
    """
    step = STEPS["correct"]
    resolutions = {key: {"text": text} for key, text in dict(resolutions or {}).items()}
    changes = {
        AgendaItem: ("items", dict(items or {})),
        Resolution: ("resolutions", resolutions),
        Attendance: ("attendances", dict(attendances or {})),
        Declaration: ("declarations", dict(declarations or {})),
    }
    _require_note(step, note)
    for model, (name, mapping) in changes.items():
        allowed = CORRECTABLE_FIELDS[model]
        for values in mapping.values():
            unknown = sorted(set(values) - set(allowed))
            if unknown:
                noun = model._meta.verbose_name
                refuse_input(
                    f"A correction can change {with_article(noun)}'s {and_join(allowed)} only, not "
                    f"{', '.join(unknown)}.",
                    code="field_not_correctable",
                    field=name,
                )
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        meeting = locked.meeting
        snapshot = {}
        for model, (name, mapping) in changes.items():
            rows = rows_of_meeting(model, mapping, meeting, name)
            snapshot[name] = apply_corrections(model, rows, mapping, name)
        if not any(snapshot.values()):
            refuse_input(
                "The correction changes nothing: the new text is the same as the published text.",
                code="no_change",
            )
        if snapshot["attendances"] or snapshot["declarations"]:
            check_record_consistent(meeting)
        _record(minutes=locked, from_status=locked.status, user=user, note=note, snapshot=snapshot)
    return _refresh(minutes, locked)


# --- The steps, declared once ---------------------------------------------------------------


STEPS = {
    step.name: step
    for step in (
        MinutesStep(
            name="publish",
            label="Publish as draft",
            done="Published the minutes of {meeting} as a draft, subject to confirmation.",
            explanation="The minutes become public, marked as a draft subject to confirmation "
            "at the next meeting.",
            allowed_from=(Minutes.Status.DRAFT,),
            to=Minutes.Status.PUBLISHED,
            note_label="Note for the history (optional)",
            refusals=dict.fromkeys(
                (Minutes.Status.PUBLISHED, Minutes.Status.CONFIRMED),
                "The minutes of {meeting} are already {status}: only draft minutes can be "
                "published.",
            ),
            service=minutes_publish,
        ),
        MinutesStep(
            name="confirm",
            label="Confirm",
            done="Confirmed the minutes of {meeting} as a correct record.",
            explanation="A later meeting of the same body resolved that these minutes are a "
            "correct record. Choose its resolution; the minutes are then shown as confirmed.",
            allowed_from=(Minutes.Status.PUBLISHED,),
            to=Minutes.Status.CONFIRMED,
            note_label="Note for the history (optional)",
            asks_resolution=True,
            refusals={
                Minutes.Status.DRAFT: "The minutes of {meeting} have not been published: publish them as a "
                "draft before a later meeting confirms them.",
                Minutes.Status.CONFIRMED: "The minutes of {meeting} are already confirmed as a correct "
                "record: to change them, record a correction.",
            },
            service=minutes_confirm,
        ),
        MinutesStep(
            name="correct",
            label="Record a correction",
            done="Recorded a correction of the minutes of {meeting}; the earlier text is kept "
            "in their history.",
            explanation="Change what the published minutes say. The earlier text is kept in "
            "the minutes' history, which the public page shows.",
            allowed_from=(Minutes.Status.PUBLISHED, Minutes.Status.CONFIRMED),
            to=None,
            note_label="What was corrected and why",
            note_required="Say what was corrected and why (for example the minute that "
            "confirmed the correction): the note is kept in the minutes' history.",
            asks_corrections=True,
            refusals={
                Minutes.Status.DRAFT: "The minutes of {meeting} are still a draft: edit the text directly; "
                "corrections are recorded only once minutes are published.",
            },
            service=minutes_correct,
        ),
        MinutesStep(
            name="unpublish",
            label="Withdraw from publication",
            done="Withdrew the minutes of {meeting} from publication: they are a draft again.",
            explanation="The minutes go back to a draft that only staff see, for example when "
            "they were published before the Chair agreed them. The reason is kept in their "
            "history.",
            allowed_from=(Minutes.Status.PUBLISHED,),
            to=Minutes.Status.DRAFT,
            note_label="Why the minutes are withdrawn",
            note_required="Say why the minutes are withdrawn: the reason is kept in their history.",
            refusals={
                Minutes.Status.CONFIRMED: "The minutes of {meeting} are confirmed as a correct record and "
                "stay published: record a correction instead.",
                Minutes.Status.DRAFT: "The minutes of {meeting} are not published: nothing to withdraw.",
            },
            service=minutes_unpublish,
        ),
    )
}


def minutes_step(*, minutes, step, user, **inputs):
    """Take the step named ``step`` ("publish", "confirm", ...): for admin and API dispatch."""
    try:
        declared = STEPS[step]
    except KeyError:
        raise ValidationError(
            f"Unknown step {step!r}: use one of {', '.join(STEPS)}.", code="unknown_step"
        ) from None
    return declared.service(minutes=minutes, user=user, **inputs)


def steps_allowed(minutes):
    """The steps the minutes' current status allows, in the order they are declared."""
    return [step for step in STEPS.values() if step.allows(minutes)]
