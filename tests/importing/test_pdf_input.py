"""PDF in, text out: the printed lines in reading order, or a refusal saying what to do.

The expected lines were read by eye from the four ModernGov samples (Kent County Council's
printed minutes, as published) and from PDFs made here with WeasyPrint.
"""

import io
import re

import pypdf
import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from meetings.importing.pdf_text import page_count, pdf_to_text
from meetings.importing.report import ImportRefused
from meetings.importing.text import read_upload
from meetings.models import Meeting
from meetings.pdf import html_to_pdf
from tests.importing import SAMPLES, record_rows

MODERNGOV = SAMPLES
NUMBERED_HEADING_RE = re.compile(r"^\d{2,3}\. [A-Z]")


def sample_text(stem):
    return pdf_to_text((MODERNGOV / f"{stem}.pdf").read_bytes(), name=f"{stem}.pdf")


def sample_lines(stem):
    return sample_text(stem).splitlines()


# -- the samples --------------------------------------------------------------------------


def test_the_county_council_heading_reads_as_printed():
    lines = sample_lines("kent_county_council_2025-02-13")
    assert lines[:6] == [
        "KENT COUNTY COUNCIL",
        "",
        "COUNTY COUNCIL",
        "",
        "MINUTES of a meeting of the County Council held in the Council Chamber,",
        "Sessions House, County Hall, Maidstone on Thursday, 13 February 2025.",
    ]


def test_minute_numbers_in_the_margin_stay_on_the_line_of_their_heading():
    lines = sample_lines("kent_county_council_2025-02-13")
    assert [line for line in lines if NUMBERED_HEADING_RE.match(line)] == [
        "286. Apologies for Absence",
        "287. Declarations of Disclosable Pecuniary Interests or Other Significant",
        "288. Minutes of the meetings held on 19 December 2024 and 9 January 2025",
        "289. Chairman's Announcements",
        "290. Section 25 Report",
        "291. Capital Programme 2025-35 and Revenue Budget 2025-26 (including",
    ]


def test_a_heading_that_wraps_keeps_its_second_line_and_item_number_below_it():
    lines = sample_lines("kent_county_council_2025-02-13")
    at = lines.index("288. Minutes of the meetings held on 19 December 2024 and 9 January 2025")
    assert lines[at + 1 : at + 3] == [
        "and, if in order, to be approved as a correct record",
        "(Item 3)",
    ]


def test_every_cabinet_minute_is_numbered_on_its_heading_line():
    lines = sample_lines("kent_cabinet_2025-01-09")
    assert [line.split(".")[0] for line in lines if NUMBERED_HEADING_RE.match(line)] == [
        str(number) for number in range(76, 84)
    ]


def test_page_numbers_repeated_at_the_foot_of_each_page_are_dropped():
    lines = sample_lines("kent_corporate_parenting_panel_2024-10-29")
    assert [line for line in lines if line.strip().isdigit()] == []
    # The heading is the last line of page 7, over its page number; "(Item 9)" opens page 8.
    at = lines.index("The Joint Housing Protocol for Care Leavers")
    assert lines[at + 1] == "(Item 9)"


def test_a_sentence_over_a_page_break_keeps_both_halves_on_consecutive_lines():
    lines = sample_lines("kent_corporate_parenting_panel_2024-10-29")
    at = lines.index("people attending online. The author Sarah Nash spoke regarding")
    assert lines[at + 1].startswith("therapeutic parenting and taking a trauma informed")


def test_hyphenated_names_at_a_line_end_keep_their_hyphen():
    text = sample_text("kent_county_council_2025-02-13")
    assert "Mr Paul Barrington-\nKing, Mr Conrad Broadley" in text
    assert "Mr Derek Crow-\nBrown" in text


def test_recorded_votes_keep_their_counts_and_names_in_order():
    lines = sample_lines("kent_county_council_2025-01-09")
    at = lines.index("For (14)")
    assert lines[at + 2].startswith("Mr Baldock, Mr Brady, Ms Constantine, Ms Hawkins,")
    assert lines.index("Against (45)") > at
    assert lines.index("Abstain (4)") > lines.index("Against (45)")


def test_read_upload_reads_a_pdf_by_its_first_bytes_whatever_its_name():
    data = (MODERNGOV / "kent_cabinet_2025-01-09.pdf").read_bytes()
    assert read_upload(data, name="minutes.txt") == sample_text("kent_cabinet_2025-01-09")


def test_page_count_of_a_sample_and_of_something_else():
    assert page_count((MODERNGOV / "kent_county_council_2025-02-13.pdf").read_bytes()) == 14
    assert page_count(b"plain text") is None


# -- layout made to order -------------------------------------------------------------------

FILLER = "The Panel discussed the report and asked about the costs of the scheme. " * 30


def made_pdf(body, *, page_style=""):
    html = (
        f"<html lang='en'><head><title>Minutes</title><style>@page {{ size: A4; "
        f"margin: 2cm 2cm 2cm 3.5cm; {page_style} }} h2 {{ font-size: 12pt; position: "
        f"relative }} .number {{ position: absolute; left: -1.5cm; top: 1.5pt; font-size: 10pt }}</style></head>"
        f"<body>{body}</body></html>"
    )
    return html_to_pdf(html, base_url="http://localhost/")


def margin_numbered_minutes(count):
    return "".join(
        f"<h2><span class='number'>{n}.</span>Heading of minute {n}</h2><p>{FILLER}</p>"
        for n in range(1, count + 1)
    )


def test_numbers_printed_in_the_margin_join_their_headings():
    text = pdf_to_text(made_pdf(margin_numbered_minutes(3)), name="made.pdf")
    assert re.findall(r"^\d+\. Heading of minute \d+$", text, re.MULTILINE) == [
        "1. Heading of minute 1",
        "2. Heading of minute 2",
        "3. Heading of minute 3",
    ]


def test_running_headers_and_page_footers_are_dropped_but_the_body_is_kept():
    data = made_pdf(
        margin_numbered_minutes(8),
        page_style="@top-center { content: 'Police and Crime Panel 3 March 2024' } "
        "@bottom-center { content: 'Page ' counter(page) ' of ' counter(pages) }",
    )
    text = pdf_to_text(data, name="made.pdf")
    assert page_count(data) >= 3
    assert "Police and Crime Panel 3 March 2024" not in text
    assert not re.search(r"Page \d+ of \d+", text)
    assert len(re.findall(r"^\d+\. Heading of minute \d+$", text, re.MULTILINE)) == 8
    assert text.split().count("costs") == 8 * 30


def test_table_cells_are_split_by_tabs_and_a_hanging_number_by_a_space():
    body = (
        "<p>PRESENT:</p><table><tr><td>Councillor Deborah Taylor</td>"
        "<td style='padding-left: 3cm'>Leicester City Council</td></tr><tr>"
        "<td>Councillor Wise</td><td style='padding-left: 3cm'>Blaby DC</td></tr></table>"
        "<p><span style='display: inline-block; width: 1.5cm'>(1)</span>The Panel noted it.</p>"
        "<p style='text-align: justify; width: 8cm'>Mr A Bond, Mr B Booth, Mr C Brady, "
        "Mr D Brazier, Mr E Campkin, Miss F Carey, Sir Paul Carter, CBE, Mrs S Chandler and "
        "the rest of the members present.</p>"
    )
    lines = pdf_to_text(made_pdf(body), name="made.pdf").splitlines()
    assert "Councillor Deborah Taylor\tLeicester City Council" in lines
    assert "Councillor Wise\tBlaby DC" in lines
    assert "(1) The Panel noted it." in lines
    assert [line for line in lines if "\t" in line] == [
        "Councillor Deborah Taylor\tLeicester City Council",
        "Councillor Wise\tBlaby DC",
    ]  # the justified paragraph's wide spaces stay spaces


def test_text_turned_on_its_side_is_not_read_as_lines():
    body = (
        "<p>MINUTES of the meeting</p><div style='position: absolute; top: 8cm; "
        "transform: rotate(-45deg); font-size: 60pt'>DRAFT</div><p>RESOLVED that it be noted.</p>"
    )
    text = pdf_to_text(made_pdf(body), name="made.pdf")
    assert text == "MINUTES of the meeting\n\nRESOLVED that it be noted.\n"


# -- refusals -------------------------------------------------------------------------------


def encrypted_sample():
    sample = (MODERNGOV / "kent_cabinet_2025-01-09.pdf").read_bytes()
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(sample))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_page():
    out = io.BytesIO()
    Image.new("RGB", (210, 297), "white").save(out, "PDF")
    return out.getvalue()


def blank_page():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


REFUSED = {
    "password": (encrypted_sample, "is protected by a password"),
    "damaged": (
        lambda: (MODERNGOV / "kent_cabinet_2025-01-09.pdf").read_bytes()[:4000],
        "cannot be read as a PDF: the file is damaged or incomplete",
    ),
    "scan": (scanned_page, "has no text layer: it is a scan (pictures of the pages). Run OCR"),
    "blank": (blank_page, "holds no text: its pages are blank"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_pdf_without_readable_text_is_refused_saying_what_to_do(case):
    make, message = REFUSED[case]
    with pytest.raises(ImportRefused, match=re.escape(message)):
        read_upload(make(), name="minutes.pdf")


@pytest.mark.django_db
@pytest.mark.parametrize("case", REFUSED)
def test_the_command_refuses_such_a_pdf_and_writes_nothing(case, tmp_path):
    make, message = REFUSED[case]
    path = tmp_path / "minutes.pdf"
    path.write_bytes(make())
    before = record_rows()
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 file"):
        call_command("import_minutes", str(path), stdout=io.StringIO(), stderr=err)
    assert f"minutes.pdf: not imported. minutes.pdf {message}" in err.getvalue()
    assert record_rows() == before
    assert Meeting.objects.count() == 0
