"""Reports bound into a pack: board reports and the cover sheets of papers to the Panel.

Both carry dates that must agree with the meeting they belong to. A board report headed
"CORPORATE GOVERNANCE BOARD / 19th April 2023" that goes on to describe "the meeting held on
the 20th March 2023" is reported, not silently corrected.
"""

import re
from dataclasses import dataclass

from meetings.importing.text import DATE_PATTERN, parse_date

BOARD_NAME_RE = re.compile(r"^(?P<name>[A-Z][A-Z '&,-]{3,80}\b(?:BOARD|COMMITTEE|GROUP))$")
STATED_RE = re.compile(
    rf"\b(?:discussions|minutes|summary|report) of the meeting held on (?:the )?(?P<date>{DATE_PATTERN})",
    re.IGNORECASE,
)
COVER_RE = re.compile(r"^Report [oO]f\b")
COVER_DATE_RE = re.compile(r"^Date\s*[:\t ]\s*(?P<value>.+)$")
LOOK_AHEAD = 60


@dataclass(frozen=True)
class BoardReport:
    """A board's report of one of its meetings, as bound into the pack."""

    name: str
    date: object
    line: int
    stated_date: object = None
    stated_line: int | None = None

    @property
    def initials(self):
        return "".join(
            word[0] for word in re.findall(r"[A-Z]+", self.name) if word not in {"AND", "OF", "THE"}
        )


@dataclass(frozen=True)
class CoverSheet:
    """The cover of a paper: who it is addressed to, its subject and its date."""

    addressee: str
    subject: str
    date: object
    line: int


def find_board_reports(lines):
    reports = []
    for index, line in enumerate(lines):
        match = BOARD_NAME_RE.match(line.text)
        if not match:
            continue
        following = lines[index + 1 : index + 3]
        dated = next(
            (
                candidate
                for candidate in following
                if len(candidate.text) <= 30
                and parse_date(candidate.text, line=candidate.number)
                and re.fullmatch(rf"(?:\w+day,?\s+)?{DATE_PATTERN}", candidate.text, re.IGNORECASE)
            ),
            None,
        )
        if dated is None:
            continue
        stated = stated_line = None
        for candidate in lines[index + 1 : index + LOOK_AHEAD]:
            found = STATED_RE.search(candidate.text)
            if found:
                stated = parse_date(found.group("date"), line=candidate.number)
                stated_line = candidate.number
                break
        reports.append(
            BoardReport(
                name=match.group("name").strip(),
                date=parse_date(dated.text, line=dated.number),
                line=line.number,
                stated_date=stated,
                stated_line=stated_line,
            )
        )
    return reports


def find_cover_sheets(lines):
    covers = []
    for index, line in enumerate(lines):
        if not COVER_RE.match(line.text):
            continue
        heading = " ".join(candidate.text for candidate in lines[max(0, index - 4) : index])
        addressee = (
            "board"
            if re.search(r"\b[A-Z ]+ BOARD\b", heading)
            else (
                "panel"
                if re.search(r"POLICE (?:AND|&) CRIME PANEL", heading, re.IGNORECASE)
                else ""
            )
        )
        subject, date = "", None
        for candidate in lines[index + 1 : index + 6]:
            if candidate.text.lower().startswith("subject"):
                subject = re.sub(r"^Subject\s*[:\t ]\s*", "", candidate.text, flags=re.IGNORECASE)
            found = COVER_DATE_RE.match(candidate.text)
            if found and date is None:
                date = parse_date(found.group("value"), line=candidate.number)
        if date is not None:
            covers.append(CoverSheet(addressee, subject.strip(), date, line.number))
    return covers
