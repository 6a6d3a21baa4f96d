"""Reading the minutes ModernGov shows on its web pages ("Agenda and minutes"), saved as text.

"Cheshire Police and Crime Panel - Friday, 19th July, 2024 10.00 am", "Venue: ...", then each
item as its number alone ("1."), its title, the agenda's words, and "Minutes:" followed by what
was minuted, up to the next number. The page rarely lists who attended (that is another page):
when it does not, the import says so loudly rather than guessing.

What each item decided is read as in the printed minutes (``moderngov_decisions``).
"""

import re

from meetings.importing.minutes_parsed import ParsedAttendance, ParsedItem, ParsedMinutes
from meetings.importing.moderngov_decisions import ItemDecisions
from meetings.importing.moderngov_names import read_name_list
from meetings.importing.moderngov_text import Block, raw_lines, starts_block
from meetings.importing.report import ImportRefused
from meetings.importing.text import parse_date, parse_time

STYLE_NAME = "moderngov_web"
TITLE_RE = re.compile(
    r"^(?P<body>.+?)\s+[-\u2013]\s+(?:\w+day,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
    r"(?P<month>[A-Z][a-z]+),?\s+(?P<year>\d{4})(?:,?\s+(?P<time>\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?))?$"
)
NUMBER_RE = re.compile(r"^(?P<number>\d{1,4}[a-z]?)\.?$")
MINUTES_LABEL_RE = re.compile(r"^Minutes:\s*(?P<rest>.*)$")
PRESENT_RE = re.compile(r"^(?:Present|Members present)\s*:\s*(?P<names>.+)$", re.IGNORECASE)
NOISE_RE = re.compile(
    r"^(?:\.\.\.\s*view the full (?:minutes|agenda) text for item .*|Supporting documents:|"
    r"Additional documents:|Items|No\. Item|Agenda and minutes|Media|Webcast.*)$",
    re.IGNORECASE,
)
ICON_RE = re.compile(r"\s*pdf icon PDF \d+(?:\.\d+)? [KM]B.*$", re.IGNORECASE)


def score(text):
    """How strongly ``text`` looks like a saved ModernGov minutes web page."""
    points = 2 * min(len(re.findall(r"^\s*Minutes:\s*$", text, re.MULTILINE)), 3)
    points += 3 * bool(re.search(r"^\s*Agenda and minutes\s*$", text[:3000], re.MULTILINE))
    points += 2 * bool(re.search(r"^\s*No\. Item\s*$", text[:5000], re.MULTILINE))
    return points


def parse_moderngov_web(text):
    lines = raw_lines(text)
    reader = _WebReader(_heading(lines))
    for line in lines:
        reader.take(line)
    return reader.finish()


class _WebReader:
    """Items in page order: number, title, the agenda's words, then "Minutes:" and the minute."""

    def __init__(self, minutes):
        self.minutes = minutes
        minutes.seen.update(present=0, apologies=0, resolved=0, recorded_votes=0)
        self.item = None
        self.decisions = None
        self.in_minutes = False

    def take(self, line):
        present = PRESENT_RE.match(line.text)
        if present and self.item is None:
            _present(self.minutes, present.group("names"), line.number)
            return
        number = NUMBER_RE.match(line.text)
        if number and (self.item is None or not self.in_minutes or _next_number(self.item, number)):
            self._start(number.group("number"), line.number)
            return
        if self.item is None or NOISE_RE.match(line.text):
            return
        if not self.item.title:
            self.item.title = ICON_RE.sub("", line.text).strip()
            return
        label = MINUTES_LABEL_RE.match(line.text)
        text = label.group("rest") if label else line.text
        self.in_minutes = self.in_minutes or bool(label)
        if self.in_minutes and text:
            _count(self.minutes, text)
            self.decisions.take(_block(line.number, text))

    def _start(self, number, line):
        if self.decisions:
            self.decisions.finish()
        self.item = ParsedItem(number=number, title="", line=line)
        self.minutes.items.append(self.item)
        self.decisions, self.in_minutes = ItemDecisions(self.minutes, self.item), False

    def finish(self):
        minutes = self.minutes
        if self.decisions:
            self.decisions.finish()
        minutes.items = [i for i in minutes.items if i.title]
        if not minutes.items:
            raise ImportRefused(
                'expected numbered items ("1." on its own line, then the title, then "Minutes:")',
                line=minutes.line,
            )
        return minutes


def _heading(lines):
    for line in lines[:15]:
        found = TITLE_RE.match(line.text)
        if found:
            date = parse_date(
                f"{found.group('day')} {found.group('month')} {found.group('year')}",
                line=line.number,
            )
            if date is None:
                continue
            minutes = ParsedMinutes(
                style=STYLE_NAME, body_name=found.group("body").strip(), date=date, line=line.number
            )
            minutes.start_time = parse_time(found.group("time") or "")
            venue = next((v.text for v in lines[:20] if v.text.startswith("Venue:")), "")
            minutes.venue = re.sub(r"^Venue:\s*|\.?\s*View directions\.?$", "", venue).strip()
            return minutes
    raise ImportRefused(
        "expected the meeting's title near the top (\"<Committee> - Friday, 19th July, 2024 "
        '10.00 am")',
        line=lines[0].number if lines else None,
    )


def _present(minutes, names, line):
    listed = read_name_list(re.sub(r"^Councillors?\s+", "", names))
    minutes.seen["present"] += len(listed.names) + len(listed.unread)
    for name in listed.names:
        minutes.attendance.append(ParsedAttendance(name, "present", line))


def _next_number(item, number):
    digits = re.sub(r"\D", "", number.group("number"))
    current = re.sub(r"\D", "", item.number)
    return digits.isdigit() and current.isdigit() and int(digits) == int(current) + 1


def _count(minutes, text):
    minutes.seen["resolved"] += len(re.findall(r"\bRESOLVED\b|\bAGREED\b|^Decisions?\s*:", text))
    minutes.seen["recorded_votes"] += bool(re.match(r"^For\s*[:(]\s*\d", text))


def _block(number, text):
    starts = starts_block(text)
    if starts is None:
        return Block("paragraph", number, text)
    return Block(starts[0], number, starts[2], marker=starts[1])
