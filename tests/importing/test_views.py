"""The admin import page: upload, preview with the anomaly report, confirm."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path

from actions.models import Action
from meetings.models import Meeting, Person
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
    assert "\u201cCouncillor Alnatt\u201d was matched as a near miss" in html
    assert Meeting.objects.count() == 0


def test_confirm_imports_what_was_previewed(officer_client):
    make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    response = officer_client.post(CONFIRM, {"token": token_of(preview)})
    assert response.status_code == 200
    assert b"Imported 001.txt." in response.content
    assert Meeting.objects.filter(body__slug="llr-pcp").count() == 3
    assert Action.objects.count() == 11


def test_ticked_requests_become_actions(officer_client):
    make_people_2023(make_panel())
    make_cgb()
    preview = upload(officer_client, seed_text("001"), "001.txt")
    officer_client.post(CONFIRM, {"token": token_of(preview), "accept": ["2023-07-26/10/r1"]})
    assert list(
        Action.objects.filter(meeting__body__slug="llr-pcp").values_list("reference", flat=True)
    ) == ["10.2"]


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


def test_a_binary_upload_gets_a_clear_message(officer_client):
    response = upload(officer_client, b"%PDF-1.7\x00\x01", "minutes.pdf")
    assert response.status_code == 200
    assert "is not a text file (it looks like a PDF" in error_summary(response)


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
