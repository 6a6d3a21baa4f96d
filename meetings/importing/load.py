"""Planning an import (reads only) and writing it (all or nothing).

``plan_import`` matches a parsed document to the database: the bodies, the people, the
meetings already recorded. It decides, for each meeting in the document, whether it is new,
already recorded word for word (nothing to do), or recorded differently (refused). Every doubt
goes into the report. ``apply_plan`` then writes everything in one transaction; any error
rolls the whole document back and names the line. A dry run writes and rolls back, so it
checks every database rule a real import would. Minutes are started and published through
the lifecycle services (``meetings.services``), so their history shows the import as its steps,
by the importing user; a step the services refuse refuses the import.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from meetings.importing import extensions
from meetings.importing.document import parse_document
from meetings.importing.names import parse_name
from meetings.importing.people import PeopleResolver
from meetings.importing.report import ImportRefused, Report
from meetings.importing.saving import save_checked
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Resolution,
    normalise_name,
)
from meetings.services import minutes_create, minutes_publish

CHAIR_WORDS = {"chair", "chairman", "chairwoman", "chairperson", "chair of the panel"}
VICE_WORDS = {"vice-chair", "vice-chairman", "vice-chairwoman", "vice chair", "vice chairman"}
INTERCHANGEABLE_KINDS = {"ordinary", "annual", "precept", "extraordinary"}


@dataclass
class Proposal:
    """A request in the minutes that could become an action, if an officer accepts it."""

    key: str
    meeting: str
    reference: str
    text: str
    line: int
    origin: str


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), and what it could not reconcile."""

    source: str
    created: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    report: Report = field(default_factory=Report)
    proposals: list = field(default_factory=list)
    new_people: list = field(default_factory=list)
    dry_run: bool = False

    @property
    def nothing_changed(self):
        return not self.created

    @property
    def headline(self):
        if self.nothing_changed:
            return (
                f"Nothing changed: everything in {self.source} is already recorded."
                if self.unchanged
                else f"Nothing to import from {self.source}."
            )
        verb = "Would import" if self.dry_run else "Imported"
        return f"{verb} {self.source}."

    def as_text(self):
        lines = [self.headline]
        if self.created:
            lines.append("Would create:" if self.dry_run else "Created:")
            lines += [f"  {line}" for line in self.created]
        if self.unchanged:
            lines.append("Already recorded (unchanged):")
            lines += [f"  {line}" for line in self.unchanged]
        if self.proposals:
            lines.append("Requests that could become actions (not created unless accepted):")
            lines += [f"  [{p.key}] {p.meeting}, {p.reference}: {p.text}" for p in self.proposals]
        lines.append("Anomaly report:")
        lines.append(self.report.as_text())
        return "\n".join(lines)


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


def counted(number, singular, plural=None):
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _fmt(date):
    return f"{date:%-d %B %Y}"


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


class MinutesPart:
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

    @property
    def label(self):
        kind = (
            ""
            if self.parsed.kind == "ordinary"
            else f" ({dict(Meeting.Kind.choices)[self.parsed.kind].lower()})"
        )
        return f"minutes of the {self.body.label} meeting of {_fmt(self.parsed.date)}{kind}"

    # planning
    def resolve_people(self, resolver):
        report = self.plan.report
        by_identity = {}
        chair = None
        for entry in self.parsed.attendance:
            identity = resolver.resolve(entry.name, entry.line, needed=True)
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
            if is_chair:
                chair = row
            by_identity[identity] = row
            self.rows.append(row)
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
        self.chair = chair
        present = {row.identity for row in self.rows if row.status in Attendance.PRESENT_STATUSES}
        for declaration in self.parsed.declarations:
            identity = resolver.resolve(declaration.who, declaration.line, needed=False)
            if identity not in present:
                report.add(
                    "not_present",
                    f"\u201c{declaration.who.printed}\u201d declared an interest but is not listed as "
                    "present: the declaration was not imported. Record their attendance and the "
                    "declaration in the admin.",
                    declaration.line,
                )
                continue
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
            if self._difference(meeting) is None:
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
                f"the {self.label} are already recorded, and differ from this document "
                f"({self._difference(meeting)}). Nothing was imported: correct the meeting in the "
                "admin, or delete it there and import again.",
                line=parsed.line,
            )

    def _difference(self, meeting):
        parsed = self.parsed
        recorded_items = [(i.number, normalise_name(i.title)) for i in meeting.items.all()]
        items = [(i.number, normalise_name(i.title)) for i in parsed.items]
        if recorded_items != items:
            return f"{len(recorded_items)} items recorded, {len(items)} in the document"
        recorded_resolutions = sorted(
            (r.item.number, r.number or 0, normalise_name(r.text))
            for r in Resolution.objects.filter(item__meeting=meeting).select_related("item")
        )
        resolutions = sorted(
            (item.number, r.number or 0, normalise_name(r.text))
            for item in parsed.items
            for r in item.resolutions
        )
        if recorded_resolutions != resolutions:
            return f"{len(recorded_resolutions)} resolutions recorded, {len(resolutions)} in the document"
        recorded_attendance = set(meeting.attendances.values_list("person_id", "status"))
        attendance = {
            (row.identity.person.pk if row.identity.person else None, row.status)
            for row in self.rows
        }
        if recorded_attendance != attendance:
            return "the attendance differs"
        return None

    # writing
    def apply(self, plan, result):
        if self.state == "unchanged":
            result.unchanged.append(f"The {self.label}.")
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
        for order, row in enumerate(self.rows, start=1):
            attendance = Attendance(
                meeting=meeting,
                person=row.identity.person,
                status=row.status,
                is_chair=row.is_chair,
                role=row.role,
                order=order,
            )
            save_checked(attendance, line=row.line, what=f"the attendance of {row.identity.label}")
            if row.for_items:
                attendance.items.set([self.items[n] for n in row.for_items])
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
        self._publish_minutes(plan, meeting)
        counts = ", ".join(
            (
                counted(len(parsed.items), "item"),
                counted(len(self.rows), "attendance record"),
                counted(len(self.declarations), "declaration"),
                counted(len(parsed.resolutions), "resolution"),
            )
        )
        result.created.append(f"The {self.label}: {counts}.")

    def _publish_minutes(self, plan, meeting):
        """Publish the minutes, as the papers did, through the steps of their lifecycle.

        Minutes an officer has started (a draft) are published; otherwise they are started
        first. Either way their history names the importing user and the lines imported.
        """
        parsed = self.parsed
        where = f"{plan.document.source} (lines {parsed.line}-{parsed.end_line})"
        try:
            minutes = Minutes.objects.filter(meeting=meeting).first() or minutes_create(
                meeting=meeting, user=plan.user, note=f"Imported from {where}."
            )
            minutes_publish(
                minutes=minutes,
                user=plan.user,
                note=f"Published on import: the papers printed them in {where}.",
            )
        except ValidationError as refusal:
            raise ImportRefused(
                f"the {self.label} cannot be recorded: {' '.join(refusal.messages)} Check the "
                "date in the heading against the PDF.",
                line=parsed.line,
            ) from None


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


# -- the plan --------------------------------------------------------------------------------
class ImportPlan:
    """Everything an import will do, worked out before anything is written."""

    def __init__(self, document, *, body=None):
        self.document = document
        self.body_override = body
        self.report = Report()
        self.report.extend(document.report)
        self.bodies = BodyFinder()
        self.parts = []
        self.proposals = []
        self.people = None
        self.user = None
        self.state = {}

    @property
    def minutes_parts(self):
        return [part for part in self.parts if isinstance(part, MinutesPart)]


def plan_import(document, *, body=None):
    """Match a parsed document to the database and decide what importing it would do."""
    document.require_content()
    plan = ImportPlan(document, body=body)
    agenda = document.agenda
    if agenda is not None:
        agenda_body = body or plan.bodies.find(agenda.body_name, line=agenda.line)
        plan.parts.append(AgendaPart(plan, agenda, agenda_body))
    for minutes in document.minutes:
        minutes_body = body or plan.bodies.find(minutes.body_name, line=minutes.line)
        plan.parts.append(MinutesPart(plan, minutes, minutes_body))
    resolver = PeopleResolver(bodies={part.body for part in plan.parts}, report=plan.report)
    plan.people = resolver
    names = [name for name, _ in agenda.roster] if agenda is not None else []
    for minutes in document.minutes:
        names += [entry.name for entry in minutes.attendance]
        names += [declaration.who for declaration in minutes.declarations]
        for resolution in minutes.resolutions:
            names += [
                n for n in (parse_name(resolution.mover), parse_name(resolution.seconder)) if n
            ]
    resolver.prepare(names)
    if agenda is not None:
        for name, line in agenda.roster:
            resolver.resolve(name, line, needed=False)
    for part in plan.minutes_parts:
        part.resolve_people(resolver)
    for part in plan.parts:
        part.find_existing()
    resolver.report_outcomes()
    _report_paper_dates(plan)
    for extension in extensions.registered():
        extension.plan(plan, document.extras.get(extension.name))
    return plan


def _report_paper_dates(plan):
    document = plan.document
    for board in document.board_reports:
        if board.stated_date and board.stated_date != board.date:
            plan.report.add(
                "date",
                f"the {board.name.title()} report dated {_fmt(board.date)} (line {board.line}) "
                f"describes \u201cthe meeting held on {_fmt(board.stated_date)}\u201d: its meeting is "
                f"taken to be {_fmt(board.date)}; check which date is right.",
                board.stated_line,
            )
    if document.agenda is not None:
        for cover in document.cover_sheets:
            if cover.addressee == "panel" and cover.date != document.agenda.date:
                plan.report.add(
                    "date",
                    f"the paper \u201c{cover.subject.title()}\u201d is dated {_fmt(cover.date)}, but the "
                    f"pack is for the meeting of {_fmt(document.agenda.date)}.",
                    cover.line,
                )


def apply_plan(plan, *, user=None, create_people=False, accept=(), dry_run=False):
    """Write the plan in one transaction (rolled back again for a dry run)."""
    plan.user = user
    accept = set(accept)
    known = {proposal.key for proposal in plan.proposals}
    unknown = accept - known
    if unknown:
        raise ImportRefused(
            f"the request(s) {', '.join(sorted(unknown))} are not proposed by this document: "
            "preview the import again and tick from the list shown."
        )
    people = plan.people
    if people.ambiguous_identities:
        spelled = ", ".join(
            f"\u201c{i.spellings[0][0].printed}\u201d" for i in people.ambiguous_identities
        )
        raise ImportRefused(
            f"{spelled} could each be more than one recorded person (see the report): add the "
            "spelling to the right person in the admin, then import again. Nothing was imported.",
            line=people.ambiguous_identities[0].spellings[0][1],
        )
    new = people.new_identities
    if new and not create_people and not dry_run:
        listed = "; ".join(f"\u201c{i.best.printed}\u201d (line {i.first_line})" for i in new)
        raise ImportRefused(
            f"{len(new)} name(s) match nobody recorded: {listed}. Confirm that these people should "
            "be created (tick the box, or use --create-people), or add them (or these spellings) "
            "to the people recorded, then import again. Nothing was imported."
        )
    result = ImportResult(source=plan.document.source, dry_run=dry_run)
    result.proposals = list(plan.proposals)
    result.new_people = [identity.best.printed for identity in new]
    try:
        with transaction.atomic():
            created_people = people.create_people()
            if created_people:
                result.created.append(
                    f"{counted(len(created_people), 'person', 'people')}: "
                    + ", ".join(p.formal_name for p in created_people)
                    + "."
                )
            for part in plan.parts:
                part.apply(plan, result)
            for extension in extensions.registered():
                extension.apply(
                    plan, plan.document.extras.get(extension.name), result, accept=accept
                )
            aliases = people.add_aliases() if result.created else []
            if aliases:
                result.created.append(
                    f"{counted(len(aliases), 'other spelling')} of people's names: "
                    + ", ".join(f"\u201c{a.name}\u201d ({a.person.name})" for a in aliases)
                    + "."
                )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    result.report = plan.report
    return result


def import_text(
    text,
    *,
    source="the document",
    body=None,
    user=None,
    create_people=False,
    accept=(),
    dry_run=False,
):
    """Parse, plan and write one document: the whole import in one call."""
    document = parse_document(text, source=source)
    plan = plan_import(document, body=body)
    return apply_plan(plan, user=user, create_people=create_people, accept=accept, dry_run=dry_run)
