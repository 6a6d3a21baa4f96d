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

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    MinutesEvent,
    Resolution,
)

S = Minutes.Status


class MinutesTransitionNotAllowed(ValidationError):
    """The minutes' current status does not allow the requested step."""


class MinutesInputRefused(MinutesTransitionNotAllowed):
    """The step is allowed now, but not with what it was given (no note, a wrong resolution).

    ``field`` names the input at fault ("note", "resolution", "items", ...), or is None when
    the input as a whole is at fault. A subclass of MinutesTransitionNotAllowed so that code
    catching every refusal of a step keeps working; the API answers these with 400, and
    refusals of the step itself with 409.
    """

    def __init__(self, message, *, code, field=None):
        super().__init__(message, code=code)
        self.field = field


# --- The published record -------------------------------------------------------------------

# What the published record of a meeting is made of. Once its minutes are published, these
# fields change only through minutes_correct, and rows of these models are neither added nor
# removed; anything else (papers, page ranges, confidentiality, order) stays editable.
RECORD_FIELDS = {
    Meeting: ("no_declarations",),
    AgendaItem: ("title", "minutes_text"),
    Resolution: (
        "number",
        "text",
        "kind",
        "is_motion",
        "mover",
        "seconder",
        "outcome",
        "votes_for",
        "votes_against",
        "abstentions",
    ),
    Attendance: ("person", "status", "is_chair", "role", "substitute_for", "items"),
    Declaration: ("person", "interest_type", "all_items", "items", "reason"),
}
# What a correction may change, per model; the rest of the record needs the minutes withdrawn.
CORRECTABLE_FIELDS = {
    AgendaItem: ("title", "minutes_text"),
    Resolution: ("text",),
    Attendance: ("status", "is_chair", "role"),
    Declaration: ("interest_type", "all_items", "reason"),
}
CORRECTABLE_ITEM_FIELDS = CORRECTABLE_FIELDS[AgendaItem]


def published_minutes_of(meeting):
    """The meeting's minutes if they are published (or confirmed), else None."""
    meeting_id = getattr(meeting, "pk", meeting)
    if meeting_id is None:
        return None
    return (
        Minutes.objects.published()
        .select_related("meeting__body")
        .filter(meeting_id=meeting_id)
        .first()
    )


def meeting_record_locked(meeting):
    """Whether the meeting's record changes only through a correction of its minutes."""
    return published_minutes_of(meeting) is not None


def meeting_of_record_row(row):
    """The meeting whose record ``row`` (a meeting, item, resolution, ...) belongs to."""
    if isinstance(row, Meeting):
        return row
    if isinstance(row, Resolution):
        return row.item.meeting if row.item_id else None
    return row.meeting if getattr(row, "meeting_id", None) else None


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


def _refuse(message, code="transition_not_allowed"):
    raise MinutesTransitionNotAllowed(message, code=code)


def _refuse_input(message, *, code, field=None):
    raise MinutesInputRefused(message, code=code, field=field)


def _lock(minutes):
    return Minutes.objects.select_for_update().select_related("meeting__body").get(pk=minutes.pk)


def _guard(locked, step):
    """Refuse ``step`` when the locked minutes' status does not allow it."""
    message = step.refusal(locked)
    if message:
        _refuse(message)


def _require_note(step, note):
    if step.note_required and not (note or "").strip():
        _refuse_input(step.note_required, code="note_required", field="note")


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
    for name in ("status", "confirmed_by_id", "published_at", "confirmed_at"):
        setattr(target, name, getattr(source, name))
    return target


# --- The steps ------------------------------------------------------------------------------


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
    step = STEPS["publish"]
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        from_status = locked.status
        locked.status = step.to
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
        _record(minutes=locked, from_status=from_status, user=user, note=note)
    return _refresh(minutes, locked)


def confirming_resolutions(minutes):
    """Resolutions that may confirm ``minutes``: of later, held meetings of the same body."""
    meeting = minutes.meeting
    return Resolution.objects.filter(
        item__meeting__body_id=meeting.body_id,
        item__meeting__date__gt=meeting.date,
        item__meeting__status=Meeting.Status.HELD,
    )


def minutes_confirm(*, minutes, resolution, user, note=""):
    """Confirm published minutes as a correct record, by a resolution of a later meeting."""
    step = STEPS["confirm"]
    with transaction.atomic():
        locked = _lock(minutes)
        _guard(locked, step)
        if resolution is None:
            _refuse_input(
                "Choose the resolution of a later meeting that confirmed the minutes.",
                code="resolution_required",
                field="resolution",
            )
        resolution = Resolution.objects.select_related("item__meeting__body").get(pk=resolution.pk)
        confirming_meeting = resolution.item.meeting
        if confirming_meeting.body_id != locked.meeting.body_id:
            _refuse_input(
                f"That resolution was made by {confirming_meeting.body}, not by "
                f"{locked.meeting.body}: minutes are confirmed by a later meeting of the body "
                "that held the meeting.",
                code="wrong_body",
                field="resolution",
            )
        if confirming_meeting.date <= locked.meeting.date:
            _refuse_input(
                f"That resolution was made on {confirming_meeting.date:%-d %B %Y}, not after the "
                f"meeting of {locked.meeting.date:%-d %B %Y}: minutes are confirmed by a later "
                "meeting.",
                code="not_later",
                field="resolution",
            )
        if confirming_meeting.status == Meeting.Status.CANCELLED:
            _refuse_input(
                f"The meeting of {confirming_meeting} was cancelled: choose a resolution of a "
                "meeting that was held.",
                code="cancelled_meeting",
                field="resolution",
            )
        if confirming_meeting.status != Meeting.Status.HELD:
            _refuse_input(
                f"The meeting of {confirming_meeting} is recorded as "
                f"{confirming_meeting.get_status_display().lower()}, not held: record it as "
                "held before its resolution confirms other minutes.",
                code="meeting_not_held",
                field="resolution",
            )
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
                _refuse_input(
                    f"A correction can change {_an(noun)}'s {_and_join(allowed)} only, not "
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
            rows = _rows_of_meeting(model, mapping, meeting, name)
            snapshot[name] = _apply_corrections(model, rows, mapping, name)
        if not any(snapshot.values()):
            _refuse_input(
                "The correction changes nothing: the new text is the same as the published text.",
                code="no_change",
            )
        if snapshot["attendances"] or snapshot["declarations"]:
            _check_record_consistent(meeting)
        _record(minutes=locked, from_status=locked.status, user=user, note=note, snapshot=snapshot)
    return _refresh(minutes, locked)


def _an(noun):
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _and_join(words):
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


# How each model's rows are selected for a correction, and how they read in its snapshot.
_MEETING_PATH = {
    AgendaItem: "meeting",
    Resolution: "item__meeting",
    Attendance: "meeting",
    Declaration: "meeting",
}


def _rows_of_meeting(model, mapping, meeting, name):
    """The rows named in ``mapping``, locked; refuses any that is missing or of another meeting."""
    if not mapping:
        return []
    wanted = {getattr(key, "pk", key) for key in mapping}
    if not all(isinstance(pk, int) for pk in wanted):
        _refuse_input(
            f"Name the {name} to correct by their ids (whole numbers).",
            code="invalid_id",
            field=name,
        )
    queryset = model.objects.select_for_update().filter(
        pk__in=wanted, **{_MEETING_PATH[model]: meeting}
    )
    if model is Resolution:
        queryset = queryset.select_related("item")
    if model in (Attendance, Declaration):
        queryset = queryset.select_related("person")
    rows = list(queryset.order_by("pk"))
    missing = wanted - {row.pk for row in rows}
    if missing:
        label = model._meta.verbose_name
        _refuse_input(
            f"The {label} {', '.join(str(pk) for pk in sorted(missing))} is not part of the "
            f"meeting of {meeting}: correct each meeting's minutes separately.",
            code="not_this_meeting",
            field=name,
        )
    # Let callers key their changes by instance or by id.
    for key in list(mapping):
        if hasattr(key, "pk"):
            mapping[key.pk] = mapping.pop(key)
    return rows


def _apply_corrections(model, rows, mapping, name):
    """Save the changed values of ``rows``; return their snapshot entries (earlier values)."""
    entries = []
    # A chair moves from one person to another in one correction: unset before setting, so
    # that the meeting never has two chairs, even for a moment.
    rows = sorted(rows, key=lambda row: bool(mapping[row.pk].get("is_chair")))
    for row in rows:
        new = mapping[row.pk]
        earlier = {f: getattr(row, f) for f in new if getattr(row, f) != new[f]}
        if not earlier:
            continue
        described = _describe_row(row)
        for field_name in earlier:
            setattr(row, field_name, new[field_name])
        _validate_corrected(row, list(earlier), name)
        row.save(update_fields=list(earlier))
        entries.append({**described, "earlier": earlier})
    return entries


def _validate_corrected(row, changed, name):
    """The corrected row must still be a valid row: its fields and constraints."""
    others = [f.name for f in row._meta.concrete_fields if f.name not in changed]
    try:
        row.clean_fields(exclude=others)
        row.validate_constraints()
    except ValidationError as error:
        _refuse_input(
            f"{_row_label(row)}: {' '.join(error.messages)}",
            code="invalid_correction",
            field=name,
        )


def _row_label(row):
    if isinstance(row, AgendaItem):
        return f"Item {row.number or row.order}"
    if isinstance(row, Resolution):
        number = f".{row.number}" if row.number else ""
        return f"Resolution {row.item.number or row.item.order}{number}"
    kind = "Attendance" if isinstance(row, Attendance) else "Declaration"
    return f"{kind} of {row.person.name}"


def _describe_row(row):
    """How a corrected row is named in the snapshot, and who may read its earlier text."""
    if isinstance(row, AgendaItem):
        return {
            "id": row.pk,
            "number": row.number,
            "title": row.title,
            "confidentiality": row.confidentiality,
        }
    if isinstance(row, Resolution):
        return {
            "id": row.pk,
            "item_id": row.item_id,
            "item_number": row.item.number,
            "number": row.number,
            "confidentiality": row.item.confidentiality,
        }
    if isinstance(row, Attendance):
        return {
            "id": row.pk,
            "person": row.person.name,
            "confidentiality": AgendaItem.Confidentiality.PUBLIC,
        }
    return {
        "id": row.pk,
        "person": row.person.name,
        "confidentiality": _declaration_confidentiality(row),
    }


def _declaration_confidentiality(declaration):
    """Public unless the declaration is about private business only (it could disclose it)."""
    if declaration.all_items:
        return AgendaItem.Confidentiality.PUBLIC
    kinds = set(declaration.items.values_list("confidentiality", flat=True))
    if not kinds or AgendaItem.Confidentiality.PUBLIC in kinds:
        return AgendaItem.Confidentiality.PUBLIC
    return sorted(kinds)[0]


def _check_record_consistent(meeting):
    """After a correction of attendance, declarations and motions still name people present."""
    for declaration in meeting.declarations.select_related("person"):
        try:
            declaration.clean()
        except ValidationError as error:
            _refuse_input(" ".join(error.messages), code="invalid_correction", field="declarations")
    for resolution in Resolution.objects.filter(item__meeting=meeting).select_related("item"):
        try:
            resolution.clean()
        except ValidationError as error:
            _refuse_input(" ".join(error.messages), code="invalid_correction", field="attendances")


# --- The steps, declared once ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MinutesStep:
    """One step of the minutes' lifecycle: what it is called, when it is allowed, what it asks.

    ``to`` is None for a step that leaves the status as it is (a correction). ``done`` says
    what was done ({meeting} is filled in).
    ``note_required`` is the message given when the note is missing, or "" when the note is
    optional. ``refusals`` holds, for each status the step is not allowed from, the message
    that says why ({meeting} and {status} are filled in).
    """

    name: str
    label: str
    done: str
    explanation: str
    allowed_from: tuple
    to: str | None
    note_label: str
    note_required: str = ""
    asks_resolution: bool = False
    asks_corrections: bool = False
    refusals: dict = field(default_factory=dict)
    service: Callable

    def __post_init__(self):
        missing = set(S.values) - set(self.allowed_from) - set(self.refusals)
        if missing:
            raise ValueError(f"Step {self.name!r} says nothing to minutes that are {missing}.")

    def allows(self, minutes):
        return minutes.status in self.allowed_from

    def refusal(self, minutes):
        """Why the step is not allowed for ``minutes`` now, or "" when it is."""
        if self.allows(minutes):
            return ""
        return self.refusals[minutes.status].format(
            meeting=minutes.meeting, status=minutes.get_status_display().lower()
        )

    def done_message(self, minutes):
        return self.done.format(meeting=minutes.meeting)

    def inputs(self):
        """The names of what the step asks for, as its service takes them."""
        names = ["note"]
        if self.asks_resolution:
            names.insert(0, "resolution")
        if self.asks_corrections:
            names[:0] = ["items", "resolutions", "attendances", "declarations"]
        return names


STEPS = {
    step.name: step
    for step in (
        MinutesStep(
            name="publish",
            label="Publish as draft",
            done="Published the minutes of {meeting} as a draft, subject to confirmation.",
            explanation="The minutes become public, marked as a draft subject to confirmation "
            "at the next meeting.",
            allowed_from=(S.DRAFT,),
            to=S.PUBLISHED,
            note_label="Note for the history (optional)",
            refusals=dict.fromkeys(
                (S.PUBLISHED, S.CONFIRMED),
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
            allowed_from=(S.PUBLISHED,),
            to=S.CONFIRMED,
            note_label="Note for the history (optional)",
            asks_resolution=True,
            refusals={
                S.DRAFT: "The minutes of {meeting} have not been published: publish them as a "
                "draft before a later meeting confirms them.",
                S.CONFIRMED: "The minutes of {meeting} are already confirmed as a correct "
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
            allowed_from=(S.PUBLISHED, S.CONFIRMED),
            to=None,
            note_label="What was corrected and why",
            note_required="Say what was corrected and why (for example the minute that "
            "confirmed the correction): the note is kept in the minutes' history.",
            asks_corrections=True,
            refusals={
                S.DRAFT: "The minutes of {meeting} are still a draft: edit the text directly; "
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
            allowed_from=(S.PUBLISHED,),
            to=S.DRAFT,
            note_label="Why the minutes are withdrawn",
            note_required="Say why the minutes are withdrawn: the reason is kept in their history.",
            refusals={
                S.CONFIRMED: "The minutes of {meeting} are confirmed as a correct record and "
                "stay published: record a correction instead.",
                S.DRAFT: "The minutes of {meeting} are not published: nothing to withdraw.",
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
