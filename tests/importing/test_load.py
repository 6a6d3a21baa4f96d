"""Importing as a whole: all or nothing, idempotent, refusing what is not minutes."""

import datetime

import pytest

from meetings.importing.load import import_text
from meetings.importing.near_misses import ALL
from meetings.importing.report import ImportRefused
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    Person,
    PersonAlias,
    Resolution,
)
from tests.importing import make_people_2017, seed_text

pytestmark = pytest.mark.django_db

COUNTY = """Minutes of a meeting of the Leicester, Leicestershire and Rutland Police and Crime Panel held at County Hall, Glenfield on Friday, 3 February 2017.

PRESENT

Mr. J. T. Orson JP CC (in the Chair)

Cllr. John Boyce\tCllr. Melise Graham

Apologies

Cllr. Ratilal Govind

12. Declarations of interest.

Cllr. Lynn Senior declared a personal interest in respect of item 13 as a school governor.

13. Police and Crime Plan.

It was moved by Cllr. Lynn Senior and seconded by Cllr. John Boyce that:-

- a) The plan be supported.

The motion was carried.

1.00 - 2.00 pm
"""

CITY = """Minutes of the Meeting of the LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

Held: WEDNESDAY, 13 DECEMBER 2023 at {start}

PRESENT:

Councillor Taylor (Chair)
Councillor Wise
Councillor Wise

* * * * * * * *

1. APOLOGIES FOR ABSENCE

There were none.

2. WORK PROGRAMME

RESOLVED:

That the work programme be noted.

There being no other business the meeting closed at 1.30pm.
"""


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Meeting, AgendaItem, Attendance, Declaration, Resolution, Minutes, Person, PersonAlias,
        )
    }  # fmt: skip


@pytest.fixture
def people(panel):
    return make_people_2017(panel)


def test_importing_the_same_document_again_changes_nothing_and_says_so(people):
    import_text(seed_text("002"), source="002.txt")
    before = row_counts()
    again = import_text(seed_text("002"), source="002.txt")
    assert row_counts() == before
    assert again.headline == "Nothing changed: everything in 002.txt is already recorded."


def test_people_created_on_the_first_import_are_found_on_the_second(panel):
    import_text(seed_text("002"), source="002.txt", create_people=True)
    before = row_counts()
    again = import_text(seed_text("002"), source="002.txt")
    assert (again.nothing_changed, row_counts()) == (True, before)


def test_text_that_is_not_minutes_is_refused_and_nothing_written(people):
    before = row_counts()
    with pytest.raises(ImportRefused, match="does not look like minutes or an agenda pack"):
        import_text(seed_text("004"), source="004.txt")
    assert row_counts() == before


def test_names_matching_nobody_are_refused_unless_creation_is_confirmed(panel):
    with pytest.raises(ImportRefused) as refused:
        import_text(seed_text("002"), source="002.txt")
    assert "19 name(s) match nobody recorded" in str(refused.value)
    assert "\u201cCllr. Tony Mathias\u201d (line 61)" in str(refused.value)
    assert Meeting.objects.count() == Person.objects.count() == 0


def test_confirmed_creation_makes_one_person_per_name(panel):
    import_text(seed_text("002"), source="002.txt", create_people=True)
    sood = Person.objects.get(family_name="Sood")
    assert (sood.honorific, sood.given_name, sood.post_nominals) == ("Cllr.", "Manjula", "MBE")
    assert Person.objects.filter(family_name="Sood").count() == 1


def test_dry_run_reports_what_would_be_created_and_writes_nothing(people):
    before = row_counts()
    result = import_text(seed_text("002"), source="002.txt", dry_run=True)
    assert row_counts() == before
    assert result.headline == "Would import 002.txt."
    assert (
        "The minutes of the Panel meeting of 3 February 2017 (precept meeting): 10 items, "
        "19 attendance records, 2 declarations, 4 resolutions."
    ) in result.created


def test_an_error_mid_document_rolls_back_everything(people):
    before = row_counts()
    text = COUNTY + "\n" + CITY.format(start="2:00 pm")
    with pytest.raises(ImportRefused) as refused:
        import_text(text, source="two.txt", create_people=True)
    assert refused.value.line == 27
    assert "The meeting cannot close before it opens" in str(refused.value)
    assert row_counts() == before


def test_the_first_minutes_alone_import(people):
    import_text(COUNTY, source="county.txt", create_people=True)
    assert Meeting.objects.get().items.count() == 2


def test_a_duplicated_line_is_one_attendance(panel):
    result = import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True)
    meeting = Meeting.objects.get()
    assert meeting.attendances.filter(person__family_name="Wise").count() == 1
    assert [a.line for a in result.report.of_kind("duplicate")] == [9]


def test_near_miss_given_name_is_matched_and_reported_once_confirmed(people):
    result = import_text(COUNTY, source="county.txt", create_people=True, confirm_names=ALL)
    assert Meeting.objects.get().attendances.filter(person=people["Graham"]).exists()
    assert (
        7,
        "\u201cCllr. Melise Graham\u201d was matched as a near miss (83% alike) to "
        "Cllr. Malise Graham, the person recorded.",
    ) in [(a.line, a.message) for a in result.report.of_kind("name")]


def test_an_unconfirmed_near_miss_is_someone_new_and_saves_no_spelling(people):
    result = import_text(COUNTY, source="county.txt", create_people=True)
    meeting = Meeting.objects.get()
    assert not meeting.attendances.filter(person=people["Graham"]).exists()
    assert meeting.attendances.filter(person__given_name="Melise").count() == 1
    assert not people["Graham"].aliases.exists()
    assert [(m.printed, m.looks_like, m.confirmed) for m in result.near_misses] == [
        ("Cllr. Melise Graham", "Cllr. Malise Graham, the person recorded", False)
    ]
    assert [a.line for a in result.report.of_kind("near_miss")] == [7]


def test_a_near_miss_printed_twice_is_asked_about_once_and_is_one_new_person(people):
    text = COUNTY.replace("seconded by Cllr. John Boyce", "seconded by Cllr. Melise Graham")
    result = import_text(text, source="county.txt", create_people=True)
    assert [m.line for m in result.near_misses] == [7]
    assert [a.line for a in result.report.of_kind("near_miss")] == [7]
    assert Resolution.objects.get().seconder.given_name == "Melise"
    assert Person.objects.filter(given_name="Melise").count() == 1


def test_an_unconfirmed_near_miss_without_creating_people_is_refused(people):
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_text(COUNTY, source="county.txt")
    assert (
        "\u201cCllr. Melise Graham\u201d (line 7, which looks like Cllr. Malise Graham, the "
        "person recorded)"
    ) in str(refused.value)
    assert "--confirm-names" in str(refused.value)
    assert row_counts() == before


def test_confirming_a_name_the_document_does_not_have_is_refused(people):
    with pytest.raises(ImportRefused, match="preview the import again"):
        import_text(COUNTY, source="county.txt", confirm_names=["somebody ~ person 1"])


def test_a_declarer_not_listed_present_is_recorded_present_and_flagged(people):
    result = import_text(COUNTY, source="county.txt", create_people=True, confirm_names=ALL)
    declaration = Declaration.objects.get()
    assert declaration.person == people["Senior"]
    attendance = Meeting.objects.get().attendances.get(person=people["Senior"])
    assert (attendance.status, attendance.role) == (
        "present",
        "Not in the minutes' list of those present",
    )
    assert [(a.line, a.message) for a in result.report.of_kind("declared_absent")] == [
        (
            15,
            "\u201cCllr. Lynn Senior\u201d declared an interest at minute 12 but is not in the "
            "PRESENT list: recorded as present (role \u201cNot in the minutes' list of those "
            "present\u201d); check the minutes.",
        )
    ]


def test_mover_not_present_is_reported_and_left_blank(people):
    text = COUNTY.replace("moved by Cllr. Lynn Senior", "moved by Cllr. Trevor Pendleton")
    result = import_text(text, source="county.txt", create_people=True, confirm_names=ALL)
    motion = Resolution.objects.get()
    assert (motion.mover, motion.seconder) == (None, people["Boyce"])
    assert [a.line for a in result.report.of_kind("not_present") if "moved" in a.message] == [19]


def test_a_weekday_that_does_not_fit_the_date_is_reported(panel):
    text = CITY.format(start="1:00 pm").replace("WEDNESDAY", "TUESDAY")
    result = import_text(text, source="city.txt", create_people=True)
    assert [(a.line, a.message) for a in result.report.of_kind("date")] == [
        (3, "the minutes give the day as Tuesday, but 13 December 2023 was a Wednesday.")
    ]


def test_unknown_body_is_refused_with_the_line_and_how_to_fix_it():
    with pytest.raises(ImportRefused) as refused:
        import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True)
    assert refused.value.line == 1
    assert "--body SLUG" in str(refused.value)


def test_a_chosen_body_overrides_the_heading(panel):
    from meetings.models import Body

    other = Body.objects.create(name="Ethics, Integrity and Complaints Committee", slug="eicc")
    import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True, body=other)
    assert Meeting.objects.get().body == other


def test_minutes_differing_from_those_recorded_are_refused(people):
    import_text(seed_text("002"), source="002.txt")
    changed = seed_text("002").replace(
        "That the report and comments of the Panel, as outlined above, be noted.",
        "That the report be noted.",
    )
    before = row_counts()
    with pytest.raises(ImportRefused, match="already recorded, and differ from this document"):
        import_text(changed, source="002-edited.txt")
    assert row_counts() == before


def test_minutes_fill_a_meeting_scheduled_without_items(panel):
    scheduled = Meeting.objects.create(
        body=panel, date=datetime.date(2023, 12, 13), status=Meeting.Status.SCHEDULED
    )
    import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True)
    scheduled.refresh_from_db()
    assert (Meeting.objects.count(), scheduled.status, scheduled.items.count()) == (1, "held", 2)


def test_imported_minutes_are_started_and_published_by_the_importing_user(panel, django_user_model):
    officer = django_user_model.objects.create_user("officer")
    import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True, user=officer)
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert [(e.from_status, e.to_status, e.actor, e.note) for e in minutes.history.all()] == [
        ("", "draft", officer, "Imported from city.txt (lines 1-23)."),
        (
            "draft",
            "published",
            officer,
            "Published on import: the papers printed them in city.txt (lines 1-23).",
        ),
    ]


def test_minutes_replace_an_agenda_imported_earlier_for_the_same_meeting(panel):
    agenda_pack = """MEETING OF THE LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

DATE: WEDNESDAY, 13 DECEMBER 2023

TIME: 1:00 pm

AGENDA

1. APOLOGIES FOR ABSENCE

2. WORK PROGRAMME
"""
    import_text(agenda_pack, source="agenda.txt")
    result = import_text(CITY.format(start="1:00 pm"), source="city.txt", create_people=True)
    meeting = Meeting.objects.get()
    assert [(i.number, i.minutes_text != "") for i in meeting.items.all()] == [
        ("1", True),
        ("2", True),
    ]
    assert [a.line for a in result.report.of_kind("note")] == [1]


def test_independent_members_sub_heading_is_not_taken_for_a_person(panel):
    text = CITY.format(start="1:00 pm").replace(
        "Councillor Wise\nCouncillor Wise\n", "Independent Members\nMs Parisha Chavda\n"
    )
    result = import_text(text, source="city.txt", create_people=True)
    assert sorted(Person.objects.values_list("family_name", flat=True)) == ["Chavda", "Taylor"]
    assert [a.line for a in result.report.of_kind("note")] == [8]
