"""The admin import page: upload, preview with the anomaly report, confirm."""

import datetime
import io

import docx
import pypdf
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path

from actions.models import Action
from meetings.models import Meeting, Person
from meetings.pdf import html_to_pdf
from panel import urls as project_urls
from tests.importing import error_summary, make_cgb, make_panel, make_people_2023, seed_text

# Mounted as panel/urls.py mounts it, ahead of the rest of the site.
urlpatterns = [
    path("admin/import/", include("meetings.importing.views")),
    *[p for p in project_urls.urlpatterns if getattr(p, "namespace", None) != "importing"],
]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

UPLOAD = "/admin/import/"
CONFIRM = "/admin/import/confirm/"
CITY = """Minutes of the Meeting of the LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

Held: WEDNESDAY, 13 DECEMBER 2023 at 1:00 pm

PRESENT:

Councillor Taylor (Chair)
Councillor Wise

* * * * * * * *

1. WORK PROGRAMME

It was requested that the slavery report include asylum seekers.

There being no other business the meeting closed at 1.30pm.
"""


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_meeting"))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def upload(client, text, name="minutes.txt"):
    data = text if isinstance(text, bytes) else text.encode()
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data, "text/plain")})


def token_of(response):
    return response.context["form"]["token"].value()


def near_misses_of(response):
    """The near misses the preview asks about: {question: key}."""
    return {label: key for key, label in response.context["form"].fields["confirm_names"].choices}


def confirm_every_name(preview, **data):
    return {
        "token": token_of(preview),
        "confirm_names": list(near_misses_of(preview).values()),
        **data,
    }


def test_the_upload_form_is_shown_to_an_officer(officer_client):
    response = officer_client.get(UPLOAD)
    assert response.status_code == 200
    assert b"Preview the import" in response.content


def test_anonymous_visitors_are_sent_to_the_admin_log_in(client):
    response = client.get(UPLOAD)
    assert (response.status_code, response["Location"].startswith("/admin/login/")) == (302, True)


def test_staff_who_cannot_add_meetings_are_refused(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("clerk", is_staff=True))
    assert client.get(UPLOAD).status_code == 403


def test_preview_shows_what_would_be_created_and_writes_nothing(officer_client):
    make_people_2023(make_panel())
    make_cgb()
    response = upload(officer_client, seed_text("001"), "001.txt")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The minutes of the Panel meeting of 26 July 2023 (annual meeting): 15 items" in html
    assert '<label for="id_confirm_names_0"><input type="checkbox" name="confirm_names"' in html
    assert (
        "\u201cCouncillor Alnatt\u201d (line 166) looks like Councillor Allnatt, the person "
        "recorded: same person?"
    ) in html
    assert Meeting.objects.count() == 0


def test_confirm_imports_what_was_previewed(officer_client):
    make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    response = officer_client.post(CONFIRM, confirm_every_name(preview))
    assert response.status_code == 200
    assert b"Imported 001.txt." in response.content
    assert Meeting.objects.filter(body__slug="llr-pcp").count() == 3
    assert Action.objects.count() == 11


def test_ticked_requests_become_actions(officer_client):
    make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    officer_client.post(CONFIRM, confirm_every_name(preview, accept=["2023-07-26/10/r1"]))
    assert list(
        Action.objects.filter(meeting__body__slug="llr-pcp").values_list("reference", flat=True)
    ) == ["10.2"]


def test_the_preview_asks_about_each_near_miss_and_matches_none_on_its_own(officer_client):
    people = make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    assert sorted(near_misses_of(preview)) == [
        "\u201cCouncillor Alnatt\u201d (line 166) looks like Councillor Allnatt, the person "
        "recorded: same person?",
        "\u201cSalma Mansoor\u201d (line 182) looks like Ms Salma Manzoor, the person recorded: "
        "same person?",
    ]
    response = officer_client.post(CONFIRM, {"token": token_of(preview)})
    summary = error_summary(response)
    assert "\u201cCouncillor Alnatt\u201d (line 166, which looks like Councillor Allnatt" in summary
    assert "tick it on the import page, or use --confirm-names for all" in summary
    assert Meeting.objects.count() == 0
    assert not people["Allnatt"].aliases.exists()


def test_a_ticked_near_miss_is_matched_and_saved_as_a_spelling(officer_client):
    people = make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    alnatt = next(key for label, key in near_misses_of(preview).items() if "Alnatt" in label)
    response = officer_client.post(
        CONFIRM, {"token": token_of(preview), "confirm_names": [alnatt], "create_people": "on"}
    )
    assert b"Imported 001.txt." in response.content
    assert list(people["Allnatt"].aliases.values_list("name", flat=True)) == ["Councillor Alnatt"]
    # Unticked, "Salma Mansoor" is someone new: created (the box was ticked), no spelling saved.
    assert not people["Manzoor"].aliases.exists()
    assert Person.objects.filter(family_name="Mansoor").count() == 1


def test_new_people_need_the_box_ticked(officer_client):
    make_panel()
    preview = upload(officer_client, CITY)
    assert b"Create the people listed as not found" in preview.content
    response = officer_client.post(CONFIRM, {"token": token_of(preview)})
    assert response.status_code == 200
    assert "2 name(s) match nobody recorded" in error_summary(response)
    assert Meeting.objects.count() == Person.objects.count() == 0


def test_ticking_the_box_creates_the_people(officer_client):
    make_panel()
    preview = upload(officer_client, CITY)
    officer_client.post(CONFIRM, {"token": token_of(preview), "create_people": "on"})
    assert sorted(Person.objects.values_list("family_name", flat=True)) == ["Taylor", "Wise"]


def test_uploading_an_imported_document_again_says_nothing_would_change(officer_client):
    make_panel()
    preview = upload(officer_client, CITY)
    officer_client.post(CONFIRM, {"token": token_of(preview), "create_people": "on"})
    again = upload(officer_client, CITY)
    assert "Importing it again would change nothing." in again.content.decode()
    assert b"Confirm and import" not in again.content


def test_a_damaged_pdf_upload_gets_a_clear_message(officer_client):
    response = upload(officer_client, b"%PDF-1.7\x00\x01", "minutes.pdf")
    assert response.status_code == 200
    assert "cannot be read as a PDF: the file is damaged or incomplete" in error_summary(response)


def test_a_binary_upload_gets_a_clear_message(officer_client):
    response = upload(officer_client, b"\x89PNG\r\n\x1a\n" + bytes(100), "scan.png")
    assert response.status_code == 200
    assert "is a picture, not a document with text" in error_summary(response)


def as_pdf(text):
    """``text`` printed to PDF, a paragraph a line, as a council's minutes are published."""
    paragraphs = "".join(
        f"<p style='margin: 0 0 4pt'>{line or '&nbsp;'}</p>" for line in text.splitlines()
    )
    html = f"<html lang='en'><head><title>Minutes</title></head><body>{paragraphs}</body></html>"
    return html_to_pdf(html, base_url="http://localhost/")


def as_docx(text):
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "make"), [("minutes.pdf", as_pdf), ("minutes.docx", as_docx)])
def test_a_pdf_or_word_upload_reaches_the_preview_and_imports_on_confirm(
    officer_client, name, make
):
    make_people_2023(make_panel())
    preview = upload(officer_client, make(CITY), name)
    assert error_summary(preview) == ""
    assert "Confirm and import" in preview.content.decode()
    assert Meeting.objects.count() == 0
    done = officer_client.post(CONFIRM, {"token": token_of(preview)})
    assert f"Imported {name}." in done.content.decode()
    meeting = Meeting.objects.get()
    assert (meeting.date, meeting.items.get().title) == (
        datetime.date(2023, 12, 13),
        "Work Programme",
    )


def test_the_upload_field_offers_pdf_word_and_text(officer_client):
    html = officer_client.get(UPLOAD).content.decode()
    assert 'accept=".pdf,.docx,.txt,' in html
    assert "The PDF as published (with its text, not a scan), a Word .docx, or a .txt file" in html


def test_an_oversized_pdf_upload_gets_a_clear_message(officer_client):
    response = upload(officer_client, b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "big.pdf")
    assert response.status_code == 200
    assert "the importer takes PDF and Word files up to 20 MB" in error_summary(response)


def test_an_oversized_upload_gets_a_clear_message(officer_client):
    response = upload(officer_client, "x" * (2 * 1024 * 1024 + 10))
    assert response.status_code == 200
    assert "the importer takes text files up to 2 MB" in error_summary(response)


def test_text_that_is_not_minutes_is_refused_on_the_upload_page(officer_client):
    response = upload(officer_client, seed_text("004"), "004.txt")
    assert response.status_code == 200
    assert "does not look like minutes or an agenda pack" in error_summary(response)


def test_confirm_without_a_preview_goes_back_to_the_upload(officer_client):
    response = officer_client.post(CONFIRM, {"token": "forged"})
    assert (response.status_code, response["Location"]) == (302, UPLOAD)


def test_a_refusal_of_a_pdf_upload_says_on_which_page_its_line_is_printed(officer_client):
    make_people_2023(make_panel())
    cover = "Leicester, Leicestershire and Rutland Police and Crime Panel\n" * 80
    data = as_pdf(cover + CITY.replace("13 DECEMBER 2023", "31 FEBRUARY 2023"))
    printed_on = next(
        number
        for number, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages, start=1)
        if "31 FEBRUARY 2023" in page.extract_text()
    )
    summary = error_summary(upload(officer_client, data, "minutes.pdf"))
    assert "\u201c31 FEBRUARY 2023\u201d is not a date" in summary
    assert printed_on > 1
    assert f"of the text read from the PDF is on page {printed_on})" in summary
    assert Meeting.objects.count() == 0


def test_the_report_of_a_pdf_upload_gives_the_page_of_each_anomaly(officer_client):
    make_people_2023(make_panel())
    cover = "Leicester, Leicestershire and Rutland Police and Crime Panel\n" * 80
    twice = CITY.replace("Councillor Wise\n", "Councillor Wise\nCouncillor Wise\n")
    data = as_pdf(cover + twice)
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    printed_on = next(n for n, text in enumerate(pages, start=1) if "Councillor Wise" in text)
    html = upload(officer_client, data, "minutes.pdf").content.decode()
    assert '<th scope="col">Page</th><th scope="col">Line</th>' in html
    row = html[html.index('<tr class="anomaly anomaly-duplicate">') :].split("</tr>")[0]
    assert row.startswith(f'<tr class="anomaly anomaly-duplicate"><td>{printed_on}</td><td>')
    assert printed_on > 1


def test_the_report_of_a_text_upload_has_no_page_column(officer_client):
    make_people_2023(make_panel())
    twice = CITY.replace("Councillor Wise\n", "Councillor Wise\nCouncillor Wise\n")
    html = upload(officer_client, twice).content.decode()
    assert '<tr class="anomaly anomaly-duplicate"><td>9</td>' in html
    assert '<th scope="col">Page</th>' not in html


def test_the_preview_leads_with_what_was_seen_and_imported(officer_client):
    make_people_2023(make_panel())
    html = upload(officer_client, CITY).content.decode()
    summary = html[html.index('<ul class="import-summary">') :].split("</ul>")[0]
    assert "PRESENT names seen 2, imported 2;" in summary
    assert html.index('id="summary"') < html.index('id="report"')
