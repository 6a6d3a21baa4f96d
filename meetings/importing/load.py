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

from django.db import transaction

from meetings.importing import extensions
from meetings.importing.document import parse_document
from meetings.importing.load_matching import (
    CHAIR_WORDS,
    INTERCHANGEABLE_KINDS,
    VICE_WORDS,
    AttendanceRow,
    BodyFinder,
)
from meetings.importing.load_parts import AgendaPart, MinutesPart
from meetings.importing.load_result import ImportResult, Proposal, _fmt, counted
from meetings.importing.names import parse_name
from meetings.importing.people import PeopleResolver
from meetings.importing.report import ImportRefused, Report
from meetings.importing.saving import save_checked

__all__ = [
    "CHAIR_WORDS",
    "INTERCHANGEABLE_KINDS",
    "VICE_WORDS",
    "AgendaPart",
    "AttendanceRow",
    "BodyFinder",
    "ImportPlan",
    "ImportResult",
    "MinutesPart",
    "Proposal",
    "apply_plan",
    "counted",
    "import_text",
    "plan_import",
    "save_checked",
]


class _DryRun(Exception):
    """Raised inside the transaction to undo a dry run."""


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


def plan_import(document, *, body=None, confirm_names=()):
    """Match a parsed document to the database and decide what importing it would do.

    ``confirm_names``: the keys of the near misses a person confirmed as the same person
    (``near_misses``), or ``near_misses.ALL``.
    """
    document.require_content()
    plan = ImportPlan(document, body=body)
    agenda = document.agenda
    if agenda is not None:
        agenda_body = body or plan.bodies.find(agenda.body_name, line=agenda.line)
        plan.parts.append(AgendaPart(plan, agenda, agenda_body))
    for minutes in document.minutes:
        minutes_body = body or plan.bodies.find(minutes.body_name, line=minutes.line)
        plan.parts.append(MinutesPart(plan, minutes, minutes_body))
    resolver = PeopleResolver(
        bodies={part.body for part in plan.parts}, report=plan.report, confirmed=confirm_names
    )
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
    resolver.near_misses.check_confirmed_keys()
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
        raise ImportRefused(_nobody_recorded(people, new))
    result = ImportResult(source=plan.document.source, dry_run=dry_run)
    result.proposals = list(plan.proposals)
    near_misses = people.near_misses
    result.near_misses = list(near_misses.found.values())
    result.new_people = [
        identity.best.printed
        for identity in new
        if not near_misses.for_spelling(identity.best.printed)
    ]
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


def _nobody_recorded(people, new):
    """The refusal for names that match nobody, when creating people was not confirmed."""
    listed, near_count = [], 0
    for identity in new:
        near = people.near_misses.for_spelling(identity.best.printed)
        near_count += near is not None
        looks = f", which looks like {near.looks_like}" if near else ""
        listed.append(f"\u201c{identity.best.printed}\u201d (line {identity.first_line}{looks})")
    create = "tick the box, or use --create-people"
    if not near_count:
        confirm = f"Confirm that these people should be created ({create})"
    else:
        others = "the others" if near_count < len(new) else "them"
        confirm = (
            "Confirm each name that looks like someone if it is that person (tick it on the "
            f"import page, or use --confirm-names for all), confirm that {others} should be "
            f"created as new people ({create})"
        )
    return (
        f"{len(new)} name(s) match nobody recorded: {'; '.join(listed)}. {confirm}, or add "
        "them (or these spellings) to the people recorded, then import again. Nothing was "
        "imported."
    )


def import_text(
    text,
    *,
    source="the document",
    body=None,
    user=None,
    create_people=False,
    accept=(),
    dry_run=False,
    style=None,
    confirm_names=(),
):
    """Parse, plan and write one document: the whole import in one call.

    ``style`` forces a house style by name (``styles.STYLES``); an unknown name is refused.
    ``confirm_names`` confirms near misses of names (``near_misses``): their keys, or ALL.
    """
    document = parse_document(text, source=source, style=style)
    plan = plan_import(document, body=body, confirm_names=confirm_names)
    return apply_plan(plan, user=user, create_people=create_people, accept=accept, dry_run=dry_run)
