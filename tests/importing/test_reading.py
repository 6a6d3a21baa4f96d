"""Reading a file's text, its dates and its numbers: what is refused, and the line it names."""

import codecs
import datetime

import pytest

from meetings.importing.report import ImportRefused
from meetings.importing.text import parse_count, parse_date, read_upload


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thursday, 29 February 2024", datetime.date(2024, 2, 29)),
        ("31st December 2023", datetime.date(2023, 12, 31)),
        ("1 January 0001", datetime.date(1, 1, 1)),
        ("no date here", None),
    ],
)
def test_dates_in_the_calendar_are_read(written, expected):
    assert parse_date(written, line=4) == expected


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("Wednesday, 29 February 2023", "\u201c29 February 2023\u201d is not a date (February 2023 has 28 days)"),
        ("31 APRIL 2023", "\u201c31 APRIL 2023\u201d is not a date (April 2023 has 30 days)"),
        ("0 May 2023", "\u201c0 May 2023\u201d is not a date (the days of a month are counted from 1)"),
        ("3 February 0000", "\u201c3 February 0000\u201d is not a date (there was no year 0)"),
    ],
)  # fmt: skip
def test_a_date_not_in_the_calendar_is_refused_at_its_line(written, problem):
    with pytest.raises(ImportRefused) as refused:
        parse_date(written, line=4)
    assert refused.value.line == 4
    assert str(refused.value).startswith(f"Line 4: {problem}. Correct the date in the document")


def test_the_largest_count_the_record_holds_is_read_and_one_more_refused():
    assert parse_count("32767", line=9, what="the number of votes for") == 32767
    with pytest.raises(ImportRefused) as refused:
        parse_count("32768", line=9, what="the number of votes for")
    assert str(refused.value).startswith(
        "Line 9: the number of votes for is given as 32768, more than the 32767 the record can hold."
    )


def test_a_number_of_thousands_of_digits_is_refused_not_converted():
    with pytest.raises(ImportRefused, match=r"given as 999999999999\u2026 \(5000 digits\)"):
        parse_count("9" * 5000, line=1, what="the page number")


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"one\ntwo\nth\x01ree", 3),
        (b"one\r\ntwo\r\nth\x01ree", 3),  # Windows line ends are one break each
        (b"one\rtwo\rth\x01ree", 3),  # and so are old Mac ones
    ],
)
def test_a_control_character_is_refused_at_its_line(data, line):
    with pytest.raises(ImportRefused, match="holds the control character U\\+0001") as refused:
        read_upload(data, name="minutes.txt")
    assert refused.value.line == line


def test_a_bad_byte_after_a_byte_order_mark_is_placed_in_the_file():
    data = codecs.BOM_UTF8 + b"one\ntwo\nthr\xffee"
    with pytest.raises(ImportRefused) as refused:
        read_upload(data, name="minutes.txt")
    assert refused.value.line == 3
    assert "byte 15 of the file (0xFF) cannot be read" in str(refused.value)


def test_page_breaks_and_tabs_left_by_pdf_conversion_are_text():
    data = b"Minutes\tpage one\x0cpage two\x0bend\n"
    assert read_upload(data, name="minutes.txt") == data.decode()
