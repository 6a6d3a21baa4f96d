"""Reading a board's "Actions arising" list from a paper's text: references, text, owners,
and the status its wording states (the package's docstring shows an example)."""

import re
from dataclasses import dataclass, field

from actions.models import Action
from meetings.importing.report import ImportRefused
from meetings.importing.text import MONTH_PATTERN, MONTHS, parse_date

LIST_RE = re.compile(
    rf"^(?:[-•]\s*)?(?:(?P<number>\d{{1,2}})\.\s+)?Actions arising from the "
    rf"(?:(?P<month>{MONTH_PATTERN})(?:\s+(?P<year>\d{{4}}))?\s+(?P<board>.+?)\s+meetings?"
    rf"|(?P<board2>.+?)\s+meetings?\s+(?:of|held on)\s+(?:the\s+)?(?P<date>.+?))\s*[;:.]?$",
    re.IGNORECASE,
)
ENTRY_RE = re.compile(r"^(?:[-•]\s*)?(?P<letter>[a-z])[.)]\s+(?P<text>.+)$")
MARKUP_RE = re.compile(r"</?u>|</?a\b[^>]*>", re.IGNORECASE)
DASH_RE = re.compile(r"\s+[\u2013\u2014-]\s*|\s*[\u2013\u2014]\s+|\s*[\u2013\u2014]$")
TRAILING_STATUS_RE = re.compile(
    r"\s+(?P<wording>(?:reviewed\s+)?(?:completed?|done|closed|ongoing|in progress|underway|"
    r"awaiting sign[- ]?off)\b(?:[,;]\s*.*)?)$",
    re.IGNORECASE,
)
STATUS_RULES = [
    (
        re.compile(r"awaiting (?:sign[- ]?off|approval)|for sign[- ]?off", re.IGNORECASE),
        Action.Status.AWAITING_SIGN_OFF,
    ),
    (
        re.compile(r"\bcomplet(?:e|ed)\b|\bdone\b|\bclosed\b|\bdischarged\b", re.IGNORECASE),
        Action.Status.COMPLETE,
    ),
    (
        re.compile(r"\bin progress\b|\bongoing\b|\bunder ?way\b|\bstarted\b", re.IGNORECASE),
        Action.Status.IN_PROGRESS,
    ),
    (re.compile(r"\bwithdrawn\b|\bno longer required\b", re.IGNORECASE), Action.Status.WITHDRAWN),
    (re.compile(r"^(?:open|outstanding)$", re.IGNORECASE), Action.Status.OPEN),
]
FOLLOW_UP_RE = re.compile(
    r"^(?:update|report|return|bring|brought back|come back|to come back)\b.*\b(?:to|at)\b",
    re.IGNORECASE,
)
OFFICES = {
    "opcc": "OPCC", "pcc": "PCC", "force": "Force", "the force": "Force", "cfo": "CFO",
    "ceo": "CEO", "chair": "Chair", "the chair": "Chair", "cc": "Chief Constable",
    "chief constable": "Chief Constable", "dpcc": "Deputy PCC", "deputy pcc": "Deputy PCC",
    "dcc": "DCC", "acc": "ACC", "aco": "ACO", "monitoring officer": "Monitoring Officer",
}  # fmt: skip
OFFICER_RE = re.compile(r"^(?:CC|DCC|ACC|ACO|Supt)\s+[A-Z][a-z]+$")


@dataclass
class ParsedAction:
    reference: str
    text: str
    status: str
    status_wording: str
    follow_up: str
    owners: tuple
    line: int
    recognised: bool = True


@dataclass
class ParsedActionList:
    board: str
    line: int
    number: str
    month: int | None
    year: int | None
    date: object
    context_date: object
    actions: list = field(default_factory=list)


def split_status(text):
    """(action text, status wording) for one entry as printed, bold markers included."""
    if "**" in text:
        head, _, tail = text.partition("**")
        wording = re.sub(r"\*\*", "", tail)
        return head.strip(" \u2013\u2014-"), _tidy(wording)
    separators = list(DASH_RE.finditer(text))
    if separators:
        last = separators[-1]
        return text[: last.start()].strip(), _tidy(text[last.end() :])
    trailing = TRAILING_STATUS_RE.search(text)
    if trailing:
        return text[: trailing.start()].strip(), _tidy(trailing.group("wording"))
    return text.strip(), ""


def _tidy(wording):
    wording = " ".join(wording.split()).strip(" ,;\u2013\u2014-")
    return re.sub(r"\s*,\s*", ", ", wording)


def status_for(wording):
    """The status the wording states, and whether the wording was understood."""
    if not wording:
        return Action.Status.OPEN, True
    for pattern, status in STATUS_RULES:
        if pattern.search(wording):
            return status, True
    return Action.Status.OPEN, False


def owners_for(text):
    """The offices or officers an action names as doing it, when it says so plainly."""
    agreed = re.search(r"\bagreed that (?P<who>.+?) (?:would|will|should|to)\b", text)
    lead = agreed.group("who") if agreed else None
    if lead is None:
        subject = re.match(r"^(?:The\s+)?(?P<who>.+?)\s+to\s+(?!be\b)", text)
        lead = subject.group("who") if subject else None
    owners = _offices(lead) if lead else ()
    if not owners:
        by = re.search(r"\bby (?:the )?(?P<who>[A-Z][A-Za-z]*(?:\s+[A-Z][a-z]+)?)\b", text)
        owners = _offices(by.group("who")) if by else ()
    return owners


def _offices(phrase):
    names = []
    for part in re.split(r"\s+(?:and|&)\s+|,\s*", phrase.strip()):
        key = part.strip().lower()
        if key in OFFICES:
            names.append(OFFICES[key])
        elif OFFICER_RE.match(part.strip()):
            names.append(part.strip())
        else:
            return ()
    return tuple(dict.fromkeys(names))


def parse_action_lists(document):
    lists = []
    lines = document.lines
    covers = sorted(document.cover_sheets, key=lambda cover: cover.line)
    for index, line in enumerate(lines):
        match = LIST_RE.match(line.text)
        if not match:
            continue
        context = next((c.date for c in reversed(covers) if c.line < line.number), None)
        if context is None and document.agenda is not None:
            context = document.agenda.date
        month = MONTHS.get((match.group("month") or "").lower())
        year = int(match.group("year")) if match.group("year") else None
        date = parse_date(match.group("date") or "", line=line.number)
        parsed = ParsedActionList(
            board=(match.group("board") or match.group("board2")).strip(),
            line=line.number,
            number=match.group("number") or "",
            month=month or (date.month if date else None),
            year=year or (date.year if date else None),
            date=date,
            context_date=context,
        )
        expected = "a"
        for entry_line in lines[index + 1 :]:
            entry = ENTRY_RE.match(entry_line.text)
            if not entry:
                break
            letter = entry.group("letter")
            if letter != expected:
                raise ImportRefused(
                    f"expected action ({expected}) of the list \u201c{line.text}\u201d "
                    f"(line {line.number}), found ({letter})",
                    line=entry_line.number,
                )
            expected = chr(ord(expected) + 1)
            printed = " ".join(MARKUP_RE.sub("", entry_line.raw).split())
            printed = re.sub(r"^(?:[-•]\s*)?[a-z][.)]\s+", "", printed)
            text, wording = split_status(printed)
            status, recognised = status_for(wording)
            follow_up = ", ".join(p for p in wording.split(", ") if FOLLOW_UP_RE.match(p))
            parsed.actions.append(
                ParsedAction(
                    reference=f"{parsed.number}{letter}",
                    text=text,
                    status=status,
                    status_wording=wording[:300],
                    follow_up=follow_up,
                    owners=owners_for(text),
                    line=entry_line.number,
                    recognised=recognised,
                )
            )
        if parsed.actions:
            lists.append(parsed)
    return lists
