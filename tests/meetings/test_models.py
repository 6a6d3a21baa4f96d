"""The record's invariants: what the database refuses, and the message a user is shown."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    MinutesEvent,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PersonAliasFactory,
    PersonFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

OCT_9 = datetime.date(2023, 10, 9)


@pytest.fixture
def meeting(panel):
    return MeetingFactory(body=panel, date=OCT_9, status="held")


@pytest.fixture
def sood():
    return PersonFactory(honorific="Councillor", given_name="Manjula", family_name="Sood")


@pytest.fixture
def allnatt():
    return PersonFactory(honorific="Councillor", given_name="Joe", family_name="Allnatt")


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(meeting=meeting, order=1, number="24", title="CGB report")


def messages_of(obj):
    """The messages full_clean() shows for ``obj``, by field ("__all__" for the whole row)."""
    with pytest.raises(ValidationError) as raised:
        obj.full_clean()
    return raised.value.message_dict


def refused_by_database(obj):
    """Whether saving ``obj`` without validation breaks a database constraint."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        return True
    return False


# Memberships


def test_membership_cannot_end_before_it_starts(panel, sood):
    membership = Membership(
        person=sood,
        body=panel,
        start_date=datetime.date(2023, 5, 18),
        end_date=datetime.date(2023, 5, 1),
    )

    assert messages_of(membership) == {"__all__": ["A membership cannot end before it starts."]}
    assert refused_by_database(membership)


def test_two_chairs_of_one_body_at_once_are_refused(panel, sood, allnatt):
    MembershipFactory(person=sood, body=panel, role="chair", start_date=datetime.date(2022, 5, 19))
    second = Membership(
        person=allnatt, body=panel, role="chair", start_date=datetime.date(2023, 5, 18)
    )

    assert messages_of(second)["__all__"] == [
        "Manjula Sood is already Chair of this body for part of that period: end that "
        "membership first."
    ]


def test_a_chair_may_follow_one_whose_term_has_ended(panel, sood, allnatt):
    MembershipFactory(
        person=sood,
        body=panel,
        role="chair",
        start_date=datetime.date(2022, 5, 19),
        end_date=datetime.date(2023, 5, 17),
    )
    successor = Membership(
        person=allnatt, body=panel, role="chair", start_date=datetime.date(2023, 5, 18)
    )

    successor.full_clean()


# Meetings


def test_meeting_cannot_close_before_it_opens(panel):
    meeting = Meeting(
        body=panel, date=OCT_9, start_time=datetime.time(13), end_time=datetime.time(12, 30)
    )

    assert messages_of(meeting) == {
        "__all__": ["The meeting cannot close before it opens: check the start and end times."]
    }
    assert refused_by_database(meeting)


def test_no_declarations_cannot_be_ticked_over_recorded_declarations(meeting, sood):
    AttendanceFactory(meeting=meeting, person=sood, status="present")
    DeclarationFactory(
        meeting=meeting, person=sood, interest_type="personal", reason="a relative in the force"
    )
    meeting.no_declarations = True

    assert messages_of(meeting) == {
        "no_declarations": [
            "Declarations are recorded for this meeting: remove them or untick "
            "\u201cno declarations\u201d."
        ]
    }


# Agenda items


def test_two_items_cannot_share_a_printed_number(item):
    twin = AgendaItem(meeting=item.meeting, order=2, number="24", title="Work programme")

    assert messages_of(twin) == {
        "__all__": [
            "Two items of this meeting have the same printed number: each number may appear once."
        ]
    }
    assert refused_by_database(twin)


def test_items_without_a_printed_number_may_be_several(meeting):
    AgendaItemFactory(meeting=meeting, order=1, title="Apologies")
    second = AgendaItem(meeting=meeting, order=2, title="Declarations of interest")

    second.full_clean()


def test_the_same_number_may_be_used_at_another_meeting(item, panel):
    later = MeetingFactory(body=panel, date=datetime.date(2023, 12, 5))
    same_number = AgendaItem(meeting=later, order=1, number="24", title="Minutes")

    same_number.full_clean()


def test_two_items_cannot_share_a_position(item):
    twin = AgendaItem(meeting=item.meeting, order=1, number="25", title="Work programme")

    assert messages_of(twin) == {"__all__": ["Two items of this meeting share the same position."]}
    assert refused_by_database(twin)


def test_an_exempt_item_must_name_its_paragraphs(meeting):
    exempt = AgendaItem(meeting=meeting, order=1, title="Staffing", confidentiality="exempt")

    assert messages_of(exempt) == {
        "__all__": [
            "An exempt item must name the paragraphs of Schedule 12A it relies on, and only "
            "an exempt item may."
        ]
    }
    assert refused_by_database(exempt)


def test_only_an_exempt_item_may_name_paragraphs(meeting):
    public = AgendaItem(meeting=meeting, order=1, title="Budget", exempt_paragraphs="3")

    assert refused_by_database(public)


def test_schedule_12a_has_seven_paragraphs(meeting):
    exempt = AgendaItem(
        meeting=meeting,
        order=1,
        title="Staffing",
        confidentiality="exempt",
        exempt_paragraphs="1,8",
    )

    assert messages_of(exempt) == {
        "exempt_paragraphs": ["Schedule 12A has paragraphs 1 to 7 only."]
    }


# Attendance


def test_a_person_cannot_be_present_and_send_apologies(meeting, sood):
    AttendanceFactory(meeting=meeting, person=sood, status="present")
    apologies = Attendance(meeting=meeting, person=sood, status="apologies")

    assert messages_of(apologies) == {
        "__all__": [
            "This person is already recorded at this meeting: a person cannot be both "
            "present and send apologies."
        ]
    }
    assert refused_by_database(apologies)


def test_only_a_member_present_can_be_in_the_chair(meeting, sood):
    chair = Attendance(meeting=meeting, person=sood, status="apologies", is_chair=True)

    assert messages_of(chair) == {"__all__": ["Only a member who is present can be in the Chair."]}
    assert refused_by_database(chair)


def test_a_meeting_has_one_chair(meeting, sood, allnatt):
    AttendanceFactory(meeting=meeting, person=sood, status="present", is_chair=True)
    second = Attendance(meeting=meeting, person=allnatt, status="present", is_chair=True)

    assert messages_of(second) == {"__all__": ["A meeting has one chair."]}
    assert refused_by_database(second)


# Declarations


def test_a_declaration_needs_the_declarer_present(meeting, sood):
    declaration = Declaration(
        meeting=meeting, person=sood, interest_type="personal", reason="a relative"
    )

    assert messages_of(declaration) == {
        "person": [
            "Manjula Sood is not recorded as present at this meeting: record their "
            "attendance before their declaration."
        ]
    }


def test_a_declaration_by_someone_who_sent_apologies_is_refused(meeting, sood):
    AttendanceFactory(meeting=meeting, person=sood, status="apologies")
    declaration = Declaration(
        meeting=meeting, person=sood, interest_type="personal", reason="a relative"
    )

    assert "person" in messages_of(declaration)


def test_someone_in_attendance_may_declare(meeting, sood):
    AttendanceFactory(meeting=meeting, person=sood, status="in_attendance")
    declaration = Declaration(
        meeting=meeting, person=sood, interest_type="personal", reason="a relative"
    )

    declaration.full_clean()


# Resolutions


def test_two_resolutions_of_an_item_cannot_share_a_number(item):
    ResolutionFactory(item=item, number=1, text="That the report be noted.")
    twin = Resolution(item=item, number=1, text="That updates be brought to the Panel.")

    assert messages_of(twin) == {
        "__all__": ["This item already has a resolution with that number."]
    }
    assert refused_by_database(twin)


def test_the_mover_cannot_second_the_motion(item, sood):
    AttendanceFactory(meeting=item.meeting, person=sood, status="present")
    motion = Resolution(item=item, text="That the precept be vetoed.", mover=sood, seconder=sood)

    assert messages_of(motion) == {"__all__": ["The mover cannot also second the motion."]}
    assert refused_by_database(motion)


def test_the_mover_must_be_a_member_present(item, sood):
    motion = Resolution(item=item, text="That the precept be vetoed.", mover=sood)

    assert messages_of(motion) == {
        "mover": [
            "Manjula Sood is not recorded as a member present at this meeting, so cannot be "
            "the mover. Record their attendance first."
        ]
    }


def test_the_seconder_must_be_a_member_present(item, sood, allnatt):
    AttendanceFactory(meeting=item.meeting, person=sood, status="present")
    AttendanceFactory(meeting=item.meeting, person=allnatt, status="in_attendance")
    motion = Resolution(item=item, text="That the precept be vetoed.", mover=sood, seconder=allnatt)

    assert messages_of(motion) == {
        "seconder": [
            "Joe Allnatt is not recorded as a member present at this meeting, so cannot be "
            "the seconder. Record their attendance first."
        ]
    }


def test_members_present_may_move_and_second(item, sood, allnatt):
    AttendanceFactory(meeting=item.meeting, person=sood, status="present")
    AttendanceFactory(meeting=item.meeting, person=allnatt, status="present")
    motion = Resolution(item=item, text="That the precept be vetoed.", mover=sood, seconder=allnatt)

    motion.full_clean()


# Work programme


def test_a_work_programme_entry_cannot_target_another_bodys_meeting(meeting):
    board = BodyFactory(name="Corporate Governance Board", slug="cgb", kind="board")
    entry = WorkProgrammeEntry(body=board, meeting=meeting, title="Stalking support")

    assert messages_of(entry) == {"meeting": ["That meeting belongs to another body."]}


def test_an_entry_with_a_meeting_is_not_to_be_scheduled(meeting, panel):
    entry = WorkProgrammeEntry(
        body=panel, meeting=meeting, title="Stalking support", status="to_be_scheduled"
    )

    assert messages_of(entry) == {
        "status": ["An entry with a target meeting is not \u201cto be scheduled\u201d."]
    }


# Minutes and their history


def test_confirmed_minutes_name_the_confirming_resolution(meeting):
    minutes = Minutes(meeting=meeting, status="confirmed")

    assert messages_of(minutes) == {
        "__all__": ["Confirmed minutes must name the resolution that confirmed them."]
    }
    assert refused_by_database(minutes)


def test_minutes_history_rows_cannot_be_changed(meeting):
    minutes = MinutesFactory(meeting=meeting)
    event = MinutesEvent.objects.create(minutes=minutes, to_status="draft")
    event.note = "rewritten"

    with pytest.raises(ValidationError, match="append-only: rows cannot be changed"):
        event.save()
    assert MinutesEvent.objects.get().note == ""


def test_minutes_history_rows_cannot_be_deleted(meeting):
    minutes = MinutesFactory(meeting=meeting)
    event = MinutesEvent.objects.create(minutes=minutes, to_status="draft")

    with pytest.raises(ValidationError, match="append-only: rows cannot be deleted"):
        event.delete()
    assert MinutesEvent.objects.count() == 1


# People


def test_a_person_has_each_spelling_once(sood):
    PersonAliasFactory(person=sood, name="Cllr. M. Sood")
    same_spelling = PersonAlias(person=sood, name="cllr m sood")

    assert refused_by_database(same_spelling)


def test_people_are_found_by_any_spelling(allnatt, sood):
    PersonAliasFactory(person=allnatt, name="Cllr. J. Alnatt")

    assert list(Person.objects.search("ALNATT")) == [allnatt]
