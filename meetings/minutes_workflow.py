"""The shape of a step in the minutes' lifecycle.

The steps themselves are declared once, in ``meetings.services.STEPS``, next to the functions
that take them: the guards, the admin's buttons and pages and the API's endpoints read them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from meetings.models import Minutes


@dataclass(frozen=True, kw_only=True)
class MinutesStep:
    """One step of the minutes' lifecycle: what it is called, when it is allowed, what it asks.

    ``to`` is None for a step that leaves the status as it is (a correction). ``done`` says
    what was done ({meeting} is filled in).
    ``note_required`` is the message given when the note is missing, or "" when the note is
    optional. ``refusals`` holds, for each status the step is not allowed from, the message
    that says why ({meeting} and {status} are filled in).
    """

    name: str
    label: str
    done: str
    explanation: str
    allowed_from: tuple
    to: str | None
    note_label: str
    note_required: str = ""
    asks_resolution: bool = False
    asks_corrections: bool = False
    refusals: dict = field(default_factory=dict)
    service: Callable

    def __post_init__(self):
        missing = set(Minutes.Status.values) - set(self.allowed_from) - set(self.refusals)
        if missing:
            raise ValueError(f"Step {self.name!r} says nothing to minutes that are {missing}.")

    def allows(self, minutes):
        return minutes.status in self.allowed_from

    def refusal(self, minutes):
        """Why the step is not allowed for ``minutes`` now, or "" when it is."""
        if self.allows(minutes):
            return ""
        return self.refusals[minutes.status].format(
            meeting=minutes.meeting, status=minutes.get_status_display().lower()
        )

    def done_message(self, minutes):
        return self.done.format(meeting=minutes.meeting)

    def inputs(self):
        """The names of what the step asks for, as its service takes them."""
        names = ["note"]
        if self.asks_resolution:
            names.insert(0, "resolution")
        if self.asks_corrections:
            names[:0] = ["items", "resolutions", "attendances", "declarations"]
        return names
