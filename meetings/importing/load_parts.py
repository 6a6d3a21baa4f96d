"""The parts of a document an import records: each set of minutes, and the agenda of a pack."""

from django.utils import timezone

from meetings.importing.load_matching import MinutesMatching, _minutes_published
from meetings.importing.load_result import _fmt, counted
from meetings.importing.load_writing import MinutesWriting
from meetings.importing.saving import save_checked
from meetings.models import AgendaItem, Meeting, normalise_name


class MinutesPart(MinutesMatching, MinutesWriting):
    """One set of minutes: the meeting, its attendance, items, declarations and resolutions."""

    def __init__(self, plan, parsed, body):
        self.plan = plan
        self.parsed = parsed
        self.body = body
        self.state = "create"
        self.meeting = None
        self.rows = []
        self.declarations = []
        self.movers = {}
        self.items = {}
        self.saved_resolutions = {}
        self.chair = None
        self.member_votes = {}

    @property
    def label(self):
        kind = (
            ""
            if self.parsed.kind == "ordinary"
            else f" ({dict(Meeting.Kind.choices)[self.parsed.kind].lower()})"
        )
        return f"minutes of the {self.body.label} meeting of {_fmt(self.parsed.date)}{kind}"


class AgendaPart:
    """The agenda at the front of a pack: the meeting it calls and its items of business."""

    def __init__(self, plan, parsed, body):
        self.plan = plan
        self.parsed = parsed
        self.body = body
        self.state = "create"
        self.meeting = None
        self.items = {}

    @property
    def label(self):
        return f"agenda of the {self.body.label} meeting of {_fmt(self.parsed.date)}"

    def find_existing(self):
        parsed = self.parsed
        wanted = [(i.number, normalise_name(i.title)) for i in parsed.items]
        candidates = list(Meeting.objects.filter(body=self.body, date=parsed.date))
        for meeting in candidates:
            recorded = [(i.number, normalise_name(i.title)) for i in meeting.items.all()]
            if recorded == wanted:
                self.state, self.meeting = "unchanged", meeting
                return
        for meeting in candidates:
            if (
                not meeting.items.exists()
                and not meeting.attendances.exists()
                and not _minutes_published(meeting)
            ):
                self.state, self.meeting = "fill", meeting
                return
        if candidates:
            self.state, self.meeting = "skip", candidates[0]
            self.plan.report.add(
                "skipped",
                f"the meeting of {_fmt(parsed.date)} is already recorded with items or published "
                "minutes of its own: the pack's agenda was not imported over them.",
                parsed.line,
            )

    def apply(self, plan, result):
        if self.state in ("unchanged", "skip"):
            result.unchanged.append(f"The {self.label}.")
            return
        parsed = self.parsed
        meeting = self.meeting or Meeting(
            body=self.body, date=parsed.date, kind=Meeting.Kind.ORDINARY
        )
        meeting.start_time = parsed.start_time or meeting.start_time
        meeting.venue = parsed.venue or meeting.venue
        if self.state == "create":
            today = timezone.localdate()
            meeting.status = (
                Meeting.Status.SCHEDULED if parsed.date >= today else Meeting.Status.HELD
            )
        save_checked(meeting, line=parsed.line, what=f"the meeting of {_fmt(parsed.date)}")
        self.meeting = meeting
        for order, item in enumerate(parsed.items, start=1):
            record = AgendaItem(
                meeting=meeting,
                order=order,
                number=item.number,
                title=item.title,
                description="\n\n".join(item.description),
                page_range=item.page_range,
            )
            self.items[item.number] = save_checked(
                record, line=item.line, what=f"agenda item {item.number}"
            )
        result.created.append(f"The {self.label}: {counted(len(parsed.items), 'item')}.")
