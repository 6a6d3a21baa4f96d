"""What differs between the minutes recorded for a meeting and the same minutes in a document,
in words an officer can check against both, and how to change the record instead.

A refusal that only counted ("18 resolutions recorded, 18 in the document") left the officer
to compare two long texts by eye; each difference here names the item or resolution, the
field, and both texts (their first 80 characters).
"""

from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Minutes, Resolution, normalise_name

SHOWN = 80
LISTED = 5


def quoted(text):
    """``text`` on one line, cut to its first 80 characters, in quotation marks."""
    text = " ".join(text.split())
    if len(text) > SHOWN:
        text = f"{text[: SHOWN - 1]}\u2026"
    return f"\u201c{text}\u201d"


def _changed(what, recorded, document):
    return f"{what}: recorded {quoted(recorded)}, the document {quoted(document)}"


def _compare(recorded, document, describe, what):
    """Differences between two dicts of key -> text (compared as names are: case and spacing
    aside). ``describe(key)`` names a row; ``what`` names its field."""
    found = []
    for key in [*recorded, *(key for key in document if key not in recorded)]:
        label = describe(key)
        if key not in document:
            found.append(f"{label} {quoted(recorded[key])} is recorded but not in the document")
        elif key not in recorded:
            found.append(f"{label} {quoted(document[key])} is in the document but not recorded")
        elif normalise_name(recorded[key]) != normalise_name(document[key]):
            found.append(_changed(f"{label} {what}", recorded[key], document[key]))
    return found


def _item_differences(meeting, parsed):
    recorded = {(i.order, i.number): i.title for i in meeting.items.all()}
    document = {(order, i.number): i.title for order, i in enumerate(parsed.items, start=1)}
    return _compare(recorded, document, lambda key: f"item {key[1] or key[0]}", "title")


def _resolution_label(key):
    item, number = key
    return f"resolution {item}.{number}" if number else f"the resolution of item {item}"


def _resolution_differences(meeting, parsed):
    recorded = {
        (r.item.number, r.number or 0): r.text
        for r in Resolution.objects.filter(item__meeting=meeting).select_related("item")
    }
    document = {(i.number, r.number or 0): r.text for i in parsed.items for r in i.resolutions}
    return _compare(recorded, document, _resolution_label, "text")


def _attendance_differences(meeting, rows):
    names, recorded, document = {}, {}, {}
    for attendance in meeting.attendances.select_related("person"):
        names[attendance.person_id] = str(attendance.person)
        recorded[attendance.person_id] = attendance.get_status_display().lower()
    for row in rows:
        person = row.identity.person
        key = person.pk if person else row.identity.label
        names.setdefault(key, row.identity.label)
        document[key] = Attendance.Status(row.status).label.lower()
    return _compare(recorded, document, lambda key: f"the attendance of {names[key]}", "status")


def differences(meeting, parsed, rows):
    """Each difference between the record of ``meeting`` and ``parsed`` (with its attendance
    ``rows``), in words; empty when the document says what is recorded."""
    return [
        *_item_differences(meeting, parsed),
        *_resolution_differences(meeting, parsed),
        *_attendance_differences(meeting, rows),
    ]


def listed(found):
    """The first few differences, joined, and how many more there are."""
    shown = "; ".join(found[:LISTED])
    more = len(found) - LISTED
    return f"{shown}; and {more} more" if more > 0 else shown


def how_to_change(meeting):
    """What to do instead of importing over a recorded meeting: a correction, or (for minutes
    published as a draft) withdrawing them first. Never deleting the meeting, which
    democratic services may not do and which would lose the record's history."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or minutes.status == Minutes.Status.DRAFT:
        edit = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        return (
            "Its minutes are not published: change the record in the admin "
            f"({edit}) to match the document."
        )
    correct = services.STEPS["correct"]
    withdraw = services.STEPS["unpublish"]
    advice = (
        f"Use \u201c{correct.label}\u201d on the minutes "
        f"({reverse('admin:meetings_minutes_step', args=[minutes.pk, correct.name])}): the "
        "earlier text is kept in their history."
    )
    if withdraw.allows(minutes):
        advice += (
            f" For more than a correction, \u201c{withdraw.label}\u201d first (the reason is "
            "kept in their history), change the record in the admin, then publish them again."
        )
    return advice
