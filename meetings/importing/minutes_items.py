"""Reading the numbered items of minutes: headings, running text, declarations and the close."""

import re

from meetings.importing.minutes_parsed import (
    ParsedAttendance,
    ParsedDeclaration,
    ParsedItem,
    ParsedRequest,
)
from meetings.importing.minutes_patterns import (
    APOLOGIES_RE,
    CARRIED_VOTE_RE,
    CLOSED_RE,
    DECLARATION_RE,
    DOCUMENT_BREAK_RE,
    INTEREST_TYPES,
    ITEM_RE,
    MOTION_RE,
    NO_DECLARATIONS_RE,
    QUORATE_RE,
    REQUEST_START_RE,
    RESOLVED_RE,
    SENTENCE_SPLIT_RE,
    SIGNATURE_RE,
    TIME_RANGE_RE,
    UNNAMED_ABSENT_RE,
)
from meetings.importing.names import parse_name, split_name_list
from meetings.importing.report import ImportRefused
from meetings.importing.text import clip, display_title, parse_time


class ItemReading:
    """Items and what their text records (a part of ``minutes._MinutesReader``)."""

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
