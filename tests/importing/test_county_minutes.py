"""Seed 002: the county council's minutes of 3 February 2017, and the agenda of its pack.

Expectations are written from the seed text by hand.
"""

import datetime

import pytest

from meetings.importing.load import import_text
from meetings.models import Attendance, Meeting, Membership, Resolution
from tests.importing import make_people_2017, seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(panel):
    return make_people_2017(panel)


@pytest.fixture
def imported(panel, people):
    return import_text(seed_text("002"), source="002.txt")


@pytest.fixture
def meeting(imported, panel):
    return Meeting.objects.get(body=panel, date=datetime.date(2017, 2, 3))


def test_meeting_has_the_date_venue_times_and_kind_the_minutes_give(meeting):
    assert (meeting.venue, meeting.start_time, meeting.end_time) == (
        "County Hall, Glenfield",
        datetime.time(13, 0),
        datetime.time(16, 15),
    )
    assert (meeting.kind, meeting.status) == (Meeting.Kind.PRECEPT, Meeting.Status.HELD)


def test_the_ten_minute_items_keep_their_running_numbers(meeting):
    assert [(item.number, item.title) for item in meeting.items.all()] == [
        ("46", "Statement from the OPCC"),
        ("47", "Minutes of Confirmatory Hearing held on 23 September 2016"),
        ("48", "Minutes of the previous meeting"),
        ("49", "Public Question Time"),
        ("50", "Urgent Items"),
        ("51", "Declarations of interest"),
        ("52", "Commissioning Framework 2017/18"),
        ("53", "Draft Police and Crime Plan 2017-2021"),
        ("54", "Proposed Precept 2017/18 and Medium Term Financial Strategy"),
        ("55", "Date of next meeting"),
    ]


def test_members_present_with_the_chair(meeting, people):
    present = meeting.attendances.filter(status=Attendance.Status.PRESENT)
    assert {a.person.family_name for a in present} == {
        "Orson", "Boyce", "Osman", "Breckon", "Page", "Carter", "Pendleton", "Graham",
        "Senior", "Martin", "Slater", "Mathias", "Sood", "O'Shea",
    }  # fmt: skip
    assert meeting.attendances.get(is_chair=True).person == people["Orson"]


def test_apologies_from_councillor_govind_only(meeting, people):
    apologies = meeting.attendances.filter(status=Attendance.Status.APOLOGIES)
    assert [a.person for a in apologies] == [people["Govind"]]


def test_in_attendance_with_roles_and_the_chief_constable_for_two_minutes(meeting):
    attending = meeting.attendances.filter(status=Attendance.Status.IN_ATTENDANCE)
    assert [(a.person.family_name, a.role) for a in attending] == [
        ("Bach", "Police and Crime Commissioner"),
        ("Master", "Deputy Police and Crime Commissioner"),
        ("King", "Chief Finance Officer"),
        ("Cole", "Chief Constable"),
    ]
    cole = attending.get(person__family_name="Cole")
    assert sorted(item.number for item in cole.items.all()) == ["53", "54"]


def test_two_personal_declarations_for_all_substantive_items(meeting, people):
    declarations = list(meeting.declarations.order_by("id"))
    assert [(d.person, d.interest_type, d.all_items) for d in declarations] == [
        (people["Martin"], "personal", True),
        (people["Sood"], "personal", True),
    ]
    assert declarations[0].reason == (
        'as the Trustee of "Warning Zone" which was in receipt of some funding from the Police '
        "and Crime Commissioner"
    )
    assert declarations[1].reason.startswith(
        "as a member of the Police's Independent Advisory Panel"
    )


def test_resolutions_of_items_52_53_and_55(meeting):
    texts = {
        r.item.number: r.text
        for r in Resolution.objects.filter(item__meeting=meeting, is_motion=False)
    }
    assert texts == {
        "52": "That the report and comments of the Panel, as outlined above, be noted.",
        "53": "That the Panel accepts and supports in full the Police and Crime Plan subject to "
        "the comments now made and amendments proposed.",
        "55": "It was noted that the next meeting of the Panel would be held on 29 March 2017 at "
        "1:00pm.",
    }


def test_precept_motion_moved_by_the_chairman_carried_unanimously(meeting, people):
    motion = Resolution.objects.get(item__meeting=meeting, is_motion=True)
    assert (motion.item.number, motion.mover, motion.outcome) == (
        "54",
        people["Orson"],
        Resolution.Outcome.CARRIED_UNANIMOUSLY,
    )


def test_precept_motion_keeps_its_five_parts(meeting):
    motion = Resolution.objects.get(item__meeting=meeting, is_motion=True)
    parts = motion.text.split("\n")
    assert [part[:3] for part in parts] == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    assert parts[1] == (
        "(b) The proposal to increase the 2017/18 Precept by 1.99% (£3.65 per annum) for police "
        "purposes to £187.2302 for a Band D property be supported."
    )


def test_vice_chairman_seconder_is_left_blank_and_reported_when_not_recorded(imported, meeting):
    motion = Resolution.objects.get(item__meeting=meeting, is_motion=True)
    assert motion.seconder is None
    unresolved = imported.report.of_kind("unresolved")
    assert [(a.line, "the Vice-Chairman" in a.message) for a in unresolved] == [(181, True)]


def test_vice_chairman_seconder_is_the_recorded_vice_chair(panel, people):
    # The minutes do not name the Vice-Chairman; this test records one to show that the
    # importer takes whoever the database holds as Vice-Chair on the day.
    Membership.objects.create(
        person=people["Breckon"],
        body=panel,
        role=Membership.Role.VICE_CHAIR,
        start_date=datetime.date(2016, 6, 1),
    )
    import_text(seed_text("002"), source="002.txt")
    motion = Resolution.objects.get(is_motion=True)
    assert (motion.mover, motion.seconder) == (people["Orson"], people["Breckon"])


def test_initialled_declarant_is_reported_with_the_person_matched(imported):
    names = imported.report.of_kind("name")
    assert [(a.line, a.message) for a in names] == [
        (
            107,
            "\u201cCllr. M. Sood\u201d was matched by initials to Cllr. Manjula Sood, MBE, "
            "the person recorded.",
        ),
    ]


def test_initialled_spelling_becomes_another_spelling_of_the_person(imported, people):
    assert list(people["Sood"].aliases.values_list("name", flat=True)) == ["Cllr. M. Sood"]


def test_agenda_of_the_pack_gives_the_next_meeting_and_its_ten_items(imported, panel):
    agenda = Meeting.objects.get(body=panel, date=datetime.date(2017, 3, 29))
    assert (agenda.start_time, agenda.venue) == (
        datetime.time(13, 0),
        "Meeting Room G.01, Ground Floor, City Hall, 115 Charles Street, Leicester, LE1 1FZ",
    )
    assert [(i.number, i.page_range) for i in agenda.items.all()] == [
        ("1", "3-10"), ("2", ""), ("3", ""), ("4", ""), ("5", "11-86"), ("6", "87-98"),
        ("7", "99-102"), ("8", "103-112"), ("9", ""), ("10", ""),
    ]  # fmt: skip


def test_a_paper_dated_a_year_before_its_meeting_is_reported(imported):
    dates = imported.report.of_kind("date")
    assert [(a.line, "29 March 2016" in a.message) for a in dates] == [(2082, True)]
