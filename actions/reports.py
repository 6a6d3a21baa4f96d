"""The "Actions arising" report: what happened to earlier meetings' actions, for a meeting.

Worded as the Panel's papers word it (seed 001, 9 October 2023): a heading per meeting
("Actions arising from the June CGB meeting;"), then each action lettered, its text, an en
dash and its status as reported ("a. OPCC to work with the Force to produce a public facing
summary ... [en dash] complete, attached as an appendix").

Which actions a report covers (kept simple on purpose). The report for meeting M lists the
actions, visible to the reader, that arose at any meeting held before M's date and that are

- still outstanding (open, in progress or awaiting sign-off), or
- closed (complete or withdrawn) on or after the date of the previous meeting of M's body,
  that is, since the last report. When M's body has no earlier meeting, every closed action
  is listed.

So an action is reported at every meeting while it is outstanding, and once more after it
closes. Actions are grouped by the meeting they arose at (oldest first) and lettered a., b.,
c. in the order of their printed references ("8a" before "8b", "9" before "10").
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from actions.models import Action, ActionEvent
from meetings.models import Meeting

# The papers separate an action from its status with an en dash.
EN_DASH = "\N{EN DASH}"


def letter(index):
    """a, b, ... z, then aa, ab, ...: as the papers letter a list."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def reported_status(action):
    """The status as the report words it: the official wording, else the plain status."""
    if action.status_wording:
        return action.status_wording
    if action.status == Action.Status.WITHDRAWN and action.withdrawn_reason:
        return f"withdrawn: {action.withdrawn_reason}"
    return action.get_status_display().lower()


@dataclass(frozen=True)
class ReportLine:
    """One lettered action in a section."""

    letter: str
    action: Action

    @property
    def status(self):
        return reported_status(self.action)

    @property
    def body(self):
        # A trailing full stop would sit awkwardly before the dash and the status.
        return self.action.text.strip().rstrip(".")

    @property
    def text(self):
        return f"{self.letter}. {self.body} {EN_DASH} {self.status}"


@dataclass(frozen=True)
class ReportSection:
    """The actions that arose at one earlier meeting."""

    meeting: Meeting
    heading: str
    lines: list


@dataclass(frozen=True)
class ActionsArisingReport:
    """The whole report for one meeting."""

    meeting: Meeting
    previous_meeting: Meeting | None
    sections: list

    def as_text(self):
        """Plain text, ready to paste into a report: one paragraph per heading and action."""
        if not self.sections:
            return "There are no actions arising from previous meetings.\n"
        blocks = []
        for section in self.sections:
            blocks.append("\n".join([section.heading, *(line.text for line in section.lines)]))
        return "\n\n".join(blocks) + "\n"


def _heading(meeting, *, report_date, ambiguous):
    when = f"{meeting.date:%-d %B}" if ambiguous else f"{meeting.date:%B}"
    if meeting.date.year != report_date.year:
        when = f"{when} {meeting.date:%Y}"
    return f"Actions arising from the {when} {meeting.body.label} meeting;"


def previous_meeting_of(meeting):
    """The last meeting of the same body before ``meeting`` (not counting cancelled ones)."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, date__lt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def actions_for_report(*, meeting, audience, previous_meeting=None):
    """The actions the report for ``meeting`` covers (see the module's docstring)."""
    still_open = ~Q(status__in=Action.CLOSED_STATUSES)
    if previous_meeting is None:
        covered = Q()
    else:
        since = datetime.datetime.combine(
            previous_meeting.date, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        closed_since = ActionEvent.objects.filter(
            action=OuterRef("pk"), to_status__in=Action.CLOSED_STATUSES, at__gte=since
        )
        covered = still_open | Q(Exists(closed_since))
    return (
        Action.objects.visible_to(audience)
        .filter(covered, meeting__date__lt=meeting.date)
        .select_related("meeting__body")
        # Each meeting's actions in the order of their printed references ("9" before "10").
        .order_by("meeting__date", "meeting__start_time", "meeting_id", "reference_key", "pk")
    )


def actions_arising_report(*, meeting, audience):
    """Build the "Actions arising" report for ``meeting`` as ``audience`` may read it."""
    previous = previous_meeting_of(meeting)
    by_meeting = {}
    for action in actions_for_report(meeting=meeting, audience=audience, previous_meeting=previous):
        by_meeting.setdefault(action.meeting, []).append(action)

    month_counts = {}
    for source in by_meeting:
        key = (source.body_id, source.date.year, source.date.month)
        month_counts[key] = month_counts.get(key, 0) + 1

    sections = []
    for source, actions in by_meeting.items():
        ambiguous = month_counts[(source.body_id, source.date.year, source.date.month)] > 1
        sections.append(
            ReportSection(
                meeting=source,
                heading=_heading(source, report_date=meeting.date, ambiguous=ambiguous),
                lines=[ReportLine(letter(i), action) for i, action in enumerate(actions)],
            )
        )
    return ActionsArisingReport(meeting=meeting, previous_meeting=previous, sections=sections)
