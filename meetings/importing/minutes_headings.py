"""Reading the heading of minutes in either house style: body, kind, date, time and venue."""

import re

from meetings.importing.minutes_parsed import ParsedMinutes
from meetings.importing.minutes_patterns import CITY_HEADING_RE, HELD_RE, KIND_SUFFIXES, SECTION_RES
from meetings.importing.report import ImportRefused
from meetings.importing.text import (
    DATE_PATTERN,
    TIME_PATTERN,
    parse_date,
    parse_time,
    stated_weekday,
)


class HeadingReading:
    """The heading of a set of minutes (a part of ``minutes._MinutesReader``)."""

    # -- heading ---------------------------------------------------------------------------
    def _read_county_heading(self, heading, match):
        date = parse_date(match.group("date"), line=heading.number)
        body, kind = _split_kind(match.group("body"))
        self.minutes = ParsedMinutes(
            style="county", body_name=body.strip(" ,"), date=date, line=heading.number, kind=kind
        )
        self.minutes.venue = (match.group("venue") or "").strip(" ,")
        self.minutes.start_time = parse_time(match.group("time") or "")
        self._check_weekday(match.group("date"), date, heading.number)
        self.index += 1

    def _read_city_heading(self, heading):
        match = CITY_HEADING_RE.match(heading.text)
        held = match.group("held") if match else None
        body = match.group("body") if match else heading.text
        held_line = heading if held else None
        self.index += 1
        scan = self.index
        while held is None and scan < min(self.index + 3, self.stop):
            text = self.lines[scan].text
            found = HELD_RE.match(text)
            if found:
                held, held_line = found.group("held"), self.lines[scan]
                self.index = scan + 1
                break
            if any(ch.islower() for ch in text) or any(p.match(text) for p, _ in SECTION_RES):
                break
            body = f"{body} {text}"  # the body's name ran on to a second line
            scan += 1
        date = parse_date(held or "", line=held_line.number if held_line else None)
        if not held or date is None:
            raise ImportRefused(
                "expected the date of the meeting after the heading of the minutes, "
                '"Held: WEDNESDAY, 26 JULY 2023 at 1:00 pm" or "held at <venue> on Friday, '
                '3 February 2017"',
                line=heading.number + 1,
            )
        body, kind = _split_kind(body)
        self.minutes = ParsedMinutes(
            style="city", body_name=body.strip(" ,"), date=date, line=heading.number, kind=kind
        )
        after_date = re.split(DATE_PATTERN, held, maxsplit=1, flags=re.IGNORECASE)[-1]
        time_match = re.match(
            rf"\s*(?:at|,)?\s*(?P<time>{TIME_PATTERN})(?P<rest>.*)$", after_date, re.IGNORECASE
        )
        rest = after_date
        if time_match:
            self.minutes.start_time = parse_time(time_match.group("time"))
            rest = time_match.group("rest")
        venue = re.match(r"^\s*(?:at|in|,)\s*(?P<venue>.+?)\.?$", rest)
        if venue:
            self.minutes.venue = venue.group("venue").strip(" ,")
        self._check_weekday(held, date, held_line.number)

    def _check_weekday(self, text, date, line):
        weekday = stated_weekday(text)
        if date is not None and weekday is not None and weekday != date.weekday():
            self.minutes.report.add(
                "date",
                f"the minutes give the day as {text.split(',')[0].strip().title()}, but "
                f"{date:%-d %B %Y} was a {date:%A}.",
                line,
            )


def _split_kind(body):
    body = " ".join(body.split())
    for pattern, kind in KIND_SUFFIXES:
        if pattern.search(body):
            return pattern.sub("", body), kind
    return body, "ordinary"
