"""Matching a document to the database: its bodies, its people, the meetings already recorded."""

from dataclasses import dataclass

from meetings.importing.differences import differences, how_to_change, listed
from meetings.importing.load_result import _fmt
from meetings.importing.load_votes import match_recorded_votes
from meetings.importing.names import parse_name
from meetings.importing.report import ImportRefused
from meetings.models import (
    Attendance,
    Body,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Resolution,
    normalise_name,
)

CHAIR_WORDS = {"chair", "chairman", "chairwoman", "chairperson", "chair of the panel"}
VICE_WORDS = {"vice-chair", "vice-chairman", "vice-chairwoman", "vice chair", "vice chairman"}
INTERCHANGEABLE_KINDS = {"ordinary", "annual", "precept", "extraordinary"}
# The role of someone recorded as present only because the minutes record their declaration.
DECLARER_ROLE = "Not in the minutes' list of those present"


# -- bodies ----------------------------------------------------------------------------------
class BodyFinder:
    def __init__(self):
        self._bodies = None

    @property
    def bodies(self):
        if self._bodies is None:
            self._bodies = list(Body.objects.all())
        return self._bodies

    def find(self, name, *, line=None, required=True):
        wanted = normalise_name(name)
        for body in self.bodies:
            if wanted in (normalise_name(body.name), normalise_name(body.short_name)):
                return body
        loose = [
            body
            for body in self.bodies
            if normalise_name(body.name)
            and (normalise_name(body.name) in wanted or wanted in normalise_name(body.name))
        ]
        if len(loose) == 1:
            return loose[0]
        if not required:
            return None
        raise ImportRefused(
            f"no body called \u201c{name}\u201d is recorded. Add it in the admin (Bodies), or "
            "say which body the document is for (--body SLUG on the command line, or the body "
            "field on the import page).",
            line=line,
        )


# -- parts -----------------------------------------------------------------------------------
@dataclass(eq=False)
class AttendanceRow:
    identity: object
    status: str
    is_chair: bool
    role: str
    for_items: tuple
    line: int
    substitute_for: object = None
    # Recorded present because the minutes record their declaration, not their attendance.
    from_declaration: bool = False


class MinutesMatching:
    """Planning one set of minutes, reading only (a part of ``load_parts.MinutesPart``)."""

    # planning
    def resolve_people(self, resolver):
        self._attendance_rows(resolver)
        self._limited_attendance()
        self._declarations(resolver)
        self._motions(resolver)
        self.member_votes = match_recorded_votes(self)

    def _attendance_rows(self, resolver):
        report = self.plan.report
        by_identity = {}
        chair = None
        for entry in self.parsed.attendance:
            avoid = ()
            if entry.status in (Attendance.Status.APOLOGIES, Attendance.Status.ABSENT):
                avoid = {r.identity for r in self.rows if r.status in Attendance.PRESENT_STATUSES}
            identity = resolver.resolve(entry.name, entry.line, needed=True, avoid=avoid)
            row = by_identity.get(identity)
            if row is not None:
                if row.status == entry.status:
                    report.add(
                        "duplicate",
                        f"\u201c{entry.name.printed}\u201d is listed twice (also line {row.line}): "
                        "recorded as one attendance.",
                        entry.line,
                    )
                else:
                    report.add(
                        "duplicate",
                        f"\u201c{entry.name.printed}\u201d is listed as "
                        f"{entry.status.replace('_', ' ')} but also as {row.status.replace('_', ' ')} "
                        f"(line {row.line}): recorded as {row.status.replace('_', ' ')} only.",
                        entry.line,
                    )
                continue
            is_chair = entry.name.chair and entry.status == "present"
            if is_chair and chair is not None:
                report.add(
                    "duplicate",
                    f"\u201c{entry.name.printed}\u201d is marked as chair, but so is "
                    f"{chair.identity.label} (line {chair.line}): only the first is recorded as chair.",
                    entry.line,
                )
                is_chair = False
            role = entry.name.role or ("Vice-Chair" if entry.name.vice_chair else "")
            row = AttendanceRow(
                identity, entry.status, is_chair, role, entry.name.for_items, entry.line
            )
            if entry.substitute_for is not None:
                row.substitute_for = resolver.resolve(entry.substitute_for, entry.line, needed=True)
            if is_chair:
                chair = row
            by_identity[identity] = row
            self.rows.append(row)
        self.chair = chair

    def _limited_attendance(self):
        report = self.plan.report
        numbers = {item.number for item in self.parsed.items}
        for row in self.rows:
            missing = [n for n in row.for_items if n not in numbers]
            if missing:
                report.add(
                    "note",
                    f"{row.identity.label} attended for minute(s) {', '.join(missing)}, which these "
                    "minutes do not have: recorded as attending the whole meeting.",
                    row.line,
                )
                row.for_items = tuple(n for n in row.for_items if n in numbers)

    def _declarations(self, resolver):
        report = self.plan.report
        numbers = {item.number for item in self.parsed.items}
        present = {row.identity for row in self.rows if row.status in Attendance.PRESENT_STATUSES}
        for declaration in self.parsed.declarations:
            identity = resolver.resolve(declaration.who, declaration.line, needed=False)
            if identity not in present:
                if not self._declarer_present(identity, declaration):
                    continue
                present.add(identity)
            if not declaration.type_stated:
                report.add(
                    "note",
                    f"the minutes do not say what kind of interest \u201c{declaration.who.printed}\u201d "
                    "declared: recorded as a personal interest.",
                    declaration.line,
                )
            missing = [n for n in declaration.item_numbers if n not in numbers]
            if missing:
                report.add(
                    "note",
                    f"the declaration refers to item(s) {', '.join(missing)}, which these minutes do "
                    "not have.",
                    declaration.line,
                )
            self.declarations.append((identity, declaration))

    def _declarer_present(self, identity, declaration):
        """Record a declarer the attendance lists leave out as present; False when it cannot.

        The minutes record that the declaration was made, so it is imported; the Declaration
        model requires its declarer to be present (its clean()), so they are recorded present,
        with a role saying why, and the attendance anomaly is reported for a person to check.
        """
        who, line = declaration.who.printed, declaration.line
        where = self._minute_at(line)
        listed = next((row for row in self.rows if row.identity is identity), None)
        if listed is not None:
            # Listed with apologies, or as absent: the minutes contradict themselves.
            self.plan.report.add(
                "not_present",
                f"\u201c{who}\u201d declared an interest {where} but is listed as "
                f"{Attendance.Status(listed.status).label.lower()} (line {listed.line}): the "
                "declaration was not imported. Check the minutes, then record the attendance and "
                "the declaration in the admin.",
                line,
            )
            return False
        identity.needed = True
        present = Attendance.Status.PRESENT
        row = AttendanceRow(
            identity, present, False, DECLARER_ROLE, (), line, from_declaration=True
        )
        self.rows.append(row)
        self.plan.report.add(
            "declared_absent",
            f"\u201c{who}\u201d declared an interest {where} but is not in the PRESENT list: "
            f"recorded as present (role \u201c{DECLARER_ROLE}\u201d); check the minutes.",
            line,
        )
        return True

    def _minute_at(self, line):
        """ "at minute N" for the minute printed at ``line`` ("at line N" before the first)."""
        before = [item for item in self.parsed.items if item.line <= line]
        if not before:
            return f"at line {line}"
        return f"at minute {max(before, key=lambda item: item.line).number}"

    def _motions(self, resolver):
        report = self.plan.report
        members_present = {
            row.identity for row in self.rows if row.status == Attendance.Status.PRESENT
        }
        for item in self.parsed.items:
            for resolution in item.resolutions:
                if resolution.is_motion:
                    self.movers[id(resolution)] = (
                        self._mover(
                            resolver, resolution, resolution.mover, "moved", members_present
                        ),
                        self._mover(
                            resolver, resolution, resolution.seconder, "seconded", members_present
                        ),
                    )
                    mover, seconder = self.movers[id(resolution)]
                    if mover is not None and mover is seconder:
                        report.add(
                            "note",
                            "the motion names the same person as mover and seconder: the seconder is left blank.",
                            resolution.line,
                        )
                        self.movers[id(resolution)] = (mover, None)

    def _mover(self, resolver, resolution, text, verb, members_present):
        report = self.plan.report
        words = normalise_name(text).removeprefix("the ").replace(" ", "-")
        words_spaced = words.replace("-", " ")
        identity = None
        if words_spaced in CHAIR_WORDS:
            identity = self.chair.identity if self.chair else None
            if identity is None:
                report.add(
                    "unresolved",
                    f"the motion was {verb} by \u201c{text}\u201d, but no member is marked as in the "
                    "Chair: left blank.",
                    resolution.line,
                )
                return None
        elif words in VICE_WORDS or words_spaced in VICE_WORDS:
            vice = next((row for row in self.rows if row.role == "Vice-Chair"), None)
            if vice is not None:
                identity = vice.identity
            else:
                membership = (
                    Membership.objects.active_on(self.parsed.date)
                    .filter(body=self.body, role=Membership.Role.VICE_CHAIR)
                    .select_related("person")
                    .first()
                )
                if membership is None:
                    report.add(
                        "unresolved",
                        f"the motion was {verb} by \u201c{text}\u201d, but the minutes do not say who "
                        f"that was and no Vice-Chair of {self.body.label} is recorded for "
                        f"{_fmt(self.parsed.date)}: left blank. Record the Vice-Chair's membership, "
                        "or set it on the resolution in the admin.",
                        resolution.line,
                    )
                    return None
                identity = resolver.identity_for_person(membership.person)
        else:
            name = parse_name(text)
            if name is None:
                report.add(
                    "unresolved",
                    f"the motion was {verb} by \u201c{text}\u201d, which is not a name the importer "
                    "can read: left blank.",
                    resolution.line,
                )
                return None
            identity = resolver.resolve(name, resolution.line, needed=False)
        if identity not in members_present:
            report.add(
                "not_present",
                f"the motion was {verb} by \u201c{text}\u201d ({identity.label}), who is not listed as a "
                "member present: left blank.",
                resolution.line,
            )
            return None
        return identity

    def find_existing(self):
        parsed = self.parsed
        candidates = list(
            Meeting.objects.filter(body=self.body, date=parsed.date).prefetch_related("items")
        )
        for meeting in candidates:
            if not self._differences(meeting):
                self.state, self.meeting = "unchanged", meeting
                return
        compatible = [m for m in candidates if _compatible(m, parsed.kind, parsed.start_time)]
        # A meeting whose minutes are published changes only by a correction: never filled.
        open_to_fill = [m for m in compatible if not _minutes_published(m)]
        for meeting in open_to_fill:
            if not meeting.items.exists() and not meeting.attendances.exists():
                self.state, self.meeting = "fill", meeting
                return
        for meeting in open_to_fill:
            if _agenda_only(meeting):
                self.state, self.meeting = "replace", meeting
                self.plan.report.add(
                    "note",
                    f"the meeting of {_fmt(parsed.date)} is recorded with an agenda of "
                    f"{meeting.items.count()} items and no minutes: the minutes' items replace them.",
                    parsed.line,
                )
                return
        if compatible:
            meeting = compatible[0]
            raise ImportRefused(
                f"the {self.label} are already recorded, and differ from this document: "
                f"{listed(self._differences(meeting))}. Nothing was imported. "
                + how_to_change(meeting),
                line=parsed.line,
            )

    def _differences(self, meeting):
        return differences(meeting, self.parsed, self.rows)


def _compatible(meeting, kind, start_time):
    times = meeting.start_time is None or start_time is None or meeting.start_time == start_time
    kinds = meeting.kind == kind or {meeting.kind, kind} <= INTERCHANGEABLE_KINDS
    return times and kinds


def _minutes_published(meeting):
    return Minutes.objects.published().filter(meeting=meeting).exists()


def _agenda_only(meeting):
    return (
        meeting.items.exists()
        and not meeting.attendances.exists()
        and not meeting.declarations.exists()
        and not Resolution.objects.filter(item__meeting=meeting).exists()
        and not meeting.items.exclude(minutes_text="").exists()
        and not Paper.objects.filter(item__meeting=meeting).exists()
    )
