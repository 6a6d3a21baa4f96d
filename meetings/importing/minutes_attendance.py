"""Reading the attendance lists of minutes: present, apologies, in attendance, absent."""

import re

from meetings.importing.minutes_parsed import ParsedAttendance
from meetings.importing.minutes_patterns import ITEM_RE, SECTION_RES, SEPARATOR_RE
from meetings.importing.names import parse_name, split_entries
from meetings.importing.report import ImportRefused
from meetings.importing.text import clip


class AttendanceReading:
    """The attendance lists after the heading (a part of ``minutes._MinutesReader``)."""

    # -- attendance ------------------------------------------------------------------------
    def _read_attendance(self):
        section = None
        seen_present = False
        while self.index < self.stop:
            line = self.lines[self.index]
            text = line.text
            if SEPARATOR_RE.match(text):
                self.index += 1
                if seen_present:
                    break
                continue
            label = next((status for pattern, status in SECTION_RES if pattern.match(text)), None)
            if label:
                section = label
                seen_present = seen_present or label == "present"
                self.index += 1
                continue
            if ITEM_RE.match(text) and not text.startswith("-"):
                break
            if section is None:
                raise ImportRefused(
                    'expected the list of members present (a line reading "PRESENT") after the '
                    f'heading of the minutes, found "{clip(text)}"',
                    line=line.number,
                )
            self._read_attendance_line(line, section)
            self.index += 1
        if not seen_present:
            raise ImportRefused(
                'expected the list of members present (a line reading "PRESENT") after the '
                "heading of the minutes",
                line=self.minutes.line + 1,
            )

    def _read_attendance_line(self, line, section):
        text = line.text
        if text.endswith(":") and len(text) < 60:
            return  # a sub-heading such as "Independent Members:"
        for entry in split_entries(text):
            name = parse_name(entry)
            if name is None:
                if len(entry) > 80 or re.search(r"\d", entry):
                    raise ImportRefused(
                        f'expected names under the "{section.replace("_", " ")}" heading, '
                        f'found "{clip(entry)}" (is the first item\'s numbered heading missing?)',
                        line=line.number,
                    )
                self.minutes.report.add(
                    "note", f'"{entry}" in the attendance list is not a name: skipped.', line.number
                )
                continue
            self.minutes.attendance.append(ParsedAttendance(name, section, line.number))
