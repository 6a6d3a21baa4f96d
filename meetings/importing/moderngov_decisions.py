"""What one ModernGov minute decided: resolutions, motions and amendments, recorded votes.

A paragraph holding "RESOLVED" (or "UNANIMOUSLY RESOLVED", "Decision:", "AGREED") opens a
resolution; when it ends with a colon, the sub-paragraphs below it ("(1)", "(a)", "1." starting
again at one) are its parts, and the next paragraph of its own numbering ends it. "Mr X
proposed, and Mr Y seconded the (following) motion/amendment" opens a motion, whose words are
the sub-paragraphs below it; "the Chairman put the amendment set out in paragraph 17 to the
vote" points at the motion voted on, "For (14)" and the names under it record each side, and
"Amendment lost." gives the outcome.
"""

import re

from meetings.importing.minutes_parsed import ParsedAttendance, ParsedDeclaration, ParsedResolution
from meetings.importing.minutes_patterns import INTEREST_TYPES, NO_DECLARATIONS_RE
from meetings.importing.minutes_resolutions import _resolution_kind
from meetings.importing.moderngov_names import read_name_list
from meetings.importing.moderngov_text import OUTCOME_LINE_RE, VOTE_HEADER_RE
from meetings.importing.names import parse_name, split_name_list
from meetings.importing.text import clip

RESOLVED_RE = re.compile(
    r"(?:\b(?:UNANIMOUSLY\s+)?RESOLVED\b|^Resolved\b|^Decisions?\s*[:\-\u2013]|\bAGREED\b)"
    r"\s*(?:that\b)?\s*[:\-\u2013]*\s*(?P<rest>.*)$",
    re.DOTALL,
)
PROPOSED_RE = re.compile(
    r"(?:^|,\s*|\bthat\s+)(?P<mover>(?:the\s+)?[A-Z][^,]*?(?:,[^,]*?)?)\s+(?:proposed|moved),?\s+"
    r"and\s+(?P<seconder>.+?),?\s+seconded\b\s*(?P<rest>.*)$"
    r"|^It was (?:moved|proposed) by (?P<mover2>.+?),? and seconded by (?P<seconder2>.+?)"
    r"(?:,? that\s*(?P<rest2>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
VOTE_ON_RE = re.compile(
    r"\bput\b.*?\b(?P<what>substantive motion|amendment|motion|recommendations?)\b.*?"
    r"\bparagraph\s+(?P<paragraph>\d{1,3})\b.*?\bvote\b(?P<rest>.*)$"
    r"|\bput to the vote the (?P<what2>substantive motion|amendment|motion)\b.*?"
    r"\bparagraph\s+(?P<paragraph2>\d{1,3})\b(?P<rest2>.*)$",
    re.IGNORECASE | re.DOTALL,
)
APOLOGIES_FROM_RE = re.compile(
    r"\bapologies(?: for absence)?\s+(?:were\s+|had been\s+)?(?:received\s+|reported\s+|given\s+"
    r"|submitted\s+|tendered\s+)?(?:from|by|on behalf of)\s+(?P<names>.+?)(?:\.(?:\s|$)|$)",
    re.IGNORECASE,
)
DECLARED_RE = re.compile(
    r"(?P<who>[A-Z][^.;]*?)\s+(?:each\s+)?declared\s+(?:an?|their|his|her)\s+"
    r"(?P<type>[\w\s,-]*?)\binterests?\b(?P<rest>[^.]*)",
)
OUTCOMES = {
    "carried unanimously": "carried_unanimously",
    "unanimously carried": "carried_unanimously",
    "agreed unanimously": "carried_unanimously",
    "unanimously agreed": "carried_unanimously",
    "carried": "carried",
    "agreed": "carried",
    "lost": "lost",
    "defeated": "lost",
    "not carried": "lost",
    "fell": "lost",
    "withdrawn": "withdrawn",
}
SIDES = {"for": "for", "against": "against"}


class ItemDecisions:
    """Reads the paragraphs of one item, in order, into its resolutions and motions."""

    def __init__(self, minutes, item):
        self.minutes = minutes
        self.item = item
        self.open = None  # (resolution, parent marker kind, parent value, next sub value)
        self.motions = {}  # paragraph number -> motion
        self.latest_motion = None
        self.voting = None  # the motion being voted on
        self.side = None

    # -- one paragraph ---------------------------------------------------------------------
    def take(self, block):
        text = block.text
        self.item.paragraphs.append(f"{block.marker} {text}".strip())
        if block.kind == "vote":
            self._vote_header(block)
            return
        if block.kind == "outcome":
            self._outcome(OUTCOME_LINE_RE.match(text), block)
            return
        if self.side is not None and not block.marker:
            self._vote_names(block)
            return
        self.side = None
        if self.open is not None and self._continues(block):
            resolution = self.open[0]
            part = f"{block.marker} {text}".strip()
            resolution.text = f"{resolution.text}\n{part}" if resolution.text else part
            return
        self.open = None
        self._paragraph(block)

    def _continues(self, block):
        _, kind, value, expected = self.open
        if not block.marker:
            return True
        if block.marker_kind != kind:
            return True
        if block.marker_value == expected:
            self.open = (self.open[0], kind, value, expected + 1)
            return True
        return False

    def _paragraph(self, block):
        text = block.text
        proposed = PROPOSED_RE.search(text)
        voted = VOTE_ON_RE.search(text)
        resolved = RESOLVED_RE.search(text)
        if proposed and not voted:
            self._motion(block, proposed)
        elif voted:
            self._vote_on(block, voted)
        elif resolved:
            self._resolution(block, resolved)
        self._narrative(block)

    # -- resolutions -----------------------------------------------------------------------
    def _resolution(self, block, match):
        rest = match.group("rest").strip()
        if not rest:
            rest = block.text
        resolution = ParsedResolution(number=None, text=rest, line=block.line)
        resolution.kind = _resolution_kind(rest)
        self.item.resolutions.append(resolution)
        if self.latest_motion is not None and not self.latest_motion.outcome:
            motion = self.latest_motion
            if not any(m.is_amendment and m.outcome == "carried" for m in self.motions.values()):
                motion.outcome = "carried"
        if block.text.rstrip().endswith(":"):
            self.open = (resolution, block.marker_kind, block.marker_value, 1)

    # -- motions ---------------------------------------------------------------------------
    def _motion(self, block, match):
        mover = match.group("mover") or match.group("mover2") or ""
        seconder = match.group("seconder") or match.group("seconder2") or ""
        rest = match.group("rest") or match.group("rest2") or ""
        mover = re.sub(r"^(?:following (?:the|a) [\w ]+?,\s*)", "", mover, flags=re.IGNORECASE)
        words = re.sub(
            r"^(?:the\s+)?(?:following\s+|above\s+)?(?:substantive )?(?:motion|amendment)\b[^:]*?(?:that|:)\s*",
            "",
            rest.strip(),
            flags=re.IGNORECASE,
        )
        words = re.sub(r"^that\s+", "", words, flags=re.IGNORECASE).strip()
        motion = ParsedResolution(
            number=None,
            text=words,
            line=block.line,
            is_motion=True,
            mover=mover.strip(" ,"),
            seconder=seconder.strip(" ,"),
            is_amendment=bool(re.search(r"\bamendment\b", rest[:80], re.IGNORECASE)),
        )
        motion.kind = _resolution_kind(motion.text)
        self.item.resolutions.append(motion)
        if block.marker_value is not None:
            self.motions[block.marker_value] = motion
        else:
            self.motions[-len(self.motions) - 1] = motion
        self.latest_motion = motion
        self.voting = motion
        self.open = (motion, block.marker_kind, block.marker_value, 1)

    def _vote_on(self, block, match):
        paragraph = int(match.group("paragraph") or match.group("paragraph2"))
        rest = match.group("rest") or match.group("rest2") or ""
        motion = self.motions.get(paragraph)
        if motion is None:
            self.minutes.report.add(
                "missed",
                f"the vote refers to paragraph {paragraph} of item {self.item.number or self.item.title}, "
                "which holds no motion the importer read: the vote was not recorded.",
                block.line,
            )
            self.voting = None
            return
        self.voting = motion
        agreed = re.search(r"\b(?:it was|was) (agreed|carried|lost)\b", rest, re.IGNORECASE)
        if agreed:
            motion.outcome = OUTCOMES[agreed.group(1).lower()]

    def _vote_header(self, block):
        header = VOTE_HEADER_RE.match(block.text)
        side = SIDES.get(header.group("side").lower(), "abstain")
        motion = self.voting or self.latest_motion
        if motion is None:
            self.minutes.report.add(
                "missed",
                f'"{block.text}" follows no motion the importer read: the vote was not recorded.',
                block.line,
            )
            return
        count = int(header.group("count"))
        votes = list(motion.votes)
        position = {"for": 0, "against": 1, "abstain": 2}[side]
        votes[position] = count
        if side == "for":
            votes = [count, None, None]  # a fresh vote (a motion may be voted on again)
            motion.vote_names = {}
        motion.votes = tuple(votes)
        motion.vote_names.setdefault(side, [])
        self.side = (motion, side, count, block.line)

    def _vote_names(self, block):
        motion, side, count, line = self.side
        listed = read_name_list(block.text)
        motion.vote_names[side].extend(listed.names)
        for piece in listed.unread:
            self.minutes.report.add(
                "unread",
                f'"{clip(piece)}" in the list of votes is not a name: skipped.',
                block.line,
            )
        read = len(motion.vote_names[side])
        if read != count:
            self.minutes.report.add(
                "count",
                f'the minutes print "{side.title()} ({count})" but list {read} name(s) under it: '
                "check the printed list.",
                line,
            )

    def _outcome(self, match, block):
        motion = self.voting or self.latest_motion
        self.side = None
        self.open = None
        if motion is None:
            return
        word = (match.group("outcome") or match.group("agreed")).lower()
        motion.outcome = OUTCOMES.get(word, "carried")
        self.voting = None

    # -- narrative: apologies and declarations ---------------------------------------------
    def _narrative(self, block):
        text = block.text
        minutes = self.minutes
        if NO_DECLARATIONS_RE.search(text) or re.search(
            r"\bno declarations of interest were (?:received|made)\b", text, re.IGNORECASE
        ):
            minutes.no_declarations = True
        apologies = APOLOGIES_FROM_RE.search(text)
        if apologies:
            listed = read_name_list(apologies.group("names"))
            minutes.seen["apologies"] = minutes.seen.get("apologies", 0) + len(listed.names)
            for name in listed.names:
                minutes.attendance.append(ParsedAttendance(name, "apologies", block.line))
        for declared in DECLARED_RE.finditer(text):
            self._declaration(declared, block)

    def _declaration(self, match, block):
        who_text = re.sub(r"^(?:\(\w+\)\s*)", "", match.group("who")).strip()
        names = [parse_name(piece) for piece in split_name_list(who_text)]
        if not names or any(name is None or not name.family[:1].isupper() for name in names):
            self.minutes.report.add(
                "note",
                f'"{clip(match.group(0))}": the minutes record a declaration without naming who '
                "made it, so none was imported; record it in the admin if the names are known.",
                block.line,
            )
            return
        type_text = match.group("type").strip()
        interest_type = next(
            (kind for pattern, kind in INTEREST_TYPES if pattern.search(type_text)), None
        )
        rest = match.group("rest").strip()
        numbers = self._item_numbers(rest)
        for name in names:
            self.minutes.declarations.append(
                ParsedDeclaration(
                    who=name,
                    interest_type=interest_type or "personal",
                    all_items=False,
                    item_numbers=numbers,
                    reason=rest or match.group(0),
                    line=block.line,
                    type_stated=interest_type is not None,
                )
            )
        self.minutes.seen["declarations"] = self.minutes.seen.get("declarations", 0) + len(names)

    def _item_numbers(self, rest):
        scope = re.search(
            r"\b(?P<agenda>agenda )?items?\s+(?P<numbers>\d+[a-z]?(?:\s*(?:,|and|&)\s*\d+[a-z]?)*)",
            rest,
            re.IGNORECASE,
        )
        if not scope:
            return ()
        # Saved for the end of the minutes, when every agenda number is known.
        return tuple(f"agenda:{n}" for n in re.findall(r"\d+[a-z]?", scope.group("numbers")))

    def finish(self):
        self.side = None
        self.open = None
        for motion in self.motions.values():
            motion.text = motion.text or f"(the motion moved at line {motion.line})"
            if motion.outcome:
                continue
            amended = any(m.is_amendment and m.outcome == "carried" for m in self.motions.values())
            self.minutes.report.add(
                "note",
                "the motion moved here was replaced by an amendment that was carried: recorded "
                "without an outcome of its own."
                if amended
                else "the minutes give no outcome for the motion moved here: recorded without one.",
                motion.line,
            )
