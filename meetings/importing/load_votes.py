"""Each member's recorded vote, matched to the members present at the meeting.

A recorded vote prints short names ("Mr Cole", "Mrs Cole", "Mr R Lehmann"): each is matched
to the one member present it can be. A title that says another sex rules a member out ("Mr
Cole" is not Mrs P T Cole); a name that fits nobody present, or more than one member, is
reported and its vote left out, never guessed.
"""

from meetings.importing.names import compare
from meetings.models import Attendance, Meeting, RecordedVote
from meetings.sync import touch


def match_recorded_votes(part):
    """{id(resolution): [(identity, side)]} for the motions of ``part`` with named votes."""
    present = [row for row in part.rows if row.status == Attendance.Status.PRESENT]
    matched = {}
    known = {}  # the same short name recurs in every vote of a meeting
    for resolution in part.parsed.resolutions:
        votes = []
        seen = set()
        for side, names in resolution.vote_names.items():
            for name in names:
                key = (name.printed, name.honorific)
                if key not in known:
                    known[key] = _member(part, present, name, resolution.line)
                identity = known[key]
                if identity is None:
                    continue
                if identity in seen:
                    part.plan.report.add(
                        "count",
                        f"\u201c{name.printed}\u201d is listed twice in the recorded vote: the first "
                        "vote is kept.",
                        resolution.line,
                    )
                    continue
                seen.add(identity)
                votes.append((identity, side))
        if votes:
            matched[id(resolution)] = votes
    return matched


def _member(part, present, name, line):
    scored = sorted(
        (
            (comparison, row)
            for row in present
            for comparison in [_compare(name, row)]
            if comparison
        ),
        key=lambda pair: pair[0],
    )
    if not scored:
        part.plan.report.add(
            "missed",
            f"\u201c{name.printed}\u201d voted in a recorded vote but matches no member present: "
            "that vote was not imported.",
            line,
        )
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        part.plan.report.add(
            "ambiguous",
            f"\u201c{name.printed}\u201d in a recorded vote could be "
            f"{scored[0][1].identity.label} or {scored[1][1].identity.label}: that vote was not "
            "imported.",
            line,
        )
        return None
    return scored[0][1].identity


def _compare(name, row):
    found = [compare(name, spelling) for spelling, _ in row.identity.spellings]
    found = [c for c in found if c]
    return min(found) if found else None


def write_recorded_votes(resolution, votes):
    """Write the matched votes of one saved motion; returns how many."""
    RecordedVote.objects.bulk_create(
        RecordedVote(resolution=resolution, person=identity.person, vote=side)
        for identity, side in votes
    )
    # bulk_create sends no signals: mark the meeting changed for mirrors (?updated_since=).
    touch(Meeting.objects.filter(items__resolutions=resolution))
    return len(votes)
