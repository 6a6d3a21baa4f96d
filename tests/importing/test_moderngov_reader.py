"""ModernGov printed minutes in the layouts other councils use, beyond the Kent samples.

Each text is made up here in the ModernGov conventions (numbering "18/20" or a number alone
on its line, "UNANIMOUSLY RESOLVED", "Decision:", "AGREED", substitutes, two declarers in one
sentence), so that each convention is checked on its own.
"""

import pytest

from meetings.importing.document import parse_document
from meetings.importing.load import import_text
from meetings.models import Attendance, Body, Declaration, Meeting, Resolution

pytestmark = pytest.mark.django_db

SLASHED = """TEST BOROUGH COUNCIL

LICENSING COMMITTEE

MINUTES of a meeting of the Licensing Committee held in the Council Chamber, Town Hall
on Tuesday, 4 March 2025.

PRESENT: Mr A Smith (Chairman), Mrs B Jones (Vice-Chairman), Ms C Brown and Mr D Green
(substitute for Mr E White)

ALSO PRESENT: Mr F Black

IN ATTENDANCE: Ms G Grey (Licensing Manager)

18/25 Apologies
(Item 1)

Apologies were received from Mr E White and Mrs H Pink.

19/25 Declarations of Interest
(Item 2)

Mrs B Jones and Ms C Brown declared an interest in Item 4 as trustees of the Hall.

20/25 Minutes of the meeting held on 4 February 2025
(Item 3)

UNANIMOUSLY RESOLVED that the minutes of the meeting held on 4 February 2025 be approved as a
correct record.

21/25 Licensing Policy Review
(Item 4)

1. The Licensing Manager introduced the report, which reviewed the policy.

2. Decision: the revised policy be adopted.

3. The Chairman thanked officers for their work.

22/25 Fees and Charges
(Item 5)

AGREED that the fees be frozen for 2025-26.
"""

ALONE = """CITY COUNCIL

PLANNING COMMITTEE

MINUTES of a meeting of the Planning Committee held at the Guildhall on Monday, 3 March 2025.

PRESENT: Mr A Smith (Chairman), Mr J Meade, Ms J Meade and Mr P Cole

12.
Apologies
(Item 1)

There were no apologies.

13.
Land at North Road
(Item 2)

1. The officer presented the application.

2. Ms Meade proposed, and Mr Cole seconded, that the application be refused.

The motion was carried.

3. RESOLVED that the application be refused.
"""


@pytest.fixture
def bodies(db):
    for name in ("Licensing Committee", "Planning Committee"):
        Body.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind="committee")


def test_slashed_minute_numbers_and_decision_variants_are_read(bodies):
    minutes = parse_document(SLASHED, source="s.txt").minutes[0]
    assert [item.number for item in minutes.items] == ["18/25", "19/25", "20/25", "21/25", "22/25"]
    decisions = [(r.text, item.number) for item in minutes.items for r in item.resolutions]
    assert decisions == [
        (
            "the minutes of the meeting held on 4 February 2025 be approved as a correct record.",
            "20/25",
        ),
        ("the revised policy be adopted.", "21/25"),
        ("the fees be frozen for 2025-26.", "22/25"),
    ]
    assert minutes.seen["resolved"] == 3


def test_a_resolution_does_not_swallow_the_paragraph_after_it(bodies):
    minutes = parse_document(SLASHED, source="s.txt").minutes[0]
    assert "thanked" not in minutes.item("21/25").resolutions[0].text


def test_a_substitute_and_two_declarers_in_one_sentence_are_imported(bodies):
    import_text(SLASHED, source="s.txt", create_people=True)
    meeting = Meeting.objects.get()
    green = meeting.attendances.get(person__family_name="Green")
    assert (green.status, green.substitute_for.family_name) == ("present", "White")
    assert meeting.attendances.get(person__family_name="White").status == "apologies"
    declarations = Declaration.objects.order_by("person__family_name")
    assert [d.person.family_name for d in declarations] == ["Brown", "Jones"]
    assert [list(d.items.values_list("number", flat=True)) for d in declarations] == [["21/25"]] * 2
    assert meeting.attendances.get(status="also_present").person.family_name == "Black"
    assert meeting.attendances.get(is_chair=True).person.family_name == "Smith"


def test_minute_numbers_alone_on_their_line_and_a_motion_are_read(bodies):
    import_text(ALONE, source="a.txt", create_people=True)
    meeting = Meeting.objects.get()
    assert list(meeting.items.values_list("number", "title")) == [
        ("12", "Apologies"),
        ("13", "Land at North Road"),
    ]
    motion = Resolution.objects.get(is_motion=True)
    assert (motion.mover.honorific, motion.seconder.family_name, motion.outcome) == (
        "Ms",
        "Cole",
        "carried",
    )
    assert Resolution.objects.filter(is_motion=False).count() == 1
    assert Attendance.objects.filter(status="present").count() == 4


UNEVEN = """PLANNING COMMITTEE - 3 March 2025

MINUTES of the meeting held at the Guildhall.

PRESENT: Mr A Smith (Chairman), Blaby DC, three residents and Mr B Jones

It was RESOLVED that Mr B Jones be Vice-Chairman for the meeting.

12. Land at North Road
(Item 2)

1. Mr Smith proposed, and Mr Jones seconded, that the application be refused.

2. The Chairman put the motion set out in paragraph 1 to the vote and the voting was as follows:

For (2)
Mr Smith

Against (0)

Motion carried.
"""


def test_the_report_leads_with_the_summary_and_what_matters_most(bodies):
    result = import_text(UNEVEN, source="u.txt", create_people=True)
    text = result.as_text()
    assert "RESOLVED seen 1, imported 0" in text.splitlines()[2]
    assert text.splitlines()[3].startswith("WARNING: The minutes of the Planning Committee")
    report = text[text.index("Anomaly report:") :].splitlines()[1:]
    kinds = [line.split("]")[0].strip(" [") for line in report]
    assert kinds[:4] == [
        "Fewer imported than the minutes hold",  # RESOLVED 1 of 1, present 2 of 3 names
        "Fewer imported than the minutes hold",
        "Not a name: not imported",
        "Printed count disagrees",
    ]
    assert kinds[-1] == "Person not found"
    assert list(Attendance.objects.values_list("person__family_name", "role")) == [
        ("Smith", "Blaby DC"),  # the organisation after a name is that member's
        ("Jones", ""),
    ]


WEB = """Agenda and minutes

Licensing Committee - Friday, 19th July, 2024 10.00 am

Venue: Council Chamber, Municipal Buildings. View directions

Present: Councillors Mr A Smith (Chairman), Mrs B Jones and Ms C Brown

Items
No. Item

1.

Apologies

Members are reminded that they may nominate substitutes.

Minutes:

Apologies were received from Cllr Sam Naylor (Cheshire West and Chester) and Cllr Rob Moreton (Cheshire East).

2.

Minutes of the previous meeting pdf icon PDF 114 KB

To confirm the minutes.

Minutes:

RESOLVED \u2013 That the minutes of the meeting held on 14 June 2024 be approved.

...  view the full minutes text for item 2.

3.

Licensing Policy

Minutes:

The Committee considered the report.

RESOLVED \u2013 That the policy be adopted.
"""


def test_a_moderngov_minutes_web_page_is_read(bodies):
    result = import_text(WEB, source="web.txt", create_people=True)
    meeting = Meeting.objects.get()
    assert (meeting.body.name, str(meeting.date), str(meeting.start_time)) == (
        "Licensing Committee",
        "2024-07-19",
        "10:00:00",
    )
    assert list(meeting.items.values_list("number", "title")) == [
        ("1", "Apologies"),
        ("2", "Minutes of the previous meeting"),
        ("3", "Licensing Policy"),
    ]
    assert Resolution.objects.count() == 2
    assert (
        list(meeting.attendances.values_list("status", flat=True))
        == ["present"] * 3 + ["apologies"] * 2
    )
    assert not result.warnings
