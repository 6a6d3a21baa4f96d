"""The action log's API: visibility, filters, CSV, and the staff workflow endpoints.

The actions are those of the June 2023 Corporate Governance Board reported to the Panel on
9 October 2023 (seed 001, "Actions arising from the June CGB meeting").
"""

import csv
import datetime
import io
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from knox.models import AuthToken

from actions import services
from actions.models import Action, ActionEvent
from meetings.models import AgendaItem, Body, Meeting, Resolution

pytestmark = pytest.mark.django_db

RESTRICTED_TEXT = "Review the redacted estates disposal figures"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 10, 2, 9, tzinfo=ZoneInfo("Europe/London")))


@pytest.fixture
def board(db):
    cgb = Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind=Body.Kind.BOARD
    )
    panel = Body.objects.create(name="Police and Crime Panel", slug="pcp")
    june = Meeting.objects.create(
        body=cgb, kind=Meeting.Kind.BOARD, date=datetime.date(2023, 6, 21), status="held"
    )
    september = Meeting.objects.create(
        body=cgb, kind=Meeting.Kind.BOARD, date=datetime.date(2023, 9, 25), status="held"
    )
    panel_meeting = Meeting.objects.create(body=panel, date=datetime.date(2023, 7, 26))
    estates = AgendaItem.objects.create(
        meeting=june,
        order=5,
        number="5",
        title="Estates",
        confidentiality=AgendaItem.Confidentiality.REDACTED,
    )
    opcc = services.owner_for("OPCC")
    cfo = services.owner_for("CFO")
    summary = services.action_create(
        meeting=june,
        reference="8a",
        text="OPCC to work with the Force to produce a public facing summary",
        owners=[opcc],
        due_date=datetime.date(2023, 9, 1),
    )
    stalking = services.action_create(
        meeting=june,
        reference="8b",
        text="OPCC to consider gaps in relation to specialist stalking victim support",
        owners=[opcc],
        due_date=datetime.date(2023, 10, 10),
    )
    carry_forward = services.action_create(
        meeting=june,
        reference="8d",
        text="Carry forward requests to be reviewed by CFO",
        owners=[cfo],
    )
    services.action_submit_for_sign_off(
        action=carry_forward, user=None, status_wording="reviewed awaiting sign off"
    )
    neighbourhood = services.action_create(
        meeting=june,
        reference="8g",
        text="PCC and Force to meet regarding Neighbourhood Active",
        owners=[opcc],
    )
    services.action_complete(action=neighbourhood, user=None, status_wording="completed")
    restricted = services.action_create(
        meeting=june, item=estates, reference="5a", text=RESTRICTED_TEXT, owners=[cfo]
    )
    panel_action = services.action_create(
        meeting=panel_meeting, reference="3", text="Regular updates on S106 funding"
    )
    return SimpleNamespace(
        cgb=cgb,
        june=june,
        september=september,
        panel_meeting=panel_meeting,
        summary=summary,
        stalking=stalking,
        carry_forward=carry_forward,
        neighbourhood=neighbourhood,
        restricted=restricted,
        panel_action=panel_action,
    )


@pytest.fixture
def staff_token(staff_user):
    _, secret = AuthToken.objects.create(user=staff_user)
    return secret


@pytest.fixture
def staff_api(staff_token):
    return Client(headers={"authorization": f"Token {staff_token}"})


def references(response):
    return [a["reference"] for a in response.json()["results"]]


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


# --- Reading ------------------------------------------------------------------------------


def test_outstanding_board_actions_in_one_request(anonymous, board):
    response = anonymous.get(
        "/api/v1/actions/",
        {
            "body": "cgb",
            "status": ["open", "in_progress", "awaiting_sign_off"],
        },
    )

    assert response.status_code == 200
    assert references(response) == ["8a", "8b", "8d"]


def test_anonymous_never_receives_a_restricted_action(anonymous, board):
    listed = anonymous.get("/api/v1/actions/", {"page_size": 200})
    detail = anonymous.get(f"/api/v1/actions/{board.restricted.pk}/")

    assert "5a" not in references(listed)
    assert RESTRICTED_TEXT not in listed.content.decode()
    assert detail.status_code == 404


def test_member_receives_the_restricted_action(member, board):
    response = member.get(f"/api/v1/actions/{board.restricted.pk}/")

    assert response.status_code == 200
    assert response.json()["restricted"] is True
    assert response.json()["text"] == RESTRICTED_TEXT


def test_member_with_a_token_receives_the_restricted_action(member_user, board):
    _, secret = AuthToken.objects.create(user=member_user)
    client = Client(headers={"authorization": f"Token {secret}"})

    assert "5a" in references(client.get("/api/v1/actions/", {"body": "cgb"}))


def test_an_unknown_token_is_a_401(board):
    client = Client(headers={"authorization": "Token not-a-real-token"})

    response = client.get("/api/v1/actions/")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_action_gives_rag_owners_and_history(anonymous, board):
    action = anonymous.get(f"/api/v1/actions/{board.summary.pk}/").json()

    assert (action["rag"], action["overdue"]) == ("red", True)
    assert action["owners"] == [{"id": board.summary.owners.get().pk, "name": "OPCC"}]
    assert action["organization"]["slug"] == "cgb"
    assert action["event"]["id"] == board.june.pk
    assert [(h["from_status"], h["to_status"]) for h in action["history"]] == [(None, "open")]


def test_history_actor_is_withheld_from_anonymous(anonymous, staff_user, board):
    services.action_start(action=board.stalking, user=staff_user, note="Scoping work begun")

    history = anonymous.get(f"/api/v1/actions/{board.stalking.pk}/").json()["history"]

    assert history[-1]["note"] == "Scoping work begun"
    assert history[-1]["actor"] is None


def test_filters_by_rag_and_overdue(anonymous, board):
    assert references(anonymous.get("/api/v1/actions/", {"rag": "amber"})) == ["8b"]
    assert references(anonymous.get("/api/v1/actions/", {"overdue": "true"})) == ["8a"]


def test_a_bad_action_filter_is_a_400_naming_it(anonymous, board):
    response = anonymous.get("/api/v1/actions/", {"rag": "purple"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["rag"]


def test_actions_as_csv(anonymous, board):
    response = anonymous.get("/api/v1/actions/", {"format": "csv", "body": "cgb"})

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["reference"] for row in rows] == ["8a", "8b", "8d", "8g"]
    assert rows[2]["status_wording"] == "reviewed awaiting sign off"
    assert rows[0]["owners"].startswith('[{"id": ')
    assert rows[0]["organization.slug"] == "cgb"


def test_csv_cells_that_look_like_formulas_are_kept_as_text(anonymous, board):
    services.action_create(meeting=board.june, reference="8z", text='=HYPERLINK("x")')

    response = anonymous.get("/api/v1/actions/", {"format": "csv", "q": "HYPERLINK"})

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["text"] == '\'=HYPERLINK("x")'


# --- Workflow -----------------------------------------------------------------------------


def test_staff_complete_an_action_with_a_token_and_a_note(staff_api, staff_user, board):
    response = post(
        staff_api,
        f"/api/v1/actions/{board.stalking.pk}/complete/",
        {"note": "Gap analysis shared with the board", "status_wording": "complete"},
    )

    assert response.status_code == 200
    action = response.json()
    assert action["status"] == "complete"
    assert action["status_wording"] == "complete"
    assert action["rag"] is None
    latest = action["history"][-1]
    assert (latest["from_status"], latest["to_status"]) == ("open", "complete")
    assert latest["note"] == "Gap analysis shared with the board"
    assert latest["actor"] == "officer"
    event = ActionEvent.objects.filter(action=board.stalking).last()
    assert (event.actor, event.note) == (staff_user, "Gap analysis shared with the board")


def test_a_transition_the_status_does_not_allow_is_a_409(staff_api, board):
    response = post(staff_api, f"/api/v1/actions/{board.neighbourhood.pk}/complete/")

    assert response.status_code == 409
    assert response.json() == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "Action 8g is complete: it cannot be marked complete (only an action that "
        "is open, in progress, awaiting sign-off can).",
        "instance": f"/api/v1/actions/{board.neighbourhood.pk}/complete/",
        "code": "transition_not_allowed",
    }
    assert board.neighbourhood.history.count() == 2


def test_sign_off_at_a_meeting(staff_api, board):
    response = post(
        staff_api,
        f"/api/v1/actions/{board.carry_forward.pk}/sign-off/",
        {"event_id": board.september.pk, "note": "Signed off on the 25th September"},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "complete"
    assert response.json()["signed_off_at"]["id"] == board.september.pk
    latest = response.json()["history"][-1]
    assert (latest["from_status"], latest["to_status"]) == ("awaiting_sign_off", "complete")
    assert latest["signed_off_at"]["id"] == board.september.pk


def test_sign_off_without_a_meeting_is_a_400_naming_event_id(staff_api, board):
    response = post(staff_api, f"/api/v1/actions/{board.carry_forward.pk}/sign-off/")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "event_id": ["Give event_id: the meeting at which the action was signed off."]
    }
    board.carry_forward.refresh_from_db()
    assert board.carry_forward.status == Action.Status.AWAITING_SIGN_OFF


def test_sign_off_at_an_earlier_meeting_is_a_400(staff_api, board):
    earlier = Meeting.objects.create(body=board.cgb, date=datetime.date(2023, 4, 19))

    response = post(
        staff_api, f"/api/v1/actions/{board.carry_forward.pk}/sign-off/", {"event_id": earlier.pk}
    )

    assert response.status_code == 400
    assert "cannot be signed off at an earlier meeting" in response.json()["detail"]


def test_reopen_needs_a_note(staff_api, board):
    response = post(staff_api, f"/api/v1/actions/{board.neighbourhood.pk}/reopen/", {"note": " "})

    assert response.status_code == 400
    assert response.json()["errors"] == {"note": ["Say why the action is being reopened."]}


@pytest.mark.parametrize(
    ("transition", "data", "status"),
    [
        ("start", {}, "in_progress"),
        ("submit", {"status_wording": "reviewed awaiting sign off"}, "awaiting_sign_off"),
        ("withdraw", {"reason": "Superseded by the new plan"}, "withdrawn"),
    ],
)
def test_each_transition_answers_with_its_history_entry(staff_api, board, transition, data, status):
    response = post(staff_api, f"/api/v1/actions/{board.summary.pk}/{transition}/", data)

    assert response.status_code == 200
    assert response.json()["status"] == status
    assert response.json()["history"][-1]["to_status"] == status


def test_a_body_that_is_not_json_is_a_415(staff_api, board):
    response = staff_api.post(
        f"/api/v1/actions/{board.summary.pk}/start/", "note=hi", content_type="text/plain"
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_anonymous_cannot_change_an_action(anonymous, board):
    response = post(anonymous, f"/api/v1/actions/{board.summary.pk}/complete/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    board.summary.refresh_from_db()
    assert board.summary.status == Action.Status.OPEN


def test_a_member_cannot_change_an_action(member_user, board):
    _, secret = AuthToken.objects.create(user=member_user)
    client = Client(headers={"authorization": f"Token {secret}"})

    response = post(client, f"/api/v1/actions/{board.summary.pk}/complete/")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert board.summary.history.count() == 1


def test_staff_without_restricted_access_cannot_reach_a_restricted_action(django_user_model, board):
    from django.contrib.auth.models import Permission

    clerk = django_user_model.objects.create_user("clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="change_action_status"))
    _, secret = AuthToken.objects.create(user=clerk)
    client = Client(headers={"authorization": f"Token {secret}"})

    response = post(client, f"/api/v1/actions/{board.restricted.pk}/start/")

    assert response.status_code == 404
    assert board.restricted.history.count() == 1


def test_a_session_client_needs_the_csrf_token(staff_user, board):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)

    refused = post(client, f"/api/v1/actions/{board.summary.pk}/start/")

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert board.summary.history.count() == 1


def test_a_session_client_with_the_csrf_token_may_change_an_action(staff_user, board):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    client.get("/accounts/login/")  # sets the CSRF cookie, as any page with a form does
    token = client.cookies["csrftoken"].value

    response = client.post(
        f"/api/v1/actions/{board.summary.pk}/start/",
        {},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"


# --- Raising an action from a resolution --------------------------------------------------


@pytest.fixture
def request_resolution(board):
    item = AgendaItem.objects.create(
        meeting=board.panel_meeting, order=3, number="3", title="S106 funding post review update"
    )
    return Resolution.objects.create(
        item=item,
        number=2,
        text="That regular updates on S106 funding be brought to the Panel.",
        kind=Resolution.Kind.REQUEST,
    )


def test_staff_raise_an_action_from_a_resolution(staff_api, board, request_resolution):
    opcc = board.summary.owners.get()

    response = post(
        staff_api,
        "/api/v1/actions/from-resolution/",
        {"motion_id": request_resolution.pk, "owner_ids": [opcc.pk], "due_date": "2023-12-13"},
    )

    assert response.status_code == 201
    action = response.json()
    assert (action["reference"], action["motion_id"], action["status"]) == (
        "3.2",
        request_resolution.pk,
        "open",
    )
    assert action["owners"] == [{"id": opcc.pk, "name": "OPCC"}]
    assert action["history"][0]["note"].startswith("Raised from resolution 3.2")


def test_a_resolution_raised_twice_is_a_409(staff_api, board, request_resolution):
    first = post(
        staff_api, "/api/v1/actions/from-resolution/", {"motion_id": request_resolution.pk}
    )

    second = post(
        staff_api, "/api/v1/actions/from-resolution/", {"motion_id": request_resolution.pk}
    )

    assert second.status_code == 409
    assert f"already has action {first.json()['id']}" in second.json()["detail"]
    assert Action.objects.filter(resolution=request_resolution).count() == 1


def test_raising_from_an_unknown_resolution_is_a_400(staff_api, board):
    response = post(staff_api, "/api/v1/actions/from-resolution/", {"motion_id": 999999})

    assert response.status_code == 400
    assert response.json()["errors"]["motion_id"] == [
        "No motion you may see has id 999999: see /api/v1/motions/."
    ]


def test_a_member_cannot_raise_an_action(member, board, request_resolution):
    response = member.post(
        "/api/v1/actions/from-resolution/",
        {"motion_id": request_resolution.pk},
        content_type="application/json",
    )

    assert response.status_code == 403
    assert not Action.objects.filter(resolution=request_resolution).exists()
