"""A declaration by someone the attendance lists leave out: imported, and the gap flagged.

The minutes record that the declaration was made, so it is part of the record. A declaration
needs its declarer present (the Declaration model's rule), so the importer records them as
present with a role saying why, and reports the attendance anomaly for a person to check.
The texts are made up here: one in the ModernGov style, one in the Panel's (city) style.
"""

import pytest

from meetings.importing.load import import_text
from meetings.importing.report import ImportRefused
from meetings.models import Attendance, Body, Declaration, Meeting, Person
from tests.importing import make_people_2023
from tests.importing.test_moderngov_reader import SLASHED

pytestmark = pytest.mark.django_db

ROLE = "Not in the minutes' list of those present"
MODERNGOV = SLASHED.replace(
    "Mrs B Jones and Ms C Brown declared an interest",
    "Mrs B Jones and Mr K Orange declared an interest",
)
CITY = """Minutes of the Meeting of the LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

Held: WEDNESDAY, 13 DECEMBER 2023 at 1:00 pm

PRESENT:

Councillor Taylor (Chair)
Councillor Wise

* * * * * * * *

1. APOLOGIES FOR ABSENCE

Apologies were received from Councillor Wyatt.

2. DECLARATIONS OF INTEREST

Councillor Clarke declared a personal interest in item 3 as a trustee of a charity funded by the Commissioner.

3. POLICE AND CRIME PLAN

RESOLVED:

That the plan be noted.

There being no other business the meeting closed at 1.30pm.
"""


@pytest.fixture
def licensing(db):
    return Body.objects.create(name="Licensing Committee", slug="licensing", kind="committee")


def test_moderngov_a_declarer_left_out_of_present_is_recorded_present_with_the_declaration(
    licensing,
):
    import_text(MODERNGOV, source="licensing.txt", create_people=True)
    orange = Person.objects.get(family_name="Orange")
    meeting = Meeting.objects.get()
    attendance = meeting.attendances.get(person=orange)
    assert (attendance.status, attendance.role, attendance.is_chair) == ("present", ROLE, False)
    assert sorted(d.person.family_name for d in Declaration.objects.filter(meeting=meeting)) == [
        "Jones",
        "Orange",
    ]


def test_moderngov_the_anomaly_names_the_declarer_and_the_minute(licensing):
    result = import_text(MODERNGOV, source="licensing.txt", create_people=True)
    assert [(a.line, a.message) for a in result.report.of_kind("declared_absent")] == [
        (
            23,
            "\u201cMr K Orange\u201d declared an interest at minute 19/25 but is not in the "
            f"PRESENT list: recorded as present (role \u201c{ROLE}\u201d); check the minutes.",
        )
    ]


def test_moderngov_the_summary_counts_the_declarer_apart_from_the_present_list(licensing):
    result = import_text(MODERNGOV, source="licensing.txt", create_people=True)
    (summary,) = result.summary
    assert "PRESENT names seen 4, imported 4;" in summary
    assert "declarations seen 2, imported 2;" in summary
    assert summary.endswith("declarers not in PRESENT (recorded present) seen 1, imported 1.")
    assert result.warnings == [
        "The minutes of the Licensing Committee meeting of 4 March 2025: 1 member(s) declared "
        "an interest but are not in the PRESENT list: recorded as present. Check the "
        "attendance against the minutes."
    ]


def test_moderngov_importing_again_changes_nothing(licensing):
    import_text(MODERNGOV, source="licensing.txt", create_people=True)
    again = import_text(MODERNGOV, source="licensing.txt")
    assert again.nothing_changed
    assert Attendance.objects.filter(role=ROLE).count() == 1


def test_city_style_a_recorded_member_who_declared_is_recorded_present(panel):
    people = make_people_2023(panel)
    result = import_text(CITY, source="city.txt")
    meeting = Meeting.objects.get()
    clarke = meeting.attendances.get(person=people["Clarke"])
    assert (clarke.status, clarke.role) == ("present", ROLE)
    declaration = Declaration.objects.get()
    assert (declaration.person, [i.number for i in declaration.items.all()]) == (
        people["Clarke"],
        ["3"],
    )
    assert [(a.line, a.message) for a in result.report.of_kind("declared_absent")] == [
        (
            18,
            "\u201cCouncillor Clarke\u201d declared an interest at minute 2 but is not in the "
            f"PRESENT list: recorded as present (role \u201c{ROLE}\u201d); check the minutes.",
        )
    ]


def test_city_style_a_declarer_who_sent_apologies_is_reported_and_not_imported(panel):
    people = make_people_2023(panel)
    text = CITY.replace("Councillor Clarke declared", "Councillor Wyatt declared")
    result = import_text(text, source="city.txt")
    assert Declaration.objects.count() == 0
    assert Meeting.objects.get().attendances.get(person=people["Wyatt"]).status == "apologies"
    (anomaly,) = [a for a in result.report.of_kind("not_present") if "declared" in a.message]
    assert anomaly.message.startswith(
        "\u201cCouncillor Wyatt\u201d declared an interest at minute 2 but is listed as "
        "apologies (line 14): the declaration was not imported."
    )


def test_city_style_an_unknown_declarer_needs_people_created_like_any_other_name(panel):
    make_people_2023(panel)
    text = CITY.replace("Councillor Clarke declared", "Councillor Nobody declared")
    with pytest.raises(ImportRefused, match="Councillor Nobody"):
        import_text(text, source="city.txt")
    assert Meeting.objects.count() == 0
