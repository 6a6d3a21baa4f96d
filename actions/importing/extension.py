"""The action log's importer extension: plans and writes the actions a paper's lists and
minutes give (the package's docstring says what becomes an action)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actions import services
from actions.importing.parsing import ParsedActionList, parse_action_lists
from actions.models import Action
from meetings.importing import extensions
from meetings.importing.dating import on_papers_date, papers_dated
from meetings.importing.load import Proposal, counted, save_checked
from meetings.importing.report import ImportRefused
from meetings.models import Meeting, normalise_name


@dataclass(eq=False)
class _ListPlan:
    parsed: ParsedActionList
    body: object
    date: object
    meeting: object
    new: list = field(default_factory=list)
    existing: list = field(default_factory=list)


class ActionsImport(extensions.ImportExtension):
    """Board action lists and requests in minutes, for the importer."""

    name = "actions"

    def parse(self, document):
        return parse_action_lists(document)

    # planning ---------------------------------------------------------------------------
    def plan(self, plan, parsed):
        plans = [self._plan_list(plan, action_list) for action_list in parsed or []]
        plan.state[self.name] = plans
        for list_plan in plans:
            for action in list_plan.parsed.actions:
                if not action.recognised:
                    plan.report.add(
                        "status",
                        f"action {action.reference}: the status \u201c{action.status_wording}\u201d is "
                        "not one the importer knows; recorded as open with that wording.",
                        action.line,
                    )
        plan.proposals.extend(self._proposals(plan))

    def _plan_list(self, plan, action_list):
        body = self._board(plan, action_list)
        date = self._meeting_date(plan, action_list, body)
        meeting = Meeting.objects.filter(body=body, date=date).first()
        list_plan = _ListPlan(action_list, body, date, meeting)
        recorded = {}
        if meeting is not None:
            recorded = {a.reference: a for a in Action.objects.filter(meeting=meeting)}
        for action in action_list.actions:
            existing = recorded.get(action.reference)
            if existing is None:
                list_plan.new.append(action)
                continue
            list_plan.existing.append(action)
            if existing.status != action.status:
                plan.report.add(
                    "skipped",
                    f"action {action.reference} of the {body.label} meeting of {date:%-d %B %Y} is "
                    f"already recorded, now {existing.get_status_display().lower()}; this document "
                    f"says {Action.Status(action.status).label.lower()}: left as it is.",
                    action.line,
                )
        return list_plan

    def _board(self, plan, action_list):
        body = plan.bodies.find(action_list.board, required=False)
        if body is None:
            wanted = normalise_name(action_list.board).replace(" ", "")
            initials = [
                b
                for b in plan.bodies.bodies
                if "".join(
                    w[0] for w in normalise_name(b.name).split() if w not in {"of", "and", "the"}
                )
                == wanted
            ]
            body = initials[0] if len(initials) == 1 else None
        if body is None:
            raise ImportRefused(
                f"no body is recorded for \u201c{action_list.board}\u201d, the board whose actions "
                "are listed here: add it in the admin (Bodies, with its short name), then import again.",
                line=action_list.line,
            )
        return body

    def _meeting_date(self, plan, action_list, body):
        if action_list.date is not None:
            return action_list.date
        month, year = action_list.month, action_list.year
        if month is None:
            raise ImportRefused(
                "expected the month or the date of the meeting these actions arose at "
                '("Actions arising from the June CGB meeting")',
                line=action_list.line,
            )
        if year is None:
            context = action_list.context_date
            if context is None:
                raise ImportRefused(
                    "expected a year for the meeting these actions arose at (the list gives only "
                    "the month, and the paper has no date)",
                    line=action_list.line,
                )
            year = context.year if month <= context.month else context.year - 1
        reports = [
            r
            for r in plan.document.board_reports
            if (r.date.year, r.date.month) == (year, month)
            and (
                normalise_name(r.name) == normalise_name(body.name)
                or r.initials.lower() == normalise_name(body.short_name)
            )
        ]
        if len(reports) == 1:
            return reports[0].date
        start = datetime.date(year, month, 1)
        recorded = list(
            Meeting.objects.filter(body=body, date__year=year, date__month=month).values_list(
                "date", flat=True
            )
        )
        if len(recorded) == 1:
            return recorded[0]
        raise ImportRefused(
            f"the actions arose at the {body.label} meeting of {start:%B %Y}, but "
            + (
                "several meetings of that month are recorded"
                if recorded
                else "no report of that meeting is in this document and none is recorded"
            )
            + f": record the {body.label} meeting of {start:%B %Y} (with its date) in the admin, then import again.",
            line=action_list.line,
        )

    def _proposals(self, plan):
        proposals = []
        for part in plan.minutes_parts:
            if part.state == "unchanged":
                continue
            minutes = part.parsed
            label = f"{part.body.label}, {minutes.date:%-d %B %Y}"
            for item in minutes.items:
                requests = [r for r in item.resolutions if r.kind == "request"]
                for index, resolution in enumerate(item.resolutions):
                    if resolution.kind != "request":
                        continue
                    reference = (
                        f"{item.number}.{resolution.number}" if resolution.number else item.number
                    )
                    proposals.append(
                        Proposal(
                            key=f"{minutes.date:%Y-%m-%d}/{item.number}/r{index}",
                            meeting=label,
                            reference=f"resolution {reference}",
                            text=resolution.text,
                            line=resolution.line,
                            origin="resolution",
                        )
                    )
                if requests:
                    # The resolutions are the Panel's formal requests; what was asked in
                    # discussion is covered by them.
                    continue
                for index, request in enumerate(item.requests):
                    proposals.append(
                        Proposal(
                            key=f"{minutes.date:%Y-%m-%d}/{item.number}/q{index}",
                            meeting=label,
                            reference=f"item {item.number}",
                            text=request.text,
                            line=request.line,
                            origin="discussion",
                        )
                    )
        return proposals

    # writing ----------------------------------------------------------------------------
    def apply(self, plan, parsed, result, *, accept=frozenset()):
        for list_plan in plan.state.get(self.name, []):
            self._apply_list(plan, list_plan, result)
        if accept:
            self._apply_proposals(plan, result, accept)

    def _apply_list(self, plan, list_plan, result):
        body, date = list_plan.body, list_plan.date
        label = f"{body.label} meeting of {date:%-d %B %Y}"
        if not list_plan.new:
            result.unchanged.append(
                f"{counted(len(list_plan.existing), 'action')} arising from the {label}."
            )
            return
        meeting = list_plan.meeting
        if meeting is None:
            meeting = Meeting(
                body=body, kind=Meeting.Kind.BOARD, date=date, status=Meeting.Status.HELD
            )
            save_checked(meeting, line=list_plan.parsed.line, what=f"the {label}")
            result.created.append(f"The {label} (the board meeting the actions arose at).")
        source = plan.document.source
        counts = {}
        # Dated as the papers date them: raised at the board meeting (its start, else 09:00),
        # a reported status as of the meeting whose pack reports it; now for what is to come.
        arose = on_papers_date(meeting.date, meeting.start_time)
        reported = papers_dated(plan.document)
        stepped = max(reported or arose, arose) if arose else None
        for action in list_plan.new:
            owners = [services.owner_for(name) for name in action.owners]
            try:
                created = services.action_create(
                    meeting=meeting,
                    text=action.text,
                    reference=action.reference,
                    owners=owners,
                    status_wording=action.status_wording,
                    follow_up=action.follow_up,
                    user=plan.user,
                    note=f"Imported from {source}, line {action.line}.",
                    at=arose,
                )
                self._set_status(plan, created, action, at=stepped)
            except (ValidationError, IntegrityError) as error:
                messages = getattr(error, "messages", [str(error)])
                raise ImportRefused(
                    f"could not record action {action.reference}: {' '.join(messages)}",
                    line=action.line,
                ) from None
            counts[action.status] = counts.get(action.status, 0) + 1
        summary = ", ".join(f"{n} {Action.Status(s).label.lower()}" for s, n in counts.items())
        result.created.append(
            f"{counted(len(list_plan.new), 'action')} arising from the {label} ({summary})."
        )

    def _set_status(self, plan, action, parsed, *, at=None):
        # The step that reaches the reported status takes what it asks for of what was read.
        step = services.step_reaching(parsed.status)
        if step is None:
            return
        read = {
            "note": f"Status as reported: \u201c{parsed.status_wording}\u201d.",
            "status_wording": parsed.status_wording,
            "reason": parsed.status_wording,
        }
        services.action_transition(
            action=action, transition=step.name, user=plan.user, at=at, **step.taken_inputs(read)
        )

    def _apply_proposals(self, plan, result, accept):
        raised = 0
        for proposal in plan.proposals:
            if proposal.key not in accept:
                continue
            date_text, item_number, which = proposal.key.split("/")
            part = next(p for p in plan.minutes_parts if f"{p.parsed.date:%Y-%m-%d}" == date_text)
            parsed_item = part.parsed.item(item_number)
            item = part.items[item_number]
            try:
                if which.startswith("r"):
                    resolution = part.saved_resolutions[id(parsed_item.resolutions[int(which[1:])])]
                    services.action_from_resolution(resolution=resolution, user=plan.user)
                else:
                    services.action_create(
                        meeting=part.meeting,
                        item=item,
                        text=proposal.text,
                        user=plan.user,
                        restricted=not item.is_public,
                        note=f"Raised on import from a request in the minutes ({plan.document.source}, line {proposal.line}).",
                    )
            except (ValidationError, IntegrityError) as error:
                messages = getattr(error, "messages", [str(error)])
                raise ImportRefused(
                    f"could not raise an action from {proposal.reference}: {' '.join(messages)}",
                    line=proposal.line,
                ) from None
            raised += 1
        if raised:
            result.created.append(
                f"{counted(raised, 'action')} raised from requests in the minutes."
            )


extensions.register(ActionsImport())
