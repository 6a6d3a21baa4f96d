"""Malformed files are refused, never a server error or a traceback, and nothing is written.

Each fault is tried through both ways in: ``manage.py import_minutes`` (the refusal on stderr
with the line at fault, a non-zero exit through CommandError) and the admin upload page (the
page again, status 200, with the refusal in the error summary). After either, no row of the
record or of the action log exists that did not exist before.
"""

import datetime
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Minutes
from tests.importing import (
    AGENDA_PACK,
    CITY_MINUTES,
    COUNTY_MINUTES,
    error_summary,
    make_cgb,
    make_panel,
    make_people_2023,
    record_rows,
)

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/import/"
CONFIRM = "/admin/import/confirm/"

# Papers bound after the minutes: a board report and the cover of a report to the Panel.
BOARD_REPORT = """
CORPORATE GOVERNANCE BOARD
19th April 2023
"""
COVER_SHEET = """
POLICE AND CRIME PANEL
Report of POLICE AND CRIME COMMISSIONER
Subject PRECEPT 2024/25
Date 14 December 2023
"""


def line_of(text, fragment):
    """The line of ``text`` on which ``fragment`` begins (the test knows where it put it)."""
    return text[: text.index(fragment)].count("\n") + 1


def changed(text, old, new):
    assert old in text, f"the fixture no longer holds {old!r}"
    return text.replace(old, new, 1)


def fault(text, old, new, message, *, at=None):
    """A file made by replacing ``old`` by ``new``; the refusal expected, at the changed line."""
    document = changed(text, old, new)
    return document.encode(), message, line_of(document, at or new)


def padded_with_nul():
    # 70,000 bytes of ordinary minute text first: the NUL sits beyond the first 64 KiB.
    filler = "The Panel discussed the report at length and noted it.\n" * 1250
    document = changed(
        CITY_MINUTES, "There were none.\n", f"There were none.\n{filler}Noted.\x00\n"
    )
    return document.encode(), "is not a text file", line_of(document, "Noted.\x00")


# The next day's meeting, imported from the same file.
SECOND_MINUTES = changed(
    changed(CITY_MINUTES, "13 DECEMBER 2023", "14 DECEMBER 2023"), "WEDNESDAY", "THURSDAY"
)
LONG_VENUE = "County Hall, " * 30
LONG_ROLE = "Director of Performance, Governance and Strategic Planning, " * 4
LONG_TITLE = "REVIEW OF THE POLICE AND CRIME PLAN AND ITS DELIVERY " * 6

FAULTS = {
    "NUL byte after the first 64 KiB": padded_with_nul,
    "control character": lambda: fault(
        CITY_MINUTES, "There were none.", "There were\x1bnone.", "control character U+001B"
    ),
    "impossible date in the minutes heading (city)": lambda: fault(
        CITY_MINUTES,
        "13 DECEMBER 2023",
        "31 FEBRUARY 2023",
        "\u201c31 FEBRUARY 2023\u201d is not a date (February 2023 has 28 days)",
    ),
    "impossible date in the minutes heading (county)": lambda: fault(
        COUNTY_MINUTES,
        "Wednesday, 13 December 2023",
        "Wednesday, 30 February 2023",
        "\u201c30 February 2023\u201d is not a date (February 2023 has 28 days)",
    ),
    "year 0 in the minutes heading": lambda: fault(
        CITY_MINUTES,
        "13 DECEMBER 2023",
        "13 DECEMBER 0000",
        "\u201c13 DECEMBER 0000\u201d is not a date (there was no year 0)",
    ),
    "impossible date in the agenda": lambda: fault(
        AGENDA_PACK,
        "13 DECEMBER 2023",
        "31 NOVEMBER 2023",
        "\u201c31 NOVEMBER 2023\u201d is not a date (November 2023 has 30 days)",
    ),
    "agenda without a date": lambda: fault(
        AGENDA_PACK,
        "WEDNESDAY, 13 DECEMBER 2023",
        "TO BE CONFIRMED",
        "expected the date of the meeting",
    ),
    "impossible date of a board report": lambda: fault(
        CITY_MINUTES + BOARD_REPORT,
        "19th April 2023",
        "31st April 2023",
        "\u201c31st April 2023\u201d is not a date (April 2023 has 30 days)",
    ),
    "impossible date on a cover sheet": lambda: fault(
        CITY_MINUTES + COVER_SHEET,
        "14 December 2023",
        "29 February 2023",
        "\u201c29 February 2023\u201d is not a date (February 2023 has 28 days)",
    ),
    "vote count too large for the record": lambda: fault(
        CITY_MINUTES,
        "(9 for, 2 against)",
        "(99999 for, 2 against)",
        "the number of votes for is given as 99999, more than the 32767 the record can hold",
    ),
    "page number too large for the record": lambda: fault(
        AGENDA_PACK,
        "(Pages 3 - 8)",
        "(Pages 3 - 800000)",
        "the page number is given as 800000, more than the 32767 the record can hold",
    ),
    "venue too long for its column": lambda: fault(
        COUNTY_MINUTES,
        "County Hall, Glenfield",
        LONG_VENUE + "Glenfield",
        "the venue would be 399 characters long, and the record holds at most 300",
    ),
    # Found only when the second minutes are written, after the first are: all are undone.
    "role too long for its column, in the second minutes": lambda: fault(
        CITY_MINUTES + "\n" + SECOND_MINUTES,
        "Councillor Wise",
        f"Councillor Wise ({LONG_ROLE.strip()})",
        "the role would be 239 characters long, and the record holds at most 200",
    ),
    "agenda item title too long for its column": lambda: fault(
        AGENDA_PACK,
        "WORK PROGRAMME",
        LONG_TITLE.strip(),
        "the title would be 317 characters long, and the record holds at most 300",
    ),
}


def empty_file_cases():
    return {
        "empty file": (b"", "is empty"),
        "only spaces and blank lines": (
            " \n\t\n\u00a0\n\n".encode(),
            "is empty (it holds only spaces and blank lines)",
        ),
    }


@pytest.fixture
def recorded(db):
    panel = make_panel()
    make_people_2023(panel)
    make_cgb()
    return panel


@pytest.fixture
def officer_client(client, recorded, staff_user):
    client.force_login(staff_user)
    return client


def run_command(tmp_path, data, *args, name="minutes.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_minutes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused_by_command(tmp_path, data, *args):
    err = io.StringIO()
    path = tmp_path / "minutes.txt"
    path.write_bytes(data)
    with pytest.raises(CommandError, match=r"1 of 1 file\(s\) not imported"):
        call_command("import_minutes", str(path), *args, stdout=io.StringIO(), stderr=err)
    return " ".join(err.getvalue().split())


def upload(client, data, name="minutes.txt"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/plain")})


# -- the documents themselves import ------------------------------------------------------------
@pytest.mark.parametrize(
    "document",
    [
        CITY_MINUTES,
        COUNTY_MINUTES,
        AGENDA_PACK,
        CITY_MINUTES + BOARD_REPORT + COVER_SHEET,
        CITY_MINUTES + "\n" + SECOND_MINUTES,
    ],
)
def test_the_unspoilt_documents_import(recorded, tmp_path, document):
    out, _ = run_command(tmp_path, document.encode())
    assert out.startswith("Imported minutes.txt.")


# -- each fault, through the command --------------------------------------------------------
@pytest.mark.parametrize("make", list(FAULTS.values()), ids=list(FAULTS))
def test_the_command_refuses_naming_the_line_and_writes_nothing(recorded, tmp_path, make):
    data, message, line = make()
    before = record_rows()

    err = refused_by_command(tmp_path, data)

    assert f"minutes.txt: not imported. Line {line}: " in err
    assert message in err
    assert "Traceback" not in err
    assert record_rows() == before


@pytest.mark.parametrize(("data", "message"), empty_file_cases().values(), ids=empty_file_cases())
def test_the_command_refuses_files_with_nothing_to_read(recorded, tmp_path, data, message):
    before = record_rows()
    err = refused_by_command(tmp_path, data)
    assert f"minutes.txt: not imported. minutes.txt {message}" in err
    assert record_rows() == before


# -- each fault, through the admin upload page ----------------------------------------------
@pytest.mark.parametrize("make", list(FAULTS.values()), ids=list(FAULTS))
def test_the_upload_page_shows_the_refusal_in_its_error_summary(officer_client, make):
    data, message, line = make()
    before = record_rows()

    response = upload(officer_client, data)

    assert response.status_code == 200
    summary = error_summary(response)
    assert summary.startswith("Nothing was imported.")
    assert f"Line {line}: " in summary
    assert message in summary
    assert b"Confirm and import" not in response.content
    assert record_rows() == before


@pytest.mark.parametrize(("data", "message"), empty_file_cases().values(), ids=empty_file_cases())
def test_the_upload_page_refuses_files_with_nothing_to_read(officer_client, data, message):
    before = record_rows()
    response = upload(officer_client, data)
    assert response.status_code == 200
    assert f"\u201cminutes.txt\u201d {message}" in error_summary(response)
    assert record_rows() == before


# -- faults found only when writing: all or nothing -----------------------------------------
LONG_NAME = "Councillor " + "Featherstonehaugh-" * 6 + "Smith"
TWO_MINUTES_SECOND_SPOILT = (
    CITY_MINUTES + "\n" + changed(SECOND_MINUTES, "Councillor Wise", LONG_NAME)
)


def test_a_name_too_long_for_a_person_refuses_the_whole_file_from_the_command(recorded, tmp_path):
    before = record_rows()
    err = refused_by_command(tmp_path, TWO_MINUTES_SECOND_SPOILT.encode(), "--create-people")
    line = line_of(TWO_MINUTES_SECOND_SPOILT, LONG_NAME)
    assert f"Line {line}: could not record the person" in err
    assert "the family name would be 113 characters long, and the record holds at most 100" in err
    assert record_rows() == before


def test_a_name_too_long_for_a_person_is_refused_in_the_preview(officer_client):
    before = record_rows()
    response = upload(officer_client, TWO_MINUTES_SECOND_SPOILT.encode())
    assert response.status_code == 200
    line = line_of(TWO_MINUTES_SECOND_SPOILT, LONG_NAME)
    assert f"Line {line}: could not record the person" in error_summary(response)
    assert record_rows() == before


@time_machine.travel(datetime.datetime(2023, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_minutes_of_a_meeting_not_yet_held_are_refused_by_the_command(recorded, tmp_path):
    before = record_rows()
    err = refused_by_command(tmp_path, CITY_MINUTES.encode())
    assert "Line 1: the minutes of the Panel meeting of 13 December 2023 cannot be recorded" in err
    assert "has not taken place yet" in err
    assert record_rows() == before


@time_machine.travel(datetime.datetime(2023, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_minutes_of_a_meeting_not_yet_held_are_refused_on_the_upload_page(officer_client):
    before = record_rows()
    response = upload(officer_client, CITY_MINUTES.encode())
    assert response.status_code == 200
    assert "has not taken place yet" in error_summary(response)
    assert record_rows() == before


# -- the minutes' lifecycle ----------------------------------------------------------------
def test_the_command_credits_the_user_it_is_given_in_the_minutes_history(
    recorded, tmp_path, staff_user
):
    run_command(tmp_path, CITY_MINUTES.encode(), "--user", staff_user.username)
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert [(e.from_status, e.to_status, e.actor) for e in minutes.history.all()] == [
        ("", "draft", staff_user),
        ("draft", "published", staff_user),
    ]


def test_the_command_refuses_an_unknown_user_before_reading_anything(recorded, tmp_path):
    with pytest.raises(CommandError, match="No user has the user name 'nobody'"):
        run_command(tmp_path, CITY_MINUTES.encode(), "--user", "nobody")
    assert Meeting.objects.count() == 0


def test_the_upload_page_credits_the_officer_in_the_minutes_history(officer_client, staff_user):
    preview = upload(officer_client, CITY_MINUTES.encode())
    officer_client.post(CONFIRM, {"token": preview.context["form"]["token"].value()})
    history = Minutes.objects.get().history.all()
    assert [(e.to_status, e.actor, e.note) for e in history] == [
        ("draft", staff_user, "Imported from minutes.txt (lines 1-24)."),
        (
            "published",
            staff_user,
            "Published on import: the papers printed them in minutes.txt (lines 1-24).",
        ),
    ]


def test_draft_minutes_started_in_the_admin_are_published_by_the_import(recorded, tmp_path):
    meeting = Meeting.objects.create(
        body=recorded, date=datetime.date(2023, 12, 13), status=Meeting.Status.HELD
    )
    draft = Minutes.objects.create(meeting=meeting)
    run_command(tmp_path, CITY_MINUTES.encode())
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.PUBLISHED
    assert [(e.from_status, e.to_status) for e in draft.history.all()] == [("draft", "published")]


def test_a_meeting_whose_minutes_are_published_is_not_filled_by_an_import(recorded, tmp_path):
    meeting = Meeting.objects.create(
        body=recorded, date=datetime.date(2023, 12, 13), status=Meeting.Status.HELD
    )
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED)
    before = record_rows()
    err = refused_by_command(tmp_path, CITY_MINUTES.encode())
    assert "are already recorded, and differ from this document" in err
    assert record_rows() == before


# -- known gaps in the action log's part of the importer (actions/importing.py) --------------
ACTION_LIST = """CORPORATE GOVERNANCE BOARD
19th June 2023

8. Actions arising from the {meeting} meeting;
 - a. OPCC to work with the Force on a public summary - complete
"""


def test_an_impossible_date_in_an_action_list_heading_is_refused_at_its_line(recorded, tmp_path):
    document = ACTION_LIST.format(meeting="CGB meeting held on 31 June 2023")
    err = refused_by_command(tmp_path, document.encode())
    assert "Line 4: \u201c31 June 2023\u201d is not a date (June 2023 has 30 days)" in err


def test_an_action_list_of_december_9999_is_refused_not_an_error(recorded, tmp_path):
    document = ACTION_LIST.format(meeting="December 9999 CGB")
    err = refused_by_command(tmp_path, document.encode())
    assert "December 9999" in err
