"""What a set of minutes says, as read: attendance, declarations, items and resolutions."""

from dataclasses import dataclass, field

from meetings.importing.names import ParsedName
from meetings.importing.report import Report


@dataclass
class ParsedAttendance:
    name: ParsedName
    status: str
    line: int
    substitute_for: ParsedName | None = None


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
    # ModernGov: whether the motion amends another, and each member's recorded vote by side
    # ("for", "against", "abstain"), as printed.
    is_amendment: bool = False
    vote_names: dict = field(default_factory=dict)


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
    agenda_number: str = ""

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
    # What the reader counted in the text itself, to check the import against ("resolved",
    # "present", "recorded_votes", ...); empty for the Panel's own styles.
    seen: dict = field(default_factory=dict)

    @property
    def resolutions(self):
        return [r for item in self.items for r in item.resolutions]

    def item(self, number):
        return next((i for i in self.items if i.number == str(number)), None)
