"""Reading the agenda at the front of an agenda pack: the meeting, its members, its items.

Two layouts are known. The city's: "MEETING OF THE <BODY>", "DATE: MONDAY, 9 OCTOBER 2023",
"TIME: 1:00 pm", "PLACE: ...", items in capitals with "Item 5, page 15" markers. The county's:
"Meeting: <body>", "Date/Time: Wednesday, 29 March 2017 at 1.00 pm", "Location: ...", items in
sentence case with "(Pages 11 - 86)".
"""

import re
from dataclasses import dataclass, field
from itertools import pairwise

from meetings.importing.names import parse_name, split_entries
from meetings.importing.report import ImportRefused
from meetings.importing.text import clip, display_title, parse_count, parse_date, parse_time

HEADER_RES = {
    "body": re.compile(r"^(?:MEETING OF (?:THE )?|Meeting:\s*)(?P<value>.+)$", re.IGNORECASE),
    "date": re.compile(r"^Date(?:/Time)?:\s*(?P<value>.+)$", re.IGNORECASE),
    "time": re.compile(r"^Time:\s*(?P<value>.+)$", re.IGNORECASE),
    "venue": re.compile(r"^(?:Place|Location|Venue):\s*(?P<value>.+)$", re.IGNORECASE),
}
AGENDA_RE = re.compile(r"^AGENDA$", re.IGNORECASE)
ITEM_RE = re.compile(r"^(?P<number>\d{1,2})\.\s+(?P<title>\S.*)$")
PAGE_MARK_RE = re.compile(
    r"\s*Item\s+\d+[a-z]?,\s*pages?\s+(?P<first>\d+)(?:\s*[-\u2013]\s*(?P<last>\d+))?\s*",
    re.IGNORECASE,
)
PAGES_RE = re.compile(
    r"\s*\(Pages?\s+(?P<first>\d+)(?:\s*[-\u2013]\s*(?P<last>\d+))?\)\s*", re.IGNORECASE
)
ROSTER_STOP_RE = re.compile(
    r"^(?:Members of the Panel are invited|Please note|AGENDA$|Contact:)", re.IGNORECASE
)
END_RE = re.compile(
    r"^(?:Report [oO]f\b|Minutes of (?:a|the) (?:meeting|hearing) of\b)", re.IGNORECASE
)
DESCRIPTION_LINES = 6


@dataclass
class ParsedAgendaItem:
    number: str
    title: str
    line: int
    description: list = field(default_factory=list)
    first_page: int | None = None
    last_page: int | None = None

    @property
    def page_range(self):
        if self.first_page is None:
            return ""
        if self.last_page and self.last_page != self.first_page:
            return f"{self.first_page}-{self.last_page}"
        return str(self.first_page)


@dataclass
class ParsedAgenda:
    """The meeting an agenda pack is for, the members it lists, and the items of business."""

    body_name: str
    date: object
    line: int
    start_time: object = None
    venue: str = ""
    roster: list = field(default_factory=list)
    items: list = field(default_factory=list)


def parse_agenda(lines, stop):
    """The agenda at the front of the pack, or None when the text does not open with one."""
    header = {}
    header_lines = {}
    index = 0
    limit = min(stop, 80)
    while index < limit:
        text = lines[index].text
        if AGENDA_RE.match(text):
            break
        for key, pattern in HEADER_RES.items():
            match = pattern.match(text)
            if match and key not in header:
                value = match.group("value").strip()
                # A venue broken after a house number or a comma carries on on the next line.
                while key == "venue" and re.search(r"[\d,]$", value) and index + 1 < limit:
                    index += 1
                    value = f"{value} {lines[index].text}"
                header[key] = value
                header_lines[key] = lines[index].number
                break
        index += 1
    if "body" not in header or "date" not in header:
        return None
    date = parse_date(header["date"], line=header_lines["date"])
    if date is None:
        raise ImportRefused(
            f"expected the date of the meeting of {clip(header['body'].strip(' ,.'))} after "
            f"\u201c{clip(header['date'])}\u201d, written out as in \u201cDATE: MONDAY, "
            "9 OCTOBER 2023\u201d. Write the date in full (day, month in words, year), then "
            "import again.",
            line=header_lines["date"],
        )
    agenda = ParsedAgenda(
        body_name=header["body"].strip(" ,."),
        date=date,
        line=header_lines["body"],
        start_time=parse_time(header.get("time") or header["date"].split(str(date.year), 1)[-1]),
        venue=header.get("venue", "").strip(" ,"),
    )
    agenda.roster = _roster(lines, index if index < limit else limit)
    if index >= limit:
        return agenda
    _read_items(agenda, lines, index + 1, stop)
    return agenda if agenda.items else None


def _roster(lines, stop):
    """Names listed as the membership on the front sheet: a help for matching, not attendance."""
    names = []
    started = False
    for line in lines[:stop]:
        text = line.text
        if re.match(r"^(?:Members of the Panel|Membership|Members)$", text, re.IGNORECASE):
            started = True
            continue
        if not started:
            continue
        if ROSTER_STOP_RE.match(text):
            break
        if not (re.search(r"\b(?:Cllr|Councillors?|Mr|Mrs|Ms|Miss|Dr|Col|Lord|Lady|Sir)\b", text)):
            continue
        for entry in split_entries(text):
            name = parse_name(entry)
            if name is not None:
                names.append((name, line.number))
    return names


def _read_items(agenda, lines, start, stop):
    current = None
    expected = 1
    for line in lines[start:stop]:
        text = line.text
        if END_RE.match(text):
            break
        pages = None
        mark = PAGE_MARK_RE.search(text) or PAGES_RE.search(text)
        if mark:
            pages = tuple(
                parse_count(mark.group(end), line=line.number, what="the page number")
                if mark.group(end)
                else None
                for end in ("first", "last")
            )
            text = (text[: mark.start()] + " " + text[mark.end() :]).strip()
        match = ITEM_RE.match(text)
        if match and int(match.group("number")) == expected:
            title = match.group("title").split("\t")[0].strip()
            current = ParsedAgendaItem(
                number=match.group("number"), title=display_title(title), line=line.number
            )
            agenda.items.append(current)
            expected += 1
        elif current is not None and text and len(current.description) < DESCRIPTION_LINES:
            # An agenda describes an item in a line or two; more than a few lines means the
            # pack's papers have begun after the last item.
            current.description.append(text.replace("\t", " "))
        if pages and current is not None and current.first_page is None:
            current.first_page, current.last_page = pages
    _infer_last_pages(agenda.items)


def _infer_last_pages(items):
    """Papers run from an item's first page to the page before the next item's papers."""
    numbered = [item for item in items if item.first_page is not None]
    for item, following in pairwise(numbered):
        if item.last_page is None and following.first_page > item.first_page:
            item.last_page = following.first_page - 1
