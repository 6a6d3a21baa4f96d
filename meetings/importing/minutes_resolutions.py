"""Reading resolutions and motions in minutes, and the exclusions of the public they make."""

import re

from meetings.importing.minutes_parsed import ParsedResolution
from meetings.importing.minutes_patterns import (
    EXCLUSION_RE,
    OUTCOME_RE,
    PARAGRAPHS_RE,
    PART_RE,
    PRIVATE_TITLE_RE,
    RESOLUTION_KINDS,
    RESOLUTION_NUMBER_RE,
    VOTES_RE,
)
from meetings.importing.report import ImportRefused
from meetings.importing.text import parse_count


class ResolutionReading:
    """Resolutions, motions and exclusions (a part of ``minutes._MinutesReader``)."""

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


def _resolution_kind(text):
    for pattern, kind in RESOLUTION_KINDS:
        if pattern.search(text):
            return kind
    return "other"
