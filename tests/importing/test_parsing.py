"""Reading converted text: cleaning, names, and refusals that name the line."""

import pytest

from meetings.importing.document import parse_document
from meetings.importing.names import compare, parse_name, split_entries
from meetings.importing.report import ImportRefused
from meetings.importing.text import clean_lines, display_title, read_upload

HEADING = """Minutes of the Meeting of the LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

Held: WEDNESDAY, 13 DECEMBER 2023 at 1:00 pm

PRESENT:

Councillor Taylor (Chair)

* * * * * * * *
"""


def refusal(text):
    with pytest.raises(ImportRefused) as refused:
        parse_document(text, source="test.txt")
    return refused.value


def test_page_footer_lines_are_dropped_and_the_broken_sentence_rejoined():
    lines = clean_lines(
        "It was stated that the Police\n\n65\n\nItem 3\n\nwere reliant on the Local Authorities.\n"
    )
    assert [(line.number, line.text) for line in lines] == [
        (1, "It was stated that the Police were reliant on the Local Authorities."),
    ]


def test_a_stray_bullet_on_the_second_half_of_a_sentence_is_removed():
    lines = clean_lines("- 2. That the evaluation be\n\n- amended to include savings.\n")
    assert [line.text for line in lines] == [
        "- 2. That the evaluation be amended to include savings."
    ]


def test_the_next_entry_of_a_lettered_list_is_not_joined_to_the_last():
    lines = clean_lines("- a. OPCC to work with the Force\n - b. OPCC to consider gaps\n")
    assert len(lines) == 2


def test_underline_and_bold_markup_is_removed():
    lines = clean_lines("<u>Force update:</u> meeting **every 4 weeks** as of March\n")
    assert lines[0].text == "Force update: meeting every 4 weeks as of March"


def test_capitals_headings_are_shown_in_title_case_with_acronyms_kept():
    assert display_title("LLR POLICE AND CRIME PANEL'S ANNUAL REPORT (2022-23)") == (
        "LLR Police and Crime Panel's Annual Report (2022-23)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7 binary", "cannot be read as a PDF: the file is damaged or incomplete"),
        (b"abc\x00def", "is not a text file"),
        (b"   \n", "is empty"),
        (b"x" * (2 * 1024 * 1024 + 1), "the importer takes text files up to 2 MB"),
    ],
)
def test_unreadable_uploads_are_refused_with_the_reason(data, message):
    with pytest.raises(ImportRefused, match=message):
        read_upload(data, name="upload.txt")


def test_name_with_title_initials_and_letters_after_it():
    name = parse_name("Mr. J. T. Orson JP CC (in the Chair)")
    assert (name.honorific, name.initials, name.family, name.post_nominals, name.chair) == (
        "Mr",
        ("J", "T"),
        "Orson",
        ("JP", "CC"),
        True,
    )


def test_role_after_a_comma_is_not_taken_for_letters_after_the_name():
    name = parse_name("Lord Willy Bach, Police and Crime Commissioner")
    assert (name.given, name.family, name.role) == (
        ("Willy",),
        "Bach",
        "Police and Crime Commissioner",
    )


def test_two_columns_run_together_are_two_names():
    assert split_entries(
        "Parisha Chavda \u2013 Independent Member Salma Mansoor \u2013 Independent Member"
    ) == [
        "Parisha Chavda \u2013 Independent Member",
        "Salma Mansoor \u2013 Independent Member",
    ]


@pytest.mark.parametrize(
    ("mention", "recorded", "level"),
    [
        ("Councillor Alnatt", "Councillor Allnatt", "near"),
        ("Melise Graham", "Cllr. Malise Graham", "near"),
        ("Salma Mansoor", "Ms Salma Manzoor", "near"),
        ("Cllr. M. Sood", "Cllr. Manjula Sood, MBE", "initials"),
        ("Councillor Taylor", "Deborah Taylor", "surname"),
        ("Col. Robert Martin", "Col. Robert Martin OBE, DL", "exact"),
    ],
)
def test_spellings_of_one_person_match_at_the_right_level(mention, recorded, level):
    assert compare(parse_name(mention), parse_name(recorded)).level == level


@pytest.mark.parametrize(
    ("mention", "recorded"),
    [("Councillor Wise", "Councillor Wyatt"), ("Helen King", "Helen Kingsley-Smith"), ("Rupert Matthews", "Helen Matthews")],
)  # fmt: skip
def test_different_people_do_not_match(mention, recorded):
    assert compare(parse_name(mention), parse_name(recorded)) is None


def test_minutes_without_a_present_list_are_refused_at_the_line_after_the_heading():
    text = HEADING.replace(
        "PRESENT:\n\nCouncillor Taylor (Chair)\n", "The Chair opened the meeting.\n"
    )
    assert refusal(text + "1. APOLOGIES\n").line == 5


def test_a_skipped_item_number_is_refused_naming_the_expected_item():
    text = HEADING + "\n1. APOLOGIES FOR ABSENCE\n\nNone.\n\n3. WORK PROGRAMME\n\nNoted.\n"
    refused = refusal(text)
    assert (refused.line, "expected item 2 after item 1, found item 3" in refused.detail) == (
        15,
        True,
    )


def test_a_motion_without_its_outcome_is_refused_at_the_motion():
    text = HEADING + (
        "\n1. PRECEPT\n\nIt was moved by the Chair and seconded by Councillor Wise that:-\n\n"
        "- a) The precept be supported.\n\n2. WORK PROGRAMME\n\nNoted.\n"
    )
    refused = refusal(text)
    assert (refused.line, "expected the outcome of the motion" in refused.detail) == (13, True)


def test_a_private_session_without_an_exclusion_resolution_is_refused():
    text = HEADING + "\n1. APOLOGIES FOR ABSENCE\n\nNone.\n\n2. PRIVATE SESSION\n\nDiscussed.\n"
    refused = refusal(text)
    assert (refused.line, "Schedule 12A" in refused.detail) == (15, True)


def test_resolutions_out_of_sequence_are_refused():
    text = HEADING + (
        "\n1. REPORT\n\nRESOLVED:\n\n- 1. That the report be noted.\n\n"
        "- 3. That an update be brought to the Panel.\n"
    )
    refused = refusal(text)
    assert (refused.line, "expected resolution 2 of item 1" in refused.detail) == (17, True)


def test_exclusion_makes_only_the_next_item_exempt():
    text = HEADING + (
        "\n1. EXCLUSION\n\nRESOLVED:\n\nThat the public be excluded under paragraph 1 of "
        "Schedule 12A of the Local Government Act 1972.\n\n2. STAFFING\n\nDiscussed.\n\n"
        "3. ANY OTHER BUSINESS\n\nNone.\n"
    )
    minutes = parse_document(text).minutes[0]
    assert [(i.number, i.confidentiality, i.exempt_paragraphs) for i in minutes.items] == [
        ("1", "public", ""),
        ("2", "exempt", "1"),
        ("3", "public", ""),
    ]


def test_requests_in_discussion_are_found_sentence_by_sentence():
    text = HEADING + (
        "\n1. WORK PROGRAMME\n\nMembers discussed the programme. It was requested that the "
        "slavery report include asylum seekers. The Chair thanked officers.\n"
    )
    item = parse_document(text).minutes[0].items[0]
    assert [r.text for r in item.requests] == [
        "It was requested that the slavery report include asylum seekers."
    ]
