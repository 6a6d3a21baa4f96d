"""Taking the register of a meeting: who was there, who sent apologies, who substituted.

One screen in the admin (meetings.admin.register) marks every member of the body at once,
pre-filled from the body's membership on the meeting's date. This module says who is on the
register and writes what the officer marked, in one transaction, or refuses all of it.
"""

from dataclasses import dataclass, field

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import get_text_list

from meetings.models import Attendance, Declaration, Meeting, Membership
from meetings.published_record import meeting_record_locked
from meetings.sync import touch

NOT_RECORDED = ""
SUBSTITUTED = "substituted"
# What the register offers for each person, in the order the screen shows them.
MARKS = [
    (Attendance.Status.PRESENT, "Present"),
    (Attendance.Status.APOLOGIES, "Apologies"),
    (SUBSTITUTED, "Apologies, substituted"),
    (Attendance.Status.ABSENT, "Absent"),
    (Attendance.Status.IN_ATTENDANCE, "In attendance"),
    (NOT_RECORDED, "Not recorded"),
]
# Standing attendees (officers, the Commissioner) attend; they are not members present.
DEFAULT_MARK = {Membership.Role.ATTENDEE: Attendance.Status.IN_ATTENDANCE}


@dataclass
class RegisterLine:
    """One person on the register, as the screen shows them before the officer marks it."""

    person: object
    role: str = ""
    mark: str = NOT_RECORDED
    substitute: object = None
    is_chair: bool = False
    notes: list = field(default_factory=list)


def register_lines(meeting):
    """The people on the meeting's register: its body's members on the day, then anyone
    else already recorded. With no attendance recorded yet, members are marked present
    (standing attendees in attendance), so the officer changes only the exceptions."""
    recorded = {
        row.person_id: row for row in meeting.attendances.select_related("person", "substitute_for")
    }
    substitutes = {row.substitute_for_id: row for row in recorded.values() if row.substitute_for_id}
    memberships = (
        Membership.objects.active_on(meeting.date)
        .filter(body_id=meeting.body_id)
        .exclude(role=Membership.Role.SUBSTITUTE)
        .select_related("person")
        .order_by("role", "person__family_name", "person__given_name")
    )
    lines, seen = [], set()
    for membership in memberships:
        if membership.person_id in seen:
            continue
        seen.add(membership.person_id)
        line = RegisterLine(membership.person, role=membership.get_role_display())
        if not recorded:
            line.mark = DEFAULT_MARK.get(membership.role, Attendance.Status.PRESENT)
        lines.append(line)
    for row in recorded.values():
        if row.person_id not in seen and not row.substitute_for_id:
            seen.add(row.person_id)
            lines.append(RegisterLine(row.person, role=row.role))
    for line in lines:
        row = recorded.get(line.person.pk)
        if row is not None:
            line.mark = row.status
            line.is_chair = row.is_chair
        if line.person.pk in substitutes:
            line.mark = SUBSTITUTED
            line.substitute = substitutes[line.person.pk].person
    return lines


@dataclass(frozen=True)
class Mark:
    """What the officer marked for one person."""

    person: object
    mark: str
    substitute: object = None


def _substitute_errors(marks, marked):
    errors = []
    for m in marks:
        if m.mark == SUBSTITUTED and m.substitute is None:
            errors.append(f"{m.person}: choose who substituted, or mark apologies.")
        if m.mark != SUBSTITUTED and m.substitute is not None:
            errors.append(
                f"{m.person}: a substitute is named but the mark is not "
                "\u201cApologies, substituted\u201d. Choose one or the other."
            )
        if m.substitute is not None and m.substitute.pk == m.person.pk:
            errors.append(f"{m.person} cannot substitute for themselves.")
        elif m.substitute is not None and m.substitute.pk in marked:
            errors.append(
                f"{m.substitute} is marked on the register and named as a substitute: "
                "a person attends once."
            )
    subs = [m.substitute.pk for m in marks if m.substitute is not None]
    if len(subs) != len(set(subs)):
        errors.append("One person is named as the substitute of two members: choose one each.")
    return errors


def _check(meeting, marks, chair):
    marked = {m.person.pk: m for m in marks if m.mark != NOT_RECORDED}
    errors = _substitute_errors(marks, marked)
    if chair is not None:
        chair_mark = marked.get(chair.pk)
        if chair_mark is None or chair_mark.mark != Attendance.Status.PRESENT:
            errors.append(f"{chair} is in the Chair, so mark them present.")
    there = {pk for pk, m in marked.items() if m.mark in Attendance.PRESENT_STATUSES}
    there |= {m.substitute.pk for m in marks if m.substitute is not None}
    declarers = Declaration.objects.filter(meeting=meeting).exclude(person_id__in=there)
    for declaration in declarers.select_related("person"):
        errors.append(
            f"{declaration.person} declared an interest at this meeting: mark them present or "
            "in attendance, or remove the declaration first."
        )
    if errors:
        raise ValidationError(errors)


def take_register(meeting, marks, *, chair=None, user):
    """Record the meeting's attendance as marked; all of it, or none with the reasons.

    Refused once the minutes are published: the published attendance then changes only by a
    recorded correction of the minutes.
    """
    if meeting_record_locked(meeting):
        raise ValidationError(
            "The minutes of this meeting are published, so its attendance changes only "
            "through a correction of the minutes, which keeps the earlier record."
        )
    _check(meeting, marks, chair)
    with transaction.atomic():
        existing = {row.person_id: row for row in meeting.attendances.all()}
        keep = set()
        meeting.attendances.filter(is_chair=True).update(is_chair=False)
        for order, m in enumerate(marks, start=1):
            if m.mark == NOT_RECORDED:
                continue
            status = Attendance.Status.APOLOGIES if m.mark == SUBSTITUTED else m.mark
            _write(meeting, existing, m.person, order=order * 2, status=status, substitute_for=None)
            keep.add(m.person.pk)
            if m.substitute is not None:
                _write(
                    meeting,
                    existing,
                    m.substitute,
                    order=order * 2 + 1,
                    status=Attendance.Status.PRESENT,
                    substitute_for=m.person,
                )
                keep.add(m.substitute.pk)
        meeting.attendances.exclude(person_id__in=keep).delete()
        if chair is not None:
            meeting.attendances.filter(person=chair).update(is_chair=True)
        # The update()s above send no signals: mark the meeting changed for mirrors.
        touch(Meeting.objects.filter(pk=meeting.pk))
        summary = register_summary(meeting)
        LogEntry.objects.log_actions(
            user.pk, [meeting], CHANGE, change_message=f"Took the register: {summary}."
        )
    return summary


def _write(meeting, existing, person, *, order, status, substitute_for):
    row = existing.get(person.pk) or Attendance(meeting=meeting, person=person)
    row.status, row.substitute_for, row.order = status, substitute_for, order
    row.save()


def register_summary(meeting):
    """ "9 present, 2 apologies, 1 substitute": the counts an officer reads back."""
    rows = list(meeting.attendances.all())
    counts = []
    for status, label in Attendance.Status.choices:
        n = sum(1 for row in rows if row.status == status and not row.substitute_for_id)
        if n:
            counts.append(f"{n} {label.lower()}")
    substitutes = sum(1 for row in rows if row.substitute_for_id)
    if substitutes:
        counts.append(f"{substitutes} substitute{'s' if substitutes != 1 else ''}")
    return get_text_list(counts, "and") if counts else "nobody recorded"
