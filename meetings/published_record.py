"""The published record of a meeting, and the refusals of changes to it.

Once a meeting's minutes are published, its record (minute text, resolutions, attendance,
declarations) changes only through a recorded correction (meetings.services.minutes_correct):
this module says what the record is made of, which of it a correction may change, and how a
step of the minutes' lifecycle refuses what it is asked.
"""

from django.core.exceptions import ValidationError

from meetings.models import AgendaItem, Attendance, Declaration, Meeting, Minutes, Resolution


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


def refuse(message, code="transition_not_allowed"):
    raise MinutesTransitionNotAllowed(message, code=code)


def refuse_input(message, *, code, field=None):
    raise MinutesInputRefused(message, code=code, field=field)


def confirming_resolutions(minutes):
    """Resolutions that may confirm ``minutes``: of later, held meetings of the same body."""
    meeting = minutes.meeting
    return Resolution.objects.filter(
        item__meeting__body_id=meeting.body_id,
        item__meeting__date__gt=meeting.date,
        item__meeting__status=Meeting.Status.HELD,
    )


def check_confirming_resolution(resolution, meeting):
    """``resolution`` reloaded with its meeting, or a refusal saying why it cannot confirm the
    minutes of ``meeting``: it must be of a later, held meeting of the same body."""
    if resolution is None:
        refuse_input(
            "Choose the resolution of a later meeting that confirmed the minutes.",
            code="resolution_required",
            field="resolution",
        )
    resolution = Resolution.objects.select_related("item__meeting__body").get(pk=resolution.pk)
    confirming_meeting = resolution.item.meeting
    if confirming_meeting.body_id != meeting.body_id:
        refuse_input(
            f"That resolution was made by {confirming_meeting.body}, not by "
            f"{meeting.body}: minutes are confirmed by a later meeting of the body "
            "that held the meeting.",
            code="wrong_body",
            field="resolution",
        )
    if confirming_meeting.date <= meeting.date:
        refuse_input(
            f"That resolution was made on {confirming_meeting.date:%-d %B %Y}, not after the "
            f"meeting of {meeting.date:%-d %B %Y}: minutes are confirmed by a later "
            "meeting.",
            code="not_later",
            field="resolution",
        )
    if confirming_meeting.status == Meeting.Status.CANCELLED:
        refuse_input(
            f"The meeting of {confirming_meeting} was cancelled: choose a resolution of a "
            "meeting that was held.",
            code="cancelled_meeting",
            field="resolution",
        )
    if confirming_meeting.status != Meeting.Status.HELD:
        refuse_input(
            f"The meeting of {confirming_meeting} is recorded as "
            f"{confirming_meeting.get_status_display().lower()}, not held: record it as "
            "held before its resolution confirms other minutes.",
            code="meeting_not_held",
            field="resolution",
        )
    return resolution
