"""Writing one set of minutes: its meeting, items, attendance, declarations and resolutions."""

from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from meetings.importing.dating import papers_dated
from meetings.importing.load_result import _fmt, counted
from meetings.importing.load_summary import (
    attendance_warnings,
    minutes_summary,
    shortfalls,
    summary_line,
)
from meetings.importing.load_votes import write_recorded_votes
from meetings.importing.report import ImportRefused
from meetings.importing.saving import save_checked
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    Resolution,
)
from meetings.services import minutes_create, minutes_publish


class MinutesWriting:
    """Writing one set of minutes and publishing them (a part of ``load_parts.MinutesPart``)."""

    # writing
    def apply(self, plan, result):
        if self.state == "unchanged":
            result.unchanged.append(f"The {self.label}.")
            # Already recorded as the document has it: what it holds is what is recorded.
            summary = minutes_summary(self.parsed, self.rows, self.declarations)
            result.tallies.append(self._tally([(w, seen, seen) for w, seen, _ in summary]))
            return
        parsed = self.parsed
        meeting = self.meeting or Meeting(body=self.body, date=parsed.date)
        if self.state == "replace":
            try:
                meeting.items.all().delete()
            except ProtectedError:
                raise ImportRefused(
                    f"the agenda recorded for the meeting of {_fmt(parsed.date)} has actions "
                    "attached to its items, so the minutes cannot replace it: enter the minutes "
                    "in the admin instead.",
                    line=parsed.line,
                ) from None
        meeting.kind = parsed.kind
        meeting.title = parsed.title or meeting.title
        meeting.start_time = parsed.start_time or meeting.start_time
        meeting.end_time = parsed.end_time or meeting.end_time
        meeting.venue = parsed.venue or meeting.venue
        meeting.status = Meeting.Status.HELD
        meeting.no_declarations = parsed.no_declarations and not self.declarations
        meeting.quorate = parsed.quorate if parsed.quorate is not None else meeting.quorate
        save_checked(meeting, line=parsed.line, what=f"the meeting of {_fmt(parsed.date)}")
        self.meeting = meeting
        self.member_votes_written = 0
        self._write_items(meeting)
        self._write_attendance(meeting)
        self._write_declarations(meeting)
        self._write_resolutions()
        self._publish_minutes(plan, meeting)
        summary = minutes_summary(parsed, self.rows, self.declarations, self.member_votes_written)
        result.summary.append(f"The {self.label}: {summary_line(summary)}.")
        result.tallies.append(self._tally(summary))
        for warning in shortfalls(summary, f"The {self.label}"):
            result.warnings.append(warning)
            plan.report.add("shortfall", warning, parsed.line)
        result.warnings += attendance_warnings(summary, f"The {self.label}")
        counts = ", ".join(
            (
                counted(len(parsed.items), "item"),
                counted(len(self.rows), "attendance record"),
                counted(len(self.declarations), "declaration"),
                counted(len(parsed.resolutions), "resolution"),
            )
        )
        result.created.append(f"The {self.label}: {counts}.")

    def _tally(self, summary):
        items = len(self.parsed.items)
        return [("items", items, items), *summary]

    def _write_items(self, meeting):
        parsed = self.parsed
        for order, item in enumerate(parsed.items, start=1):
            record = AgendaItem(
                meeting=meeting,
                order=order,
                number=item.number,
                title=item.title,
                minutes_text=item.minutes_text,
                confidentiality=item.confidentiality,
                exempt_paragraphs=item.exempt_paragraphs,
            )
            self.items[item.number] = save_checked(
                record, line=item.line, what=f"item {item.number}"
            )

    def _write_attendance(self, meeting):
        for order, row in enumerate(self.rows, start=1):
            attendance = Attendance(
                meeting=meeting,
                person=row.identity.person,
                status=row.status,
                is_chair=row.is_chair,
                role=row.role,
                order=order,
                substitute_for=row.substitute_for.person if row.substitute_for else None,
            )
            save_checked(attendance, line=row.line, what=f"the attendance of {row.identity.label}")
            if row.for_items:
                attendance.items.set([self.items[n] for n in row.for_items])

    def _write_declarations(self, meeting):
        for identity, parsed_declaration in self.declarations:
            declaration = Declaration(
                meeting=meeting,
                person=identity.person,
                interest_type=parsed_declaration.interest_type,
                all_items=parsed_declaration.all_items,
                reason=parsed_declaration.reason,
            )
            save_checked(
                declaration,
                line=parsed_declaration.line,
                what=f"the declaration of {identity.label}",
            )
            linked = [self.items[n] for n in parsed_declaration.item_numbers if n in self.items]
            if linked:
                declaration.items.set(linked)

    def _write_resolutions(self):
        parsed = self.parsed
        for item in parsed.items:
            for resolution in item.resolutions:
                mover, seconder = self.movers.get(id(resolution), (None, None))
                for_, against, abstain = resolution.votes
                record = Resolution(
                    item=self.items[item.number],
                    number=resolution.number,
                    text=resolution.text,
                    kind=resolution.kind,
                    is_motion=resolution.is_motion,
                    mover=mover.person if mover else None,
                    seconder=seconder.person if seconder else None,
                    outcome=resolution.outcome,
                    votes_for=for_,
                    votes_against=against,
                    abstentions=abstain,
                )
                what = (
                    f"resolution {item.number}.{resolution.number}"
                    if resolution.number
                    else f"the resolution of item {item.number}"
                )
                self.saved_resolutions[id(resolution)] = save_checked(
                    record, line=resolution.line, what=what
                )
                votes = self.member_votes.get(id(resolution), ())
                self.member_votes_written += write_recorded_votes(record, votes)

    def _publish_minutes(self, plan, meeting):
        """Publish the minutes, as the papers did, through the steps of their lifecycle.

        Minutes an officer has started (a draft) are published; otherwise they are started
        first. Either way their history names the importing user and the lines imported.
        """
        parsed = self.parsed
        where = f"{plan.document.source} (lines {parsed.line}-{parsed.end_line})"
        # Minutes printed in the pack of a later meeting were published by that meeting: the
        # steps are dated so (now when the papers give no later date).
        dated = papers_dated(plan.document)
        at = dated if dated is not None and dated.date() > parsed.date else None
        try:
            minutes = Minutes.objects.filter(meeting=meeting).first()
            minutes = minutes or minutes_create(
                meeting=meeting, user=plan.user, note=f"Imported from {where}.", at=at
            )
            minutes_publish(
                minutes=minutes,
                user=plan.user,
                note=f"Published on import: the papers printed them in {where}.",
                at=at,
            )
        except ValidationError as refusal:
            raise ImportRefused(
                f"the {self.label} cannot be recorded: {' '.join(refusal.messages)} Check the "
                "date in the heading of the minutes.",
                line=parsed.line,
            ) from None
