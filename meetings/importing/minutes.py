"""Reading minutes in the two house styles found in the papers.

County style: "Minutes of a meeting of <body> held at <venue> on Friday, 3 February 2017.",
then PRESENT / Apologies / In attendance, minute numbers running on through the year
("46. Statement from the OPCC."), "It was moved by ... and seconded by ... that:-" with parts
(a), (b) and "The motion was carried unanimously", ending with "1.00 - 4.15 pm" and CHAIRMAN.

City style: "Minutes of the Meeting of <BODY>" and "Held: WEDNESDAY, 26 JULY 2023 at 1:00 pm",
then PRESENT: / In Attendance: / Also Present:, items in capitals ("1. ELECTION OF CHAIR"),
"RESOLVED:" with numbered resolutions, private sessions after a resolution excluding the
public, and "the meeting closed at 1.46pm".

Only conventions are relied on, never the particular documents. Anything the reader cannot
follow raises ImportRefused naming the line and what was expected there.
"""

import re

from meetings.importing.minutes_attendance import AttendanceReading
from meetings.importing.minutes_headings import HeadingReading
from meetings.importing.minutes_items import ItemReading
from meetings.importing.minutes_parsed import (
    ParsedAttendance,
    ParsedDeclaration,
    ParsedItem,
    ParsedMinutes,
    ParsedRequest,
    ParsedResolution,
)
from meetings.importing.minutes_patterns import COUNTY_HEADING_RE, MINUTES_START_RE
from meetings.importing.minutes_resolutions import ResolutionReading
from meetings.importing.report import ImportRefused

__all__ = [
    "ParsedAttendance",
    "ParsedDeclaration",
    "ParsedItem",
    "ParsedMinutes",
    "ParsedRequest",
    "ParsedResolution",
    "find_minutes_headings",
    "parse_minutes",
]


def find_minutes_headings(lines):
    """Indexes of the lines that open a set of minutes."""
    return [index for index, line in enumerate(lines) if MINUTES_START_RE.match(line.text)]


def parse_minutes(lines, start, stop):
    """The minutes whose heading is ``lines[start]``; ``stop`` is where the next document begins."""
    reader = _MinutesReader(lines, start, stop)
    return reader.read()


class _MinutesReader(HeadingReading, AttendanceReading, ItemReading, ResolutionReading):
    def __init__(self, lines, start, stop):
        self.lines = lines
        self.index = start
        self.stop = stop
        self.minutes = None
        self.pending_exclusion = None
        self.next_outcome_carried = False

    def read(self):
        heading = self.lines[self.index]
        county = COUNTY_HEADING_RE.match(heading.text)
        if county:
            self._read_county_heading(heading, county)
        else:
            self._read_city_heading(heading)
        self._read_attendance()
        self._read_items()
        self._finish()
        return self.minutes

    def _finish(self):
        minutes = self.minutes
        if not minutes.items:
            raise ImportRefused(
                "expected numbered items after the attendance lists of these minutes",
                line=minutes.line,
            )
        titles = " ".join(item.title.lower() for item in minutes.items)
        if minutes.kind == "ordinary":
            if re.search(r"\belection of (?:the )?chair", titles):
                minutes.kind = "annual"
            elif any(
                item.title.lower().startswith(("proposed precept", "precept"))
                for item in minutes.items
            ):
                minutes.kind = "precept"
        if minutes.kind == "confirmation":
            hearing = next(
                (
                    i
                    for i in minutes.items
                    if i.title.lower().startswith(("confirmation hearing", "confirmatory hearing"))
                ),
                None,
            )
            if hearing:
                minutes.title = hearing.title
