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
from dataclasses import dataclass, field

from meetings.importing.names import ParsedName, parse_name, split_entries, split_name_list
from meetings.importing.report import ImportRefused, Report
from meetings.importing.text import (
    DATE_PATTERN,
    TIME_PATTERN,
    clip,
    display_title,
    parse_count,
    parse_date,
    parse_time,
    stated_weekday,
)

CITY_HEADING_RE = re.compile(
    r"^Minutes of the Meeting of (?:the )?(?P<body>.+?)\s*(?:Held:\s*(?P<held>.+))?$", re.IGNORECASE
)
HELD_RE = re.compile(r"^Held:\s*(?P<held>.+)$", re.IGNORECASE)
COUNTY_HEADING_RE = re.compile(
    rf"^Minutes of (?:a|the) (?:meeting|hearing) of (?:the )?(?P<body>.+?) held "
    rf"(?:(?:at|in) (?P<venue>.+?) )?on (?P<date>(?:\w+day,?\s+)?{DATE_PATTERN})"
    rf"(?:,? (?:at|commencing at) (?P<time>{TIME_PATTERN}))?\.?$",
    re.IGNORECASE,
)
MINUTES_START_RE = re.compile(r"^Minutes of (?:a|the) (?:meeting|hearing) of\b", re.IGNORECASE)
KIND_SUFFIXES = [
    (re.compile(r"\s+CONFIRMATION HEARING$", re.IGNORECASE), "confirmation"),
    (re.compile(r"\s+CONFIRMATORY HEARING$", re.IGNORECASE), "confirmation"),
    (re.compile(r"\s+ANNUAL (?:GENERAL )?MEETING$", re.IGNORECASE), "annual"),
    (re.compile(r"\s+(?:EXTRAORDINARY|SPECIAL) MEETING$", re.IGNORECASE), "extraordinary"),
    (re.compile(r"\s+PRECEPT (?:MEETING|HEARING)$", re.IGNORECASE), "precept"),
]
SECTION_RES = [
    (re.compile(r"^present:?$", re.IGNORECASE), "present"),
    (re.compile(r"^apologies(?: for absence)?:?$", re.IGNORECASE), "apologies"),
    (re.compile(r"^in attendance:?$", re.IGNORECASE), "in_attendance"),
    (re.compile(r"^also (?:present|in attendance):?$", re.IGNORECASE), "also_present"),
    (re.compile(r"^absent:?$", re.IGNORECASE), "absent"),
]
SEPARATOR_RE = re.compile(r"^[*\s]{3,}$")
ITEM_RE = re.compile(r"^(?P<number>\d{1,3})\.\s*(?P<title>\S.*)$")
RESOLVED_RE = re.compile(r"^(?:RESOLVED|Resolved)\b\s*(?:that\b\s*)?[:\-\u2013]*\s*(?P<rest>.*)$")
RESOLUTION_NUMBER_RE = re.compile(r"^(?:[-•]\s*)?(?P<number>\d{1,2})[.)]\s+(?P<text>.+)$")
MOTION_RE = re.compile(
    r"^It was (?:moved|proposed) by (?P<mover>.+?),? and seconded by (?P<seconder>.+?)"
    r"(?:,? that\s*[:\-\u2013]*\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
PART_RE = re.compile(r"^(?:[-•]\s*)?\(?(?P<letter>[a-z])[.)]\s+(?P<text>.+)$")
OUTCOME_RE = re.compile(
    r"^(?:The|This|That) (?:motion|amendment|recommendation|proposal)(?: \(as amended\))? was "
    r"(?:then |therefore )?(?:put to the vote and )?"
    r"(?P<outcome>carried unanimously|unanimously carried|carried|lost|defeated|not carried|"
    r"withdrawn|fell)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
VOTES_RE = re.compile(
    r"(?P<for>\d+) (?:votes )?(?:for|in favour)\b.*?(?P<against>\d+) (?:votes )?against"
    r"(?:.*?(?P<abstain>\d+) abstentions?)?",
    re.IGNORECASE,
)
CARRIED_VOTE_RE = re.compile(
    r"\bproposed,? seconded and (?:upon being put to the vote |on being put to the vote )?carried\b",
    re.IGNORECASE,
)
DECLARATION_RE = re.compile(
    r"^(?P<who>.+?) declared (?:an?|their|his|her) (?P<type>[\w\s,-]*?)\binterests?\b(?P<rest>.*)$",
    re.IGNORECASE,
)
NO_DECLARATIONS_RE = re.compile(
    r"\bthere were no (?:such )?declarations\b|\bno declarations (?:of interest )?were made\b"
    r"|\bno (?:such )?interests were declared\b",
    re.IGNORECASE,
)
APOLOGIES_RE = re.compile(
    r"^Apologies(?: for absence)? (?:were|was) (?:received|submitted|given|tendered) "
    r"(?:from|by|on behalf of) (?P<names>.+?)\.?$",
    re.IGNORECASE,
)
QUORATE_RE = re.compile(r"\bmeeting was (?P<not>not |in)?quorate\b", re.IGNORECASE)
UNNAMED_ABSENT_RE = re.compile(
    r"\babsence of .*\bwho had not (?:given|sent|submitted) (?:their )?apologies", re.IGNORECASE
)
CLOSED_RE = re.compile(
    rf"\bmeeting (?:closed|ended|finished) at (?P<time>{TIME_PATTERN})", re.IGNORECASE
)
TIME_RANGE_RE = re.compile(
    r"^(?P<start>\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?)\s*(?:-|\u2013|to)\s*"
    r"(?P<end>\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.))$",
    re.IGNORECASE,
)
SIGNATURE_RE = re.compile(r"^(?:CHAIRMAN|CHAIR|CHAIRWOMAN|Chairman|Chair)$")
DOCUMENT_BREAK_RE = re.compile(
    r"^(?:Report [oO]f\b|POLICE (?:AND|&) CRIME COMMISSIONER FOR\b|Minutes of (?:a|the) (?:meeting|hearing) of\b)",
    re.IGNORECASE,
)
EXCLUSION_RE = re.compile(r"\bexclu(?:de|ded|sion)\b", re.IGNORECASE)
PARAGRAPHS_RE = re.compile(
    r"paragraphs?\s+(?P<numbers>\d(?:\s*(?:,|and|&)\s*\d)*)\s+(?:of|to)\s+(?:Part\s+1\s+of\s+)?Schedule\s+12A",
    re.IGNORECASE,
)
PRIVATE_TITLE_RE = re.compile(
    r"\b(?:private session|exempt|confidential|in private)\b", re.IGNORECASE
)
REQUEST_START_RE = re.compile(
    r"^(?:It was (?:further |also |then )?requested that\b|(?:The )?(?:Chair|Chairman|Vice-Chair"
    r"|Vice-Chairman|Panel|Committee|Board)\s+(?:further |also )?requested that\b)",
    re.IGNORECASE,
)
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

INTEREST_TYPES = [
    (re.compile(r"disclosable pecuniary|\bdpi\b|\bpecuniary", re.IGNORECASE), "dpi"),
    (re.compile(r"other registrable|\bori\b", re.IGNORECASE), "other_registrable"),
    (re.compile(r"non[- ]?registrable|\bnri\b", re.IGNORECASE), "non_registrable"),
    (re.compile(r"personal|prejudicial", re.IGNORECASE), "personal"),
]
RESOLUTION_KINDS = [
    (
        re.compile(r"\bbe excluded\b|\bexclusion of the (?:press|public)\b", re.IGNORECASE),
        "procedural",
    ),
    (
        re.compile(
            r"\b(?:be )?(?:elected|appointed)\b.*\b(?:chair|vice-chair|chairman)\b", re.IGNORECASE
        ),
        "election",
    ),
    (
        re.compile(
            r"\brequests? that\b|\bbe brought (?:back )?to\b|\bbe provided\b|\bbe circulated\b"
            r"|\bconsider how\b|\bbe investigated\b|\bbe reported (?:back )?to\b|\bbe submitted to\b"
            r"|\bbe included in future\b",
            re.IGNORECASE,
        ),
        "request",
    ),
    (re.compile(r"\brecommends?\b|\bbe recommended\b", re.IGNORECASE), "recommendation"),
    (
        re.compile(
            r"\bapproved?\b|\bsupports?\b|\bsupported\b|\baccepts?\b|\bconfirmed as a correct record"
            r"|\bendorsed?\b|\bagreed\b|\bbe adopted\b",
            re.IGNORECASE,
        ),
        "approved",
    ),
    (re.compile(r"\bnoted?\b|\bnotes\b", re.IGNORECASE), "noted"),
]


@dataclass
class ParsedAttendance:
    name: ParsedName
    status: str
    line: int


@dataclass
class ParsedDeclaration:
    who: ParsedName
    interest_type: str
    all_items: bool
    item_numbers: tuple
    reason: str
    line: int
    type_stated: bool = True


@dataclass
class ParsedResolution:
    number: int | None
    text: str
    line: int
    kind: str = "noted"
    is_motion: bool = False
    mover: str = ""
    seconder: str = ""
    outcome: str = ""
    votes: tuple = (None, None, None)


@dataclass
class ParsedRequest:
    """A request made in discussion ("It was requested that ..."), which may become an action."""

    text: str
    line: int


@dataclass
class ParsedItem:
    number: str
    title: str
    line: int
    paragraphs: list = field(default_factory=list)
    resolutions: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    confidentiality: str = "public"
    exempt_paragraphs: str = ""

    @property
    def minutes_text(self):
        return "\n\n".join(self.paragraphs)


@dataclass
class ParsedMinutes:
    """Everything one set of minutes says, before any of it is matched to the database."""

    style: str
    body_name: str
    date: object
    line: int
    end_line: int = 0
    kind: str = "ordinary"
    title: str = ""
    start_time: object = None
    end_time: object = None
    venue: str = ""
    attendance: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    items: list = field(default_factory=list)
    no_declarations: bool = False
    quorate: bool | None = None
    report: Report = field(default_factory=Report)

    @property
    def resolutions(self):
        return [r for item in self.items for r in item.resolutions]

    def item(self, number):
        return next((i for i in self.items if i.number == str(number)), None)


def find_minutes_headings(lines):
    """Indexes of the lines that open a set of minutes."""
    return [index for index, line in enumerate(lines) if MINUTES_START_RE.match(line.text)]


def parse_minutes(lines, start, stop):
    """The minutes whose heading is ``lines[start]``; ``stop`` is where the next document begins."""
    reader = _MinutesReader(lines, start, stop)
    return reader.read()


class _MinutesReader:
    def __init__(self, lines, start, stop):
        self.lines = lines
        self.index = start
        self.stop = stop
        self.minutes = None
        self.pending_exclusion = None
        self.next_outcome_carried = False

    # -- heading ---------------------------------------------------------------------------
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

    # -- items -----------------------------------------------------------------------------
    def _read_items(self):
        item = None
        mode = "text"
        motion = None
        resolved_block = None
        while self.index < self.stop:
            line = self.lines[self.index]
            text = line.text
            if DOCUMENT_BREAK_RE.match(text) and item is not None:
                break
            heading = self._item_heading(line, item)
            if heading:
                if motion is not None:
                    self._motion_without_outcome(motion, heading)
                item = heading
                self.minutes.items.append(item)
                self._apply_exclusion(item)
                mode, motion, resolved_block = "text", None, None
                self.index += 1
                continue
            if item is None:
                raise ImportRefused(
                    f'expected the first numbered item of the minutes ("1. APOLOGIES" or '
                    f'"46. Minutes of the previous meeting."), found "{clip(text)}"',
                    line=line.number,
                )
            if self._closing(line):
                if CLOSED_RE.search(text):
                    item.paragraphs.append(text)
                break
            if motion is not None:
                motion = self._motion_line(item, motion, line)
                self.index += 1
                continue
            started = MOTION_RE.match(text)
            if started:
                motion = {
                    "line": line.number,
                    "mover": started.group("mover").strip(),
                    "seconder": started.group("seconder").strip(),
                    "parts": [],
                    "text": (started.group("rest") or "").strip(),
                }
                mode = "text"
                self.index += 1
                continue
            resolved = RESOLVED_RE.match(text)
            if resolved:
                mode = "resolved"
                resolved_block = {"expected": 1, "current": None}
                if resolved.group("rest"):
                    self._resolution_line(item, resolved_block, line, resolved.group("rest"))
                self.index += 1
                continue
            if mode == "resolved":
                self._resolution_line(item, resolved_block, line, text)
            else:
                self._text_line(item, line)
            self.index += 1
        if motion is not None:
            self._motion_without_outcome(motion, None)
        self.minutes.end_line = self.lines[min(self.index, len(self.lines) - 1)].number

    def _item_heading(self, line, current):
        match = ITEM_RE.match(line.text)
        if not match:
            return None
        number = int(match.group("number"))
        title = match.group("title").strip()
        if title.lower().startswith("that ") or len(title) > 160:
            return None
        capitals = not any(ch.islower() for ch in title) and any(ch.isalpha() for ch in title)
        sentence = (
            title[0].isupper()
            and (title.endswith(".") or ". " not in title)
            and title.count(". ") <= 1
        )
        looks_like_heading = capitals if self.minutes.style == "city" else (capitals or sentence)
        if not looks_like_heading:
            return None
        if current is not None:
            expected = int(current.number) + 1
            if number < expected or (
                number > expected and not capitals and not title.endswith(".")
            ):
                return None
            if number > expected:
                raise ImportRefused(
                    f"expected item {expected} after item {current.number}, found item {number} "
                    f'("{clip(title)}"): is a heading missing or misnumbered?',
                    line=line.number,
                )
        return ParsedItem(number=str(number), title=display_title(title), line=line.number)

    def _closing(self, line):
        text = line.text
        closed = CLOSED_RE.search(text)
        if closed:
            self.minutes.end_time = parse_time(closed.group("time"))
            return True
        span = TIME_RANGE_RE.match(text)
        if span:
            start_text, end_text = span.group("start"), span.group("end")
            end = parse_time(end_text)
            meridiem = re.search(r"(am|pm|a\.m\.|p\.m\.)", end_text, re.IGNORECASE).group(1)
            start = parse_time(
                start_text
                if re.search(r"[ap]\.?m", start_text, re.IGNORECASE)
                else f"{start_text} {meridiem}"
            )
            if start and end and start > end:
                start = parse_time(f"{start_text} am")
            self.minutes.start_time = self.minutes.start_time or start
            self.minutes.end_time = end
            return True
        return bool(SIGNATURE_RE.match(text))

    def _text_line(self, item, line):
        text = line.text
        minutes = self.minutes
        if NO_DECLARATIONS_RE.search(text):
            minutes.no_declarations = True
        declared = DECLARATION_RE.match(text)
        if declared and not text.lower().startswith(("members were asked", "the chair")):
            self._declaration(declared, line)
        apologies = APOLOGIES_RE.match(text)
        if apologies:
            for name_text in split_name_list(apologies.group("names")):
                name = parse_name(name_text)
                if name is None:
                    raise ImportRefused(
                        f'expected a name in the apologies, found "{clip(name_text)}"',
                        line=line.number,
                    )
                minutes.attendance.append(ParsedAttendance(name, "apologies", line.number))
        quorate = QUORATE_RE.search(text)
        if quorate:
            minutes.quorate = not quorate.group("not")
        if UNNAMED_ABSENT_RE.search(text):
            minutes.report.add(
                "note",
                "the minutes record members absent without apologies but do not name them: "
                "record them in the admin if they are known.",
                line.number,
            )
        if CARRIED_VOTE_RE.search(text):
            self.next_outcome_carried = True
        for sentence in SENTENCE_SPLIT_RE.split(re.sub(r"^[-•]\s+", "", text)):
            if REQUEST_START_RE.match(sentence):
                item.requests.append(ParsedRequest(sentence.strip(), line.number))
        item.paragraphs.append(text)

    def _declaration(self, match, line):
        who = parse_name(match.group("who"))
        if who is None:
            raise ImportRefused(
                f"expected the name of the member declaring an interest, found "
                f'"{clip(match.group("who"))}"',
                line=line.number,
            )
        type_text = match.group("type").strip()
        interest_type = next(
            (kind for pattern, kind in INTEREST_TYPES if pattern.search(type_text)), None
        )
        rest = match.group("rest").strip().rstrip(".")
        all_items = bool(re.search(r"\ball (?:the )?(?:substantive )?items\b", rest, re.IGNORECASE))
        numbers = ()
        scope = re.search(
            r"\b(?:agenda )?(?:items?|minutes?)\s+(?P<numbers>\d+[a-z]?(?:\s*(?:,|and|&)\s*\d+[a-z]?)*)",
            rest,
            re.IGNORECASE,
        )
        if scope and not all_items:
            numbers = tuple(re.findall(r"\d+[a-z]?", scope.group("numbers")))
        reason = re.search(r"\b(?:as|because|since|due to|in that)\b\s.*$", rest, re.IGNORECASE)
        reason_text = reason.group(0) if reason else line.text.rstrip(".")
        self.minutes.declarations.append(
            ParsedDeclaration(
                who=who,
                interest_type=interest_type or "personal",
                all_items=all_items,
                item_numbers=numbers,
                reason=reason_text,
                line=line.number,
                type_stated=interest_type is not None,
            )
        )

    def _resolution_line(self, item, block, line, text):
        numbered = RESOLUTION_NUMBER_RE.match(text)
        if numbered and int(numbered.group("number")) == block["expected"]:
            resolution = self._new_resolution(
                item, int(numbered.group("number")), numbered.group("text"), line
            )
            block["current"] = resolution
            block["expected"] += 1
            return
        if numbered and block["current"] is not None and block["current"].number is not None:
            raise ImportRefused(
                f"expected resolution {block['expected']} of item {item.number}, found "
                f"resolution {numbered.group('number')}",
                line=line.number,
            )
        body = re.sub(r"^[-•]\s+", "", text)
        if block["current"] is None:
            block["current"] = self._new_resolution(item, None, body, line)
        else:
            current = block["current"]
            current.text = f"{current.text}\n{body}"
            current.kind = _resolution_kind(current.text)
            self._check_exclusion(item, current, line)

    def _new_resolution(self, item, number, text, line):
        resolution = ParsedResolution(number=number, text=text.strip(), line=line.number)
        resolution.kind = _resolution_kind(resolution.text)
        if self.next_outcome_carried:
            resolution.outcome = "carried"
            self.next_outcome_carried = False
        item.resolutions.append(resolution)
        self._check_exclusion(item, resolution, line)
        return resolution

    def _check_exclusion(self, item, resolution, line):
        if not EXCLUSION_RE.search(resolution.text) or "12A" not in resolution.text:
            return
        found = PARAGRAPHS_RE.search(resolution.text)
        if found:
            numbers = sorted({int(n) for n in re.findall(r"\d", found.group("numbers"))})
            self.pending_exclusion = (",".join(str(n) for n in numbers), item.number, line.number)

    def _apply_exclusion(self, item):
        private_title = bool(PRIVATE_TITLE_RE.search(item.title))
        if self.pending_exclusion is not None:
            paragraphs, excluded_at, _ = self.pending_exclusion
            if int(item.number) == int(excluded_at) + 1 or private_title:
                item.confidentiality = "exempt"
                item.exempt_paragraphs = paragraphs
                return
        if private_title:
            raise ImportRefused(
                f'item {item.number} ("{item.title}") is held in private, but no earlier '
                "resolution excludes the public under named paragraphs of Schedule 12A: expected "
                '"... exempt information as defined in paragraph(s) N of Schedule 12A ..." '
                "before it",
                line=item.line,
            )

    def _motion_line(self, item, motion, line):
        text = line.text
        outcome = OUTCOME_RE.match(text)
        if outcome:
            self._finish_motion(item, motion, outcome, line)
            return None
        part = PART_RE.match(text)
        if part:
            letter = part.group("letter")
            expected = chr(ord("a") + len(motion["parts"]))
            if letter != expected:
                raise ImportRefused(
                    f"expected part ({expected}) of the motion moved at line {motion['line']}, "
                    f"found part ({letter})",
                    line=line.number,
                )
            motion["parts"].append(f"({letter}) {part.group('text').strip()}")
        elif motion["parts"]:
            continuation = re.sub(r"^[-•]\s+", "", text)
            motion["parts"][-1] = f"{motion['parts'][-1]} {continuation}"
        else:
            motion["text"] = f"{motion['text']} {text}".strip()
        return motion

    def _finish_motion(self, item, motion, outcome, line):
        word = outcome.group("outcome").lower()
        outcome_value = {
            "carried unanimously": "carried_unanimously",
            "unanimously carried": "carried_unanimously",
            "carried": "carried",
            "lost": "lost",
            "defeated": "lost",
            "not carried": "lost",
            "fell": "lost",
            "withdrawn": "withdrawn",
        }[word]
        text = "\n".join(part for part in [motion["text"], *motion["parts"]] if part)
        if not text:
            raise ImportRefused(
                f"expected the words of the motion moved at line {motion['line']} before its outcome",
                line=line.number,
            )
        resolution = ParsedResolution(
            number=None,
            text=text,
            line=motion["line"],
            kind=_resolution_kind(text),
            is_motion=True,
            mover=motion["mover"],
            seconder=motion["seconder"],
            outcome=outcome_value,
        )
        votes = VOTES_RE.search(outcome.group("rest") or "")
        if votes:
            resolution.votes = tuple(
                parse_count(votes.group(side), line=line.number, what=f"the number of {what}")
                if votes.group(side)
                else None
                for side, what in (
                    ("for", "votes for"),
                    ("against", "votes against"),
                    ("abstain", "abstentions"),
                )
            )
        item.resolutions.append(resolution)

    def _motion_without_outcome(self, motion, next_item):
        where = f"before item {next_item.number}" if next_item else "before the end of the minutes"
        raise ImportRefused(
            'expected the outcome of the motion moved here (a line such as "The motion was '
            f'carried") {where}',
            line=motion["line"],
        )

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


def _split_kind(body):
    body = " ".join(body.split())
    for pattern, kind in KIND_SUFFIXES:
        if pattern.search(body):
            return pattern.sub("", body), kind
    return body, "ordinary"


def _resolution_kind(text):
    for pattern, kind in RESOLUTION_KINDS:
        if pattern.search(text):
            return kind
    return "other"
