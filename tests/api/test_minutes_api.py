"""The minutes' workflow in the API: staff take each step with a POST, as in the admin."""

import datetime

import pytest
from django.test import Client

from meetings import services
from meetings.models import (
    Attendance,
    Minutes,
    MinutesEvent,
)
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

S = Minutes.Status


def post(client, minutes, step, body=None):
    return client.post(
        f"/api/v1/minutes/{minutes.pk}/{step}/", body or {}, content_type="application/json"
    )


def steps_taken(minutes):
    return [
        (event.from_status, event.to_status, event.note)
        for event in MinutesEvent.objects.filter(minutes=minutes).order_by("pk")
    ]


@pytest.fixture
def confirming_august(record):
    item = record.october.items.get(number="3")
    return ResolutionFactory(
        item=item,
        number=2,
        text="That the minutes of the meeting held on 10 August 2023 be confirmed as a "
        "correct record.",
    )


# --- Publish -------------------------------------------------------------------------------


def test_staff_publish_draft_minutes_and_get_them_back_with_their_history(staff, record):
    response = post(staff, record.october_minutes, "publish", {"note": "Agreed with the Chair"})

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "published"
    assert body["steps"] == ["confirm", "correct", "unpublish"]
    assert body["html_url"].endswith(f"/meetings/{record.october.pk}/minutes/")
    assert [(e["from_status"], e["to_status"], e["note"]) for e in body["history"]][-1] == (
        "draft",
        "published",
        "Agreed with the Chair",
    )
    assert body["history"][-1]["actor"] == "officer"
    assert steps_taken(record.october_minutes)[-1] == (
        "draft",
        "published",
        "Agreed with the Chair",
    )


def test_publishing_published_minutes_is_a_conflict_with_the_reason(staff, record):
    response = post(staff, record.august_minutes, "publish")

    assert response.status_code == 409
    assert response.json() == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "instance": f"/api/v1/minutes/{record.august_minutes.pk}/publish/",
        "detail": "The minutes of Police and Crime Panel, 10 August 2023 are already published "
        "as draft, subject to confirmation: only draft minutes can be published.",
        "code": "transition_not_allowed",
    }
    assert len(steps_taken(record.august_minutes)) == 2


# --- Confirm -------------------------------------------------------------------------------


def test_staff_confirm_minutes_with_the_confirming_resolution(staff, record, confirming_august):
    response = post(staff, record.august_minutes, "confirm", {"motion_id": confirming_august.pk})

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "confirmed"
    assert body["confirmed_by"]["id"] == confirming_august.pk
    assert body["confirmed_by"]["event"]["id"] == record.october.pk
    assert body["steps"] == ["correct"]
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.confirmed_by == confirming_august


def test_confirming_draft_minutes_is_a_conflict(staff, record, confirming_august):
    response = post(staff, record.october_minutes, "confirm", {"motion_id": confirming_august.pk})

    assert response.status_code == 409
    assert "have not been published" in response.json()["detail"]
    record.october_minutes.refresh_from_db()
    assert record.october_minutes.status == S.DRAFT


def test_confirming_with_a_resolution_of_another_body_is_bad_input(staff, record):
    board = MeetingFactory(
        body=record.cgb, kind="board", date=datetime.date(2023, 9, 25), status="held"
    )
    item = AgendaItemFactory(meeting=board, order=1, title="Minutes")
    resolution = ResolutionFactory(item=item, text="That the minutes be agreed.")

    response = post(staff, record.august_minutes, "confirm", {"motion_id": resolution.pk})

    body = response.json()
    assert response.status_code == 400
    assert body["errors"]["motion_id"] == [
        "That resolution was made by Corporate Governance Board, not by Leicester, "
        "Leicestershire and Rutland Police and Crime Panel: minutes are confirmed by a later "
        "meeting of the body that held the meeting."
    ]
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED


@pytest.mark.parametrize("motion_id", [None, "abc", 999_999, 10**30])
def test_confirming_without_a_real_resolution_is_bad_input(staff, record, motion_id):
    body = {} if motion_id is None else {"motion_id": motion_id}

    response = post(staff, record.august_minutes, "confirm", body)

    assert response.status_code == 400
    assert "motion_id" in response.json()["errors"]
    assert len(steps_taken(record.august_minutes)) == 2


# --- Withdraw ------------------------------------------------------------------------------


def test_withdrawing_needs_the_reason(staff, record):
    response = post(staff, record.august_minutes, "unpublish", {"note": ""})

    assert response.status_code == 400
    assert response.json()["errors"]["note"] == [
        "Say why the minutes are withdrawn: the reason is kept in their history."
    ]
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED


def test_staff_withdraw_published_minutes_with_the_reason(staff, record):
    response = post(staff, record.august_minutes, "unpublish", {"note": "Before the Chair saw"})

    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert steps_taken(record.august_minutes)[-1] == ("published", "draft", "Before the Chair saw")


def test_withdrawing_confirmed_minutes_is_a_conflict(staff, record):
    response = post(staff, record.july_minutes, "unpublish", {"note": "Oops"})

    assert response.status_code == 409
    assert "stay published: record a correction instead" in response.json()["detail"]


# --- Correct -------------------------------------------------------------------------------


def test_staff_correct_the_text_of_an_item_and_a_motion(staff, record):
    apologies, s106 = record.july_items[1], record.july_items[2]
    updates = record.july_resolutions[2]

    response = post(
        staff,
        record.july_minutes,
        "correct",
        {
            "items": {str(apologies.pk): {"minutes_text": "Apologies from Cllr Wyatt."}},
            "motions": {str(updates.pk): "That quarterly updates be brought."},
            "note": "Corrected at minute 3 of 9 October 2023",
        },
    )

    body = response.json()
    assert response.status_code == 200
    correction = body["history"][-1]
    assert correction["is_correction"] is True
    assert correction["snapshot"]["items"][0]["earlier"] == {
        "minutes_text": "Apologies were received from Councillor Blackshaw."
    }
    assert correction["snapshot"]["resolutions"][0]["earlier"] == {
        "text": "That regular updates on S106 funding be brought to the Panel."
    }
    items = {item["id"]: item for item in body["record"]["items"]}
    assert items[apologies.pk]["minutes_text"] == "Apologies from Cllr Wyatt."
    assert items[s106.pk]["motions"][1]["text"] == "That quarterly updates be brought."


def test_staff_correct_attendance_by_its_id(staff, record):
    chavda = Attendance.objects.get(meeting=record.august, person=record.people.chavda)

    response = post(
        staff,
        record.august_minutes,
        "correct",
        {"attendance": {str(chavda.pk): {"status": "apologies"}}, "note": "She sent apologies"},
    )

    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["record"]["attendance"]}
    assert rows[chavda.pk]["status"] == "apologies"


def test_correcting_an_item_of_another_meeting_is_bad_input(staff, record):
    other = record.august_items[0]

    response = post(
        staff,
        record.july_minutes,
        "correct",
        {"items": {str(other.pk): {"minutes_text": "New"}}, "note": "Wrong meeting"},
    )

    assert response.status_code == 400
    assert "is not part of the meeting" in response.json()["errors"]["items"][0]
    other.refresh_from_db()
    assert other.minutes_text.startswith("The Chair welcomed")
    assert len(steps_taken(record.july_minutes)) == 3


@pytest.mark.parametrize(
    "body",
    [
        {"items": {"first": {"minutes_text": "New"}}, "note": "x"},
        {"items": {"1": {"title": ""}}, "note": "x"},
        {"attendance": {"1": {"status": "asleep"}}, "note": "x"},
        {"items": [], "note": "x"},
        {"note": ""},
    ],
)
def test_malformed_corrections_are_bad_input(staff, record, body):
    response = post(staff, record.july_minutes, "correct", body)

    assert response.status_code == 400
    assert len(steps_taken(record.july_minutes)) == 3


def test_a_correction_naming_a_field_it_cannot_change_is_refused(staff, record):
    apologies = record.july_items[1]

    response = post(
        staff,
        record.july_minutes,
        "correct",
        {"items": {str(apologies.pk): {"confidentiality": "exempt"}}, "note": "Make it private"},
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        f"items.{apologies.pk}.confidentiality": [
            "A correction cannot change confidentiality: only title and minutes_text."
        ]
    }
    apologies.refresh_from_db()
    assert apologies.confidentiality == "public"


def test_a_correction_that_changes_nothing_is_bad_input(staff, record):
    response = post(staff, record.july_minutes, "correct", {"note": "Nothing"})

    assert response.status_code == 400
    assert "The correction changes nothing" in response.json()["detail"]


def test_correcting_draft_minutes_is_a_conflict(staff, record):
    item = record.october.items.first()

    response = post(
        staff,
        record.october_minutes,
        "correct",
        {"items": {str(item.pk): {"minutes_text": "New"}}, "note": "Typo"},
    )

    assert response.status_code == 409
    assert "still a draft" in response.json()["detail"]


# --- Reading, and who may --------------------------------------------------------------------


def test_staff_read_one_meetings_minutes_with_the_record_to_correct(staff, record):
    response = staff.get("/api/v1/minutes/", {"event": record.august.pk})

    assert response.status_code == 200
    (minutes,) = response.json()["results"]
    detail = staff.get(f"/api/v1/minutes/{minutes['id']}/").json()
    assert minutes["status"] == "published"
    assert minutes["steps"] == ["confirm", "correct", "unpublish"]
    assert [item["number"] for item in detail["record"]["items"]] == ["1", "2", "3", "4"]
    assert detail["record"]["declarations"][0]["reason"].startswith("as he had two close")
    assert [e["to_status"] for e in detail["history"]] == ["draft", "published"]


def test_staff_list_draft_minutes_too(staff, record):
    response = staff.get("/api/v1/minutes/", {"status": "draft"})

    assert [row["event"]["id"] for row in response.json()["results"]] == [record.october.pk]


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_only_staff_take_steps(record, member_user, role):
    client = Client()
    if role == "member":
        client.force_login(member_user)

    response = post(client, record.october_minutes, "publish")
    read = client.get(f"/api/v1/minutes/{record.october_minutes.pk}/")

    assert response.status_code == (401 if role == "anonymous" else 403)
    assert read.status_code == (401 if role == "anonymous" else 403)
    record.october_minutes.refresh_from_db()
    assert record.october_minutes.status == S.DRAFT


def test_unknown_minutes_are_not_found(staff, record):
    assert post(staff, Minutes(pk=999_999), "publish").status_code == 404


def test_every_step_has_an_endpoint_documented_with_409():
    schema = Client().get("/api/schema/", {"format": "json"}).json()

    for name in services.STEPS:
        operation = schema["paths"][f"/api/v1/minutes/{{id}}/{name}/"]["post"]
        assert {"200", "400", "401", "403", "404", "409"} <= set(operation["responses"])
