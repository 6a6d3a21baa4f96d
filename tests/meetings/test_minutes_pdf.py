"""The minutes as a PDF (meetings.views.MinutesPdfView, meetings.pdf): the minutes page's own
record printed by WeasyPrint, tagged for assistive technology (PDF/UA-1), every character
printable, and exactly as much of the record as the visitor may read on the page.

The PDFs are read back with pypdf: the text a reader would copy or hear, the catalog's tags,
the fonts and the links, as a reader's software finds them.
"""

import io

import pypdf
import pytest
from django.urls import reverse
from PIL import Image

from meetings import pdf
from meetings.models import AgendaItem, Minutes
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MinutesFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.meetings.test_minutes import assert_in_order, declare_on_private_business_only

A4 = (595.28, 841.89)  # points


def pdf_url(meeting):
    return reverse("meetings:minutes_pdf", kwargs={"pk": meeting.pk})


def read_pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def page_texts(reader):
    """Each page's text as a reader copies it, whitespace (line breaks too) collapsed."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(response):
    return " ".join(page_texts(read_pdf(response)))


def structure_types(element):
    """The tag (/S) of every structure element under ``element``, in document order."""
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids]
    found = []
    for kid in kids:
        kid = kid.get_object()
        if isinstance(kid, pypdf.generic.DictionaryObject) and "/S" in kid:
            found.append(str(kid["/S"]))
            found += structure_types(kid)
    return found


@pytest.fixture
def unicode_minutes(db):
    """Published minutes whose words need more than Windows-1252: Welsh, Polish, Turkish."""
    meeting = MeetingFactory(body=BodyFactory(name="Heddlu Dyfed-Powys Panel", slug="dp"))
    MinutesFactory(meeting=meeting, status=Minutes.Status.PUBLISHED)
    AttendanceFactory(
        meeting=meeting,
        person=PersonFactory(slug="lukasz", given_name="Łukasz", family_name="Wójcik"),
        status="present",
    )
    item = AgendaItemFactory(
        meeting=meeting,
        number="1",
        title="Cyllid ŵyl Ştefan Łódź",
        minutes_text="The Panel noted the “precept” of £1.2m for Ynys Môn, ŵ and Ş included.",
    )
    ResolutionFactory(item=item, text="That the Panel’s report be noted.")
    return meeting


# --- The download ---------------------------------------------------------------------------


def test_minutes_download_as_an_a4_pdf_named_for_the_meeting(client, record):
    response = client.get(pdf_url(record.august))
    reader = read_pdf(response)

    assert response["Content-Disposition"] == (
        'attachment; filename="minutes-llr-pcp-2023-08-10.pdf"'
    )
    assert response.content.startswith(b"%PDF-1.7")
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4


def test_minutes_pdf_has_the_text_of_the_minutes_page(client, record):
    text = pdf_text(client.get(pdf_url(record.august)))

    assert_in_order(
        text,
        [
            "Draft, subject to confirmation at the next meeting",
            "Minutes of the meeting of the",
            "LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL",
            "Held: Thursday 10 August 2023",
            "PRESENT",
            "Councillor Deborah Taylor (Chair)",
            "3. CONFIRMATION HEARING FOR APPOINTMENT",
            "Confirmation Hearing in accordance with Schedule 1",
            "considered in private",
        ],
    )


def test_minutes_pdf_heads_each_page_with_the_body_and_date_and_numbers_the_pages(client, record):
    reader = read_pdf(client.get(pdf_url(record.july)))
    texts = page_texts(reader)

    for number, text in enumerate(texts, start=1):
        assert "Leicester, Leicestershire and Rutland Police and Crime Panel 26 July 2023" in text
        assert f"Page {number} of {len(texts)}" in text


def test_minutes_pdf_has_no_site_navigation_or_download_links(staff_client, record):
    text = pdf_text(staff_client.get(pdf_url(record.july)))

    assert "Skip to main content" not in text
    assert "Action log" not in text
    assert "Sign out" not in text
    assert "Download these minutes as a PDF" not in text


def test_minutes_pdf_keeps_links_as_absolute_addresses(client, record):
    reader = read_pdf(client.get(pdf_url(record.july)))

    addresses = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    ]
    assert f"http://testserver{record.october.get_absolute_url()}" in addresses


# --- Accessible and Unicode-complete ----------------------------------------------------------


def test_minutes_pdf_is_tagged_with_language_title_and_headings(client, record):
    reader = read_pdf(client.get(pdf_url(record.august)))
    catalog = reader.trailer["/Root"]
    tags = structure_types(catalog["/StructTreeRoot"])

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == (
        "Minutes: Confirmation Hearing for appointment to the role of Chief Executive Officer, "
        "Police and Crime Panel, 10 August 2023"
    )
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    assert tags.count("/H1") == 1
    # Attendance sections, declarations and the four agenda items are each a heading.
    assert tags.count("/H2") >= 4 + 4
    assert {"/P", "/L", "/LI", "/Sect"} <= set(tags)


def test_minutes_pdf_embeds_its_fonts(client, unicode_minutes):
    reader = read_pdf(client.get(pdf_url(unicode_minutes)))

    fonts = [
        font.get_object() for page in reader.pages for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor)


def test_minutes_pdf_prints_every_character_of_the_record(client, unicode_minutes):
    text = pdf_text(client.get(pdf_url(unicode_minutes)))

    assert "1. CYLLID ŴYL ŞTEFAN ŁÓDŹ" in text
    assert "Łukasz Wójcik" in text
    assert "The Panel noted the “precept” of £1.2m for Ynys Môn, ŵ and Ş included." in text
    assert "That the Panel’s report be noted." in text
    assert "Heddlu Dyfed-Powys Panel" in text


def test_printing_fetches_nothing_a_page_points_at(tmp_path):
    # A stored address in a page must not make the server read a file or call a host.
    picture = tmp_path / "on-the-server.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    html = f'<html lang="en-GB"><title>T</title><img src="{picture.as_uri()}" alt="A file">'

    reader = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(html, base_url="http://testserver/")))

    resources = reader.pages[0]["/Resources"]
    assert "/XObject" not in resources or not resources["/XObject"]


# --- Declarations ---------------------------------------------------------------------------


def test_minutes_pdf_shows_declarations_after_attendance(client, record):
    text = pdf_text(client.get(pdf_url(record.august)))

    assert_in_order(
        text,
        [
            "Mrs Anita James",
            "DECLARATIONS OF INTEREST",
            "Councillor Joannou: other registrable interest in all substantive items",
            "as he had two close relatives that worked for Leicestershire Police",
            "* * * * * * * *",
            "1. WELCOME AND INTRODUCTIONS",
        ],
    )


def test_minutes_pdf_says_when_there_were_no_declarations(client, record):
    text = pdf_text(client.get(pdf_url(record.july)))

    assert_in_order(text, ["Mrs Anita James", "There were no declarations.", "* * *"])


def test_minutes_pdf_withholds_a_declaration_only_about_private_business_from_the_public(
    client, record
):
    declare_on_private_business_only(record)

    text = pdf_text(client.get(pdf_url(record.august)))

    assert "Councillor Joannou: other registrable interest" in text
    assert "friend of the preferred candidate" not in text


def test_minutes_pdf_shows_staff_a_declaration_about_private_business(staff_client, record):
    declare_on_private_business_only(record)

    text = pdf_text(staff_client.get(pdf_url(record.august)))

    assert "Councillor Allnatt: personal interest in item 4 as a friend of the preferred" in text


# --- Who reads what: as on the minutes page ---------------------------------------------------


def test_minutes_pdf_withholds_exempt_text_from_anonymous_visitors(client, record):
    text = pdf_text(client.get(pdf_url(record.august)))

    assert "4. " in text
    assert "very credible" not in text
    assert "be supported" not in text
    assert "PRIVATE SESSION: DELIBERATIONS" not in text


@pytest.mark.parametrize("reader", ["member_client", "staff_client"])
def test_minutes_pdf_shows_exempt_text_to_members_and_staff(reader, request, record):
    text = pdf_text(request.getfixturevalue(reader).get(pdf_url(record.august)))

    assert_in_order(
        text,
        [
            "4. PRIVATE SESSION: DELIBERATIONS ON THE PREFERRED CANDIDATE",
            AgendaItem.Confidentiality.EXEMPT.label.upper(),
            "Members felt that the candidate was very credible",
            "That the proposed appointment of the candidate, Claire Trewartha, be supported.",
        ],
    )


def test_minutes_pdf_of_draft_minutes_is_not_found_for_anonymous_visitors(client, record):
    assert client.get(pdf_url(record.october)).status_code == 404


def test_minutes_pdf_of_draft_minutes_is_marked_draft_for_staff(staff_client, record):
    text = pdf_text(staff_client.get(pdf_url(record.october)))

    assert "Draft: not published." in text
    assert "Draft text: the Panel received a report of the Corporate Governance Board." in text
