"""The summary an import leads with: what the minutes hold against what was written.

"RESOLVED seen 7, imported 7; PRESENT names 66, imported 66; recorded votes 5, imported 5".
The "seen" side is counted in the text itself where the reader counts it (ModernGov), so that
a decision or a name the reader failed to take in shows as a shortfall, loudly.
"""

from meetings.models import Attendance


def minutes_summary(parsed, rows, declarations, member_votes=0):
    """[(what, seen, imported)] for one set of minutes, from the parse and the rows written."""
    resolutions = parsed.resolutions
    decisions = [r for r in resolutions if not r.is_motion]
    motions = [r for r in resolutions if r.is_motion]
    seen = parsed.seen
    statuses = [row.status for row in rows if not row.from_declaration]
    declarers_added = sum(1 for row in rows if row.from_declaration)
    parsed_present = sum(1 for entry in parsed.attendance if entry.status == "present")
    parsed_apologies = sum(1 for entry in parsed.attendance if entry.status == "apologies")
    return [
        ("RESOLVED", seen.get("resolved", len(decisions)), len(decisions)),
        (
            "PRESENT names",
            seen.get("present", parsed_present),
            statuses.count(Attendance.Status.PRESENT),
        ),
        (
            "apologies",
            seen.get("apologies", parsed_apologies),
            statuses.count(Attendance.Status.APOLOGIES),
        ),
        ("motions", len(motions), len(motions)),
        (
            "recorded votes",
            seen.get("recorded_votes", sum(1 for m in motions if m.votes[0] is not None)),
            sum(1 for m in motions if m.votes[0] is not None),
        ),
        ("declarations", seen.get("declarations", len(parsed.declarations)), len(declarations)),
        (
            "members' votes",
            sum(len(names) for m in motions for names in m.vote_names.values()),
            member_votes,
        ),
        *([(DECLARERS_ADDED, declarers_added, declarers_added)] if declarers_added else []),
    ]


# Declarers not in the PRESENT list, recorded as present (``load_matching``).
DECLARERS_ADDED = "declarers not in PRESENT (recorded present)"


def summary_line(counts):
    return "; ".join(f"{what} seen {seen}, imported {imported}" for what, seen, imported in counts)


def shortfalls(counts, label):
    """The warnings for ``counts``: every shortfall, and attendance left empty."""
    warnings = []
    for what, seen, imported in counts:
        if imported < seen:
            warnings.append(
                f"{label}: {what} seen {seen} but only {imported} imported. Check the anomalies "
                "below and the document; correct the record in the admin."
            )
    present = next(imported for what, _, imported in counts if what == "PRESENT names")
    if present == 0:
        warnings.append(f"{label}: no member is recorded as present. Check the attendance.")
    return warnings


def attendance_warnings(counts, label):
    """The warning for declarers recorded present though the PRESENT list leaves them out."""
    added = next((imported for what, _, imported in counts if what == DECLARERS_ADDED), 0)
    if not added:
        return []
    return [
        f"{label}: {added} member(s) declared an interest but are not in the PRESENT list: "
        "recorded as present. Check the attendance against the minutes."
    ]
