"""Reading ModernGov printed minutes (the minutes most English councils publish as PDF).

"KENT COUNTY COUNCIL / CABINET / MINUTES of a meeting of the Cabinet held in <venue> on
Thursday, 9 January 2025." (or "CORPORATE PARENTING PANEL - 29 October 2024" over "MINUTES of
the meeting held in ..."), then inline lists ("PRESENT: Mr A, Mrs B (Chairman) and Mr C", "IN
ATTENDANCE: ..."), then minutes: a heading (numbered "76.", "18/20", a number alone, or not
at all) over "(Item N)", numbered paragraphs, "RESOLVED that ..." anywhere in a paragraph,
motions ("Mr X proposed, and Mr Y seconded the following amendment:") and recorded votes
("For (14)" over the names, "Against (45)", "Abstain (4)", "Amendment lost.").

``moderngov_text`` rebuilds the headings and paragraphs; ``moderngov_names`` reads the lists
of names; ``moderngov_decisions`` reads what each item decided. What the reader counts in the
text (RESOLVED, names present, recorded votes) is kept in ``ParsedMinutes.seen`` so that the
import can be checked against it.
"""

import dataclasses
import re

from meetings.importing.minutes_parsed import ParsedAttendance, ParsedItem, ParsedMinutes
from meetings.importing.moderngov_decisions import ItemDecisions
from meetings.importing.moderngov_names import read_name_list
from meetings.importing.moderngov_text import (
    AGENDA_ITEM_RE,
    VOTE_HEADER_RE,
    blocks,
    is_title_like,
)
from meetings.importing.names import parse_name
from meetings.importing.report import ImportRefused
from meetings.importing.text import DATE_PATTERN, clip, display_title, parse_date

MINUTES_OF_RE = re.compile(
    r"^MINUTES of (?:a|the) (?:meeting|hearing)(?: of (?:the )?(?P<body>.+?))?\s+held\b"
    r"(?:\s+(?:in|at)\s+(?P<venue>.+?))?(?:\s+on\s+(?P<date>.+?))?\.?$",
    re.IGNORECASE,
)
TITLE_DATE_RE = re.compile(rf"^(?P<body>.+?)\s*[\u2013\u2014,:-]*\s*(?P<date>{DATE_PATTERN})$")
LABEL_STATUS = {
    "PRESENT": "present",
    "ALSO PRESENT": "also_present",
    "IN ATTENDANCE": "in_attendance",
    "ALSO IN ATTENDANCE": "in_attendance",
    "APOLOGIES": "apologies",
    "APOLOGIES FOR ABSENCE": "apologies",
    "ABSENT": "absent",
    "OFFICERS": "in_attendance",
}
STYLE_NAME = "moderngov"


def score(text):
    """How strongly ``text`` looks like ModernGov printed minutes (0: not at all)."""
    head = text[:6000]
    points = 0
    points += 3 * bool(re.search(r"^\s*MINUTES of (?:a|the) meeting\b", head, re.MULTILINE))
    points += 3 * bool(re.search(r"^\s*PRESENT\s*:\s*\S", head, re.MULTILINE))
    points += min(len(re.findall(r"^\s*\(Item \d{1,3}[a-z]?\)\s*$", text, re.MULTILINE)), 5)
    points += 2 * bool(re.search(r"^\s*IN ATTENDANCE\s*:\s*\S", head, re.MULTILINE))
    return points


def parse_moderngov(text):
    """The one set of minutes in ``text``, read as ModernGov prints them."""
    found = blocks(text)
    reader = _Reader(found)
    return reader.read(text)


class _Reader:
    def __init__(self, found):
        self.blocks = found
        self.index = 0
        self.minutes = None
        self.numbering = None

    def read(self, text):
        self._heading()
        self._attendance()
        self._items()
        if not self.minutes.items:
            raise ImportRefused(
                'expected minutes after the attendance lists: headings such as "76. Apologies" '
                'or a title over "(Item 1)"',
                line=self.minutes.line,
            )
        self._count(text)
        self._map_agenda_numbers()
        return self.minutes

    def _map_agenda_numbers(self):
        """Declarations name agenda items ("item 5"): the minute numbers they became."""
        by_agenda = {item.agenda_number: item.number for item in self.minutes.items if item.number}
        for declaration in self.minutes.declarations:
            declaration.item_numbers = tuple(
                by_agenda.get(n.removeprefix("agenda:")) or n.removeprefix("agenda:")
                for n in declaration.item_numbers
            )

    # -- heading ---------------------------------------------------------------------------
    def _heading(self):
        titles = []
        for position, block in enumerate(self.blocks):
            if block.kind == "label" or block.kind == "heading":
                break
            match = MINUTES_OF_RE.match(block.text)
            if match:
                self._start(block, match, titles)
                self.index = position + 1
                return
            titles.append(block)
        first = self.blocks[0].line if self.blocks else None
        raise ImportRefused(
            'expected a title line "MINUTES of a meeting of <body> held in <venue> on <date>" '
            "before the list of members present",
            line=first,
        )

    def _start(self, block, match, titles):
        body = match.group("body") or ""
        date_text = match.group("date") or ""
        for title in reversed(titles):
            dated = TITLE_DATE_RE.match(title.text)
            if dated:
                body = body or dated.group("body")
                date_text = date_text or dated.group("date")
            elif not body and title.text.isupper():
                body = title.text
        date = parse_date(date_text, line=block.line) if date_text else None
        if date is None:
            raise ImportRefused(
                "expected the date of the meeting in the title of the minutes "
                '("... on Thursday, 9 January 2025" or "CABINET \u2013 9 January 2025")',
                line=block.line,
            )
        if not body:
            raise ImportRefused(
                "expected the name of the committee in the title of the minutes", line=block.line
            )
        body = display_title(body.strip(" ,\u2013-")) if body.isupper() else body.strip(" ,")
        self.minutes = ParsedMinutes(style=STYLE_NAME, body_name=body, date=date, line=block.line)
        self.minutes.venue = (match.group("venue") or "").strip(" ,.")

    # -- attendance ------------------------------------------------------------------------
    def _attendance(self):
        minutes = self.minutes
        minutes.seen.update(present=0, apologies=0)
        status = None
        while self.index < len(self.blocks):
            block = self.blocks[self.index]
            if block.kind in ("heading", "part"):
                break
            if block.kind == "label":
                status = LABEL_STATUS.get(block.marker, "in_attendance")
                self._names(block.text, status, block.line)
            elif (
                status
                and block.kind == "paragraph"
                and not block.marker
                and _starts_with_title(block.text)
            ):
                self._names(block.text, status, block.line)  # the list went on after a break
            else:
                break
            self.index += 1
        if not any(entry.status == "present" for entry in minutes.attendance):
            raise ImportRefused(
                'expected the members present after the title ("PRESENT: Mr A, Mrs B '
                '(Chairman) and Mr C")',
                line=minutes.line,
            )

    def _names(self, text, status, line):
        listed = read_name_list(text)
        minutes = self.minutes
        for name in listed.names:
            name, substituted = _substitute(name)
            minutes.attendance.append(ParsedAttendance(name, status, line, substituted))
        if status in ("present", "apologies"):
            minutes.seen[status] += len(listed.names) + len(listed.unread)
        for piece in listed.unread:
            minutes.report.add(
                "unread",
                f'"{clip(piece)}" in the {status.replace("_", " ")} list is neither a name nor '
                "the role of the name before it: not imported. Add the person in the admin if "
                "it is one.",
                line,
            )

    # -- items -----------------------------------------------------------------------------
    def _items(self):
        decisions = None
        while self.index < len(self.blocks):
            block = self.blocks[self.index]
            self.index += 1
            heading = self._item_heading(block)
            if heading is not None:
                if decisions:
                    decisions.finish()
                self.minutes.items.append(heading)
                decisions = ItemDecisions(self.minutes, heading)
                continue
            if block.kind == "part" or decisions is None:
                continue
            decisions.take(block)
        if decisions:
            decisions.finish()

    def _item_heading(self, block):
        if block.kind == "heading":
            if self.numbering is None:
                self.numbering = "minute" if block.number else "agenda"
            # Minutes without minute numbers are numbered by their agenda items (a number
            # alone above a later heading is then a page number).
            number = block.number if self.numbering == "minute" else block.agenda_number
            if any(item.number == number for item in self.minutes.items):
                number = ""
            return ParsedItem(
                number=number,
                title=_title(block.text),
                line=block.line,
                agenda_number=block.agenda_number,
            )
        following = self.blocks[self.index] if self.index < len(self.blocks) else None
        if (
            block.kind == "paragraph"
            and not block.marker
            and is_title_like(block.text)
            and following is not None
            and following.marker_value == 1
            and following.marker_kind in ("n.", "n)", "(n)")
            and not AGENDA_ITEM_RE.match(block.text)
        ):
            return ParsedItem(number="", title=_title(block.text), line=block.line)
        return None

    # -- counts ----------------------------------------------------------------------------
    def _count(self, text):
        seen = self.minutes.seen
        seen["resolved"] = len(
            re.findall(
                r"\bRESOLVED\b|\bAGREED\b|\bDecisions?\s*:|^\s*(?:\(?\d+[.)]\s*)?Resolved\b",
                text,
                re.MULTILINE,
            )
        )
        seen["recorded_votes"] = len(
            [line for line in text.splitlines() if VOTE_HEADER_RE.match(line.strip())
             and re.match(r"^\s*For\b", line)]
        )  # fmt: skip


SUBSTITUTE_RE = re.compile(
    r"^(?:as (?:a )?)?substitut(?:e|ing)\s+for\s+(?P<name>.+)$|^for\s+(?P<short>(?:Mr|Mrs|Ms|Miss|Dr|Cllr)\.?\s.+)$",
    re.IGNORECASE,
)


def _substitute(name):
    """``name`` without a "(substitute for Mr B)" role, and the member substituted for."""
    found = SUBSTITUTE_RE.match(name.role)
    if not found:
        return name, None
    substituted = parse_name(found.group("name") or found.group("short"))
    return dataclasses.replace(name, role=""), substituted


def _starts_with_title(text):
    return bool(re.match(r"^(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady)\.?\s", text))


def _title(text):
    text = " ".join(text.split()).strip(" .")
    return display_title(text) if text.isupper() else text
