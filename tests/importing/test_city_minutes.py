"""Seed 001: the city council's minutes of 26 July 2023 (annual meeting) and 10 August 2023
(confirmation hearing, with a private session), and the agenda at the front of the pack.

Expectations are written from the seed text by hand.
"""

import datetime

import pytest

from meetings.importing.load import import_text
from meetings.importing.near_misses import ALL
from meetings.models import AgendaItem, Attendance, Meeting, Resolution
from tests.importing import make_cgb, make_people_2023, seed_text

pytestmark = pytest.mark.django_db

ITEMS_26_JULY = [
    ("1", "ELECTION OF CHAIR FOR 2023-24 MUNICIPAL YEAR"),
    ("2", "ELECTION OF VICE-CHAIR FOR 2023-24 MUNICIPAL YEAR"),
    ("3", "APOLOGIES FOR ABSENCE"),
    ("4", "DECLARATIONS OF INTEREST"),
    ("5", "MINUTES OF PREVIOUS MEETINGS"),
    ("6", "PANEL MEMBERSHIP 2023-24"),
    ("7", "PUBLIC QUESTIONS"),
    ("8", "LLR POLICE AND CRIME PANEL'S ANNUAL REPORT (2022-23)"),
    ("9", "PREVENT STRATEGY AND HATE CRIME STRATEGY UPDATE REPORT"),
    ("10", "S106 FUNDING POST REVIEW UPDATE"),
    ("11", "GENERAL UPDATE ON WORK OF THE OFFICE OF THE POLICE AND CRIME COMMISSIONER"),
    ("12", "DOMESTIC ABUSE PERPETRATOR PROGRAMME HOME OFFICE FUNDING"),
    ("13", "CORPORATE GOVERNANCE BOARD REPORT"),
    ("14", "WORK PROGRAMME"),
    ("15", "ANY OTHER URGENT BUSINESS"),
]
RESOLUTIONS_26_JULY = [
    ("1", None, "That Deborah Taylor be elected as Chair of the Leicester, Leicestershire and "
     "Rutland Police and Crime Panel for the municipal year 2023-24."),
    ("2", None, "That Sarah Russell be elected as Vice-Chair of the Leicester, Leicestershire and "
     "Rutland Police and Crime Panel for the municipal year 2023-24."),
    ("6", None, "That the contents of the report be noted."),
    ("8", None, "That the Leicester, Leicestershire, and Rutland Police and Crime Panel Annual "
     "Report be approved subject to amendments based on the comments made above."),
    ("9", 1, "That the contents of the report be noted."),
    ("9", 2, "That OPCC Officers consider how future reports could include more detail of "
     "actions from the OPCC related to the work in question."),
    ("10", 1, "That the contents of the report be noted"),
    ("10", 2, "That regular updates on S106 funding be brought to the Panel."),
    ("11", 1, "That the Panel notes the report."),
    ("11", 2, "That the Panel requests that Members comments be noted by OPCC staff."),
    ("11", 3, "That the Panel requests that the potential conflict of interest from the Chief "
     "Constable Chairing the LCJB be investigated."),
    ("11", 4, "That the Panel requests that future reporting provide details of the location and "
     "reason for PCC visits."),
    ("12", 1, "That the Panel notes the report."),
    ("12", 2, "That the Panel requests that the value for money evaluation be amended to include "
     "potential savings from wider factors."),
    ("12", 3, "That the Panel requests that details be provided as to how the OPCC had been "
     "working with Commissioners to look into a range of different domestic abuse services."),
    ("12", 4, "That the Panel requests that details of match funding be provided and be included "
     "in future reports."),
    ("13", None, "That the Panel notes the report."),
]  # fmt: skip
EXCLUSION = (
    "That the press and members of the public be excluded from the meeting during the Panel's "
    "deliberations on the grounds their presence would likely involve the disclosure of exempt "
    "information as defined in paragraphs 1 and 3 of Schedule 12A of Part 1 of the Local "
    "Government Act 1972."
)


@pytest.fixture
def people(panel):
    make_cgb()
    return make_people_2023(panel)


@pytest.fixture
def imported(panel, people):
    return import_text(seed_text("001"), source="001.txt", confirm_names=ALL)


@pytest.fixture
def july(imported, panel):
    return Meeting.objects.get(body=panel, date=datetime.date(2023, 7, 26))


@pytest.fixture
def august(imported, panel):
    return Meeting.objects.get(body=panel, date=datetime.date(2023, 8, 10))


def resolutions_of(meeting):
    return [
        (r.item.number, r.number, r.text)
        for r in Resolution.objects.filter(item__meeting=meeting).order_by("item__order", "number")
    ]


def test_26_july_has_every_item(july):
    assert [(i.number, i.title.upper()) for i in july.items.all()] == ITEMS_26_JULY


def test_26_july_has_every_resolution_with_its_number(july):
    recorded = resolutions_of(july)
    confirming = [r for r in recorded if r[0] == "5"]
    assert [r for r in recorded if r[0] != "5"] == RESOLUTIONS_26_JULY
    assert len(confirming) == 1
    assert confirming[0][2].startswith("That the minutes of the meetings held on:\n")
    assert confirming[0][2].endswith("were confirmed as a correct record.")


def test_26_july_is_the_annual_meeting_from_1pm_to_1_46pm(july):
    assert (july.kind, july.start_time, july.end_time) == (
        Meeting.Kind.ANNUAL,
        datetime.time(13, 0),
        datetime.time(13, 46),
    )


def test_26_july_chair_and_the_apologies_of_councillor_wyatt(july, people):
    assert july.attendances.get(is_chair=True).person == people["Taylor"]
    apologies = july.attendances.filter(status=Attendance.Status.APOLOGIES)
    assert [a.person for a in apologies] == [people["Wyatt"]]


def test_26_july_attendance_by_section(july):
    by_status = {}
    for attendance in july.attendances.all():
        by_status.setdefault(attendance.status, []).append(attendance.person.family_name)
    assert by_status == {
        "present": [
            "Taylor", "Russell", "Agath", "Allnatt", "Blackshaw", "Clarke", "Joannou", "Loydall",
            "Mullaney", "Phillimore", "Wise", "Chavda", "Manzoor",
        ],
        "in_attendance": ["Matthews", "Mahal", "Starr"],
        "also_present": ["Adatia", "Mann"],
        "apologies": ["Wyatt"],
    }  # fmt: skip


def test_26_july_records_that_there_were_no_declarations(july):
    assert july.no_declarations is True
    assert july.declarations.count() == 0


def test_10_august_has_every_item_and_resolution(august):
    assert [(i.number, i.title.upper()) for i in august.items.all()] == [
        ("1", "WELCOME AND INTRODUCTIONS"),
        ("2", "APOLOGIES FOR ABSENCE"),
        ("3", "DECLARATIONS OF INTEREST"),
        ("4", "CONFIRMATION HEARING FOR APPOINTMENT TO THE ROLE OF CHIEF EXECUTIVE OFFICER"),
        ("5", "PRIVATE SESSION"),
        ("6", "ANY OTHER URGENT BUSINESS"),
    ]
    assert resolutions_of(august) == [
        ("4", None, EXCLUSION),
        (
            "5",
            None,
            "That the proposed appointment of the candidate, Claire Trewartha, be supported.",
        ),
    ]


def test_10_august_private_session_is_exempt_under_paragraphs_1_and_3(august):
    assert [(i.number, i.confidentiality, i.exempt_paragraphs) for i in august.items.all()] == [
        ("1", "public", ""),
        ("2", "public", ""),
        ("3", "public", ""),
        ("4", "public", ""),
        ("5", AgendaItem.Confidentiality.EXEMPT, "1,3"),
        ("6", "public", ""),
    ]


def test_10_august_is_a_confirmation_hearing_at_city_hall(august):
    assert (august.kind, august.venue, august.start_time, august.end_time, august.quorate) == (
        Meeting.Kind.CONFIRMATION,
        "City Hall, Charles Street, Leicester",
        datetime.time(10, 30),
        datetime.time(11, 32),
        True,
    )
    assert august.title.upper() == (
        "CONFIRMATION HEARING FOR APPOINTMENT TO THE ROLE OF CHIEF EXECUTIVE OFFICER"
    )


def test_10_august_apologies_from_five_councillors(august):
    apologies = august.attendances.filter(status=Attendance.Status.APOLOGIES)
    assert [a.person.family_name for a in apologies] == [
        "Blackshaw", "Phillimore", "Clarke", "Loydall", "Wise",
    ]  # fmt: skip


def test_report_lists_alnatt_matched_to_allnatt(imported):
    assert (
        166,
        "\u201cCouncillor Alnatt\u201d was matched as a near miss (92% alike) to "
        "Councillor Allnatt, the person recorded.",
    ) in [(a.line, a.message) for a in imported.report.of_kind("name")]


def test_report_lists_mansoor_matched_to_manzoor(imported):
    assert (
        182,
        "\u201cSalma Mansoor\u201d was matched as a near miss (86% alike) to "
        "Ms Salma Manzoor, the person recorded.",
    ) in [(a.line, a.message) for a in imported.report.of_kind("name")]


def test_report_lists_a_man_s_title_given_to_mrs_starr(imported):
    titles = imported.report.of_kind("honorific")
    assert [(a.line, "\u201cMr Elizabeth Starr\u201d" in a.message) for a in titles] == [
        (188, True)
    ]


def test_report_lists_the_april_board_report_describing_a_march_meeting(imported):
    dates = [(a.line, a.message) for a in imported.report.of_kind("date")]
    assert (
        1917,
        (
            "the Corporate Governance Board report dated 19 April 2023 (line 1882) describes "
            "\u201cthe meeting held on 20 March 2023\u201d: its meeting is taken to be 19 April "
            "2023; check which date is right."
        ),
    ) in dates


def test_misspellings_become_other_spellings_of_the_people(imported, people):
    assert list(people["Allnatt"].aliases.values_list("name", flat=True)) == ["Councillor Alnatt"]
    assert list(people["Manzoor"].aliases.values_list("name", flat=True)) == ["Salma Mansoor"]


def test_agenda_at_the_front_gives_the_9_october_meeting_and_its_pages(imported, panel):
    agenda = Meeting.objects.get(body=panel, date=datetime.date(2023, 10, 9))
    assert (agenda.start_time, agenda.venue) == (
        datetime.time(13, 0),
        "Meeting Rooms G.01 and G.02, Ground Floor, City Hall, 115 Charles Street, Leicester, "
        "LE1 1FZ",
    )
    items = {i.number: (i.title.upper(), i.page_range) for i in agenda.items.all()}
    assert len(items) == 15
    assert items["5"] == ("COMMISSIONER'S UPDATE TO POLICE AND CRIME PANEL", "15-20")
    assert items["13"] == ("WORK PROGRAMME", "141")


def test_without_recorded_people_the_misspelling_is_matched_within_the_document(panel):
    make_cgb()
    result = import_text(seed_text("001"), source="001.txt", create_people=True, confirm_names=ALL)
    near = [(a.line, a.message) for a in result.report.of_kind("name")]
    assert (
        166,
        "\u201cCouncillor Alnatt\u201d was matched as a near miss (92% alike) to "
        "\u201cCouncillor Allnatt\u201d (line 17) earlier in this document.",
    ) in near
    july = Meeting.objects.get(date=datetime.date(2023, 7, 26))
    assert july.attendances.filter(person__family_name="Allnatt").count() == 1
    assert not july.attendances.filter(person__family_name="Alnatt").exists()
