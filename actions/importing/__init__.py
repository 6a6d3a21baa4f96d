"""The action log's part of importing papers (see meetings/importing/extensions.py).

Two things become actions. A board's "Actions arising" list, reported to the Panel:

    - 8. Actions arising from the June CGB meeting;
     - a. OPCC to work with the Force ... - complete, attached as an appendix
     - b. OPCC to consider gaps in relation to specialist stalking victim support -
     - d. Carry forward requests to be reviewed by CFO **reviewed awaiting sign off**

gives actions 8a, 8b, 8d of the board's June meeting, with the status the wording states
("complete", no wording: open, "awaiting sign off"), the wording kept as printed and the
history saying where it came from. And requests in minutes ("That the Panel requests that
...", "It was requested that ...") are proposed as actions: an officer ticks the ones to raise;
none is created silently.
"""

from actions.importing.extension import ActionsImport
from actions.importing.parsing import owners_for, parse_action_lists, split_status, status_for

__all__ = ["ActionsImport", "owners_for", "parse_action_lists", "split_status", "status_for"]
