"""Each workflow transition, each refusal (with its message) and the history rows it writes."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actions import services
from actions.models import Action, ActionEvent
from meetings.models import AgendaItem, Body, Meeting, Resolution

S = Action.Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("officer", first_name="Clare")


@pytest.fixture
def board():
    return Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )


@pytest.fixture
def june(board):
    return Meeting.objects.create(body=board, kind="board", date=datetime.date(2023, 6, 21))


@pytest.fixture
def july(board):
    return Meeting.objects.create(body=board, kind="board", date=datetime.date(2023, 7, 17))


@pytest.fixture
def action(june):
    return services.action_create(
        meeting=june, reference="8d", text="Carry forward requests to be reviewed by CFO"
    )


def move_to(action, status, user):
    """Put ``action`` (open) into ``status`` through the services."""
    if status == S.IN_PROGRESS:
        services.action_start(action=action, user=user)
    elif status == S.AWAITING_SIGN_OFF:
        services.action_submit_for_sign_off(action=action, user=user)
    elif status == S.COMPLETE:
        services.action_complete(action=action, user=user)
    elif status == S.WITHDRAWN:
        services.action_withdraw(action=action, user=user, reason="No longer needed")
    return action


def history(action):
    return list(
        ActionEvent.objects.filter(action=action).values_list("from_status", "to_status", "note")
    )


def test_create_records_an_open_action_with_its_first_history_row(action):
    assert action.status == S.OPEN
    assert history(action) == [("", "open", "Action recorded.")]


def test_start_moves_open_to_in_progress_and_records_who(action, officer):
    services.action_start(action=action, user=officer, note="CFO has the requests")

    assert action.status == S.IN_PROGRESS
    event = action.history.last()
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "open",
        "in_progress",
        officer,
        "CFO has the requests",
    )


def test_submit_for_sign_off_keeps_the_wording_on_the_action_and_in_history(action, officer):
    services.action_submit_for_sign_off(
        action=action, user=officer, status_wording="reviewed awaiting sign off"
    )

    assert action.status == S.AWAITING_SIGN_OFF
    assert action.status_wording == "reviewed awaiting sign off"
    event = action.history.last()
    assert (event.from_status, event.to_status, event.status_wording) == (
        "open",
        "awaiting_sign_off",
        "reviewed awaiting sign off",
    )


def wordings(action):
    return list(ActionEvent.objects.filter(action=action).values_list("status_wording", flat=True))


def test_complete_without_wording_clears_the_old_wording_which_history_keeps(action, officer):
    services.action_submit_for_sign_off(
        action=action, user=officer, status_wording="reviewed awaiting sign off"
    )

    services.action_complete(action=action, user=officer, note="Done")

    assert action.status == S.COMPLETE
    assert action.status_wording == ""
    assert history(action)[-1] == ("awaiting_sign_off", "complete", "Done")
    assert wordings(action) == ["", "reviewed awaiting sign off", ""]


def test_complete_with_wording_reports_the_new_wording(action, officer):
    services.action_submit_for_sign_off(
        action=action, user=officer, status_wording="reviewed awaiting sign off"
    )

    services.action_complete(action=action, user=officer, status_wording="complete, see appendix")

    assert action.status_wording == "complete, see appendix"


def test_sign_off_without_wording_clears_the_old_wording(action, officer, july):
    services.action_submit_for_sign_off(
        action=action, user=officer, status_wording="reviewed awaiting sign off"
    )

    services.action_sign_off(action=action, user=officer, meeting=july)

    assert (action.status, action.status_wording) == (S.COMPLETE, "")
    assert wordings(action)[-2:] == ["reviewed awaiting sign off", ""]


def test_withdraw_clears_the_old_wording_the_reason_says_why(action, officer):
    services.action_submit_for_sign_off(action=action, user=officer, status_wording="in hand")

    services.action_withdraw(action=action, user=officer, reason="Superseded")

    assert (action.status, action.status_wording, action.withdrawn_reason) == (
        S.WITHDRAWN,
        "",
        "Superseded",
    )
    assert wordings(action)[-2:] == ["in hand", ""]


def test_start_keeps_the_wording_already_given(june, officer):
    action = services.action_create(meeting=june, text="Review", status_wording="in hand")

    services.action_start(action=action, user=officer)

    assert action.status_wording == "in hand"


def test_the_wording_an_action_is_recorded_with_is_kept_in_its_first_history_row(june, officer):
    action = services.action_create(meeting=june, text="Review", status_wording="in hand")

    services.action_complete(action=action, user=officer)

    assert action.status_wording == ""
    assert wordings(action) == ["in hand", ""]


def test_only_the_closing_steps_clear_the_wording():
    assert {name for name, step in services.STEPS.items() if step.clears_wording} == {
        "complete",
        "sign_off",
        "withdraw",
    }


def test_sign_off_completes_the_action_and_records_the_meeting(action, officer, july):
    services.action_submit_for_sign_off(action=action, user=officer)

    services.action_sign_off(action=action, user=officer, meeting=july, status_wording="complete")

    assert action.status == S.COMPLETE
    assert action.signed_off_at == july
    event = action.history.last()
    assert (event.from_status, event.to_status, event.signed_off_at) == (
        "awaiting_sign_off",
        "complete",
        july,
    )


def test_reopen_brings_a_signed_off_action_back_and_clears_the_sign_off(action, officer, july):
    services.action_submit_for_sign_off(action=action, user=officer)
    services.action_sign_off(action=action, user=officer, meeting=july)

    services.action_reopen(action=action, user=officer, note="The CFO's review was incomplete")

    assert action.status == S.OPEN
    assert action.signed_off_at is None
    assert history(action)[-1] == ("complete", "open", "The CFO's review was incomplete")


def test_withdraw_keeps_the_reason_on_the_action_and_in_history(action, officer):
    services.action_withdraw(action=action, user=officer, reason="Superseded by the July plan")

    assert action.status == S.WITHDRAWN
    assert action.withdrawn_reason == "Superseded by the July plan"
    assert history(action)[-1] == ("open", "withdrawn", "Superseded by the July plan")


def test_reopen_of_a_withdrawn_action_clears_the_reason(action, officer):
    services.action_withdraw(action=action, user=officer, reason="Superseded")

    services.action_reopen(action=action, user=officer, note="Needed after all")

    assert (action.status, action.withdrawn_reason) == (S.OPEN, "")


def test_every_transition_writes_exactly_one_history_row(action, officer, july):
    services.action_start(action=action, user=officer)
    services.action_submit_for_sign_off(action=action, user=officer)
    services.action_sign_off(action=action, user=officer, meeting=july)
    services.action_reopen(action=action, user=officer, note="Reopened by the Chair")
    services.action_withdraw(action=action, user=officer, reason="Overtaken by events")

    assert [(f, t) for f, t, _ in history(action)] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "awaiting_sign_off"),
        ("awaiting_sign_off", "complete"),
        ("complete", "open"),
        ("open", "withdrawn"),
    ]


@pytest.mark.parametrize(
    ("status", "call", "message"),
    [
        (
            S.IN_PROGRESS,
            lambda a, u, m: services.action_start(action=a, user=u),
            "Action 8d is in progress: it cannot be started (only an action that is open can).",
        ),
        (
            S.COMPLETE,
            lambda a, u, m: services.action_submit_for_sign_off(action=a, user=u),
            "Action 8d is complete: it cannot be submitted for sign-off (only an action that "
            "is open, in progress can).",
        ),
        (
            S.WITHDRAWN,
            lambda a, u, m: services.action_complete(action=a, user=u),
            "Action 8d is withdrawn: it cannot be marked complete (only an action that is "
            "open, in progress, awaiting sign-off can).",
        ),
        (
            S.OPEN,
            lambda a, u, m: services.action_sign_off(action=a, user=u, meeting=m),
            "Action 8d is open: it cannot be signed off (only an action that is awaiting "
            "sign-off can).",
        ),
        (
            S.OPEN,
            lambda a, u, m: services.action_reopen(action=a, user=u, note="Why not"),
            "Action 8d is open: it cannot be reopened (only an action that is in progress, "
            "awaiting sign-off, complete, withdrawn can).",
        ),
        (
            S.COMPLETE,
            lambda a, u, m: services.action_withdraw(action=a, user=u, reason="Not needed"),
            "Action 8d is complete: it cannot be withdrawn (only an action that is open, in "
            "progress, awaiting sign-off can).",
        ),
    ],
    ids=["start", "submit", "complete", "sign_off", "reopen", "withdraw"],
)
def test_a_transition_the_status_does_not_allow_is_refused_and_changes_nothing(
    action, officer, july, status, call, message
):
    move_to(action, status, officer)
    rows_before = history(action)

    with pytest.raises(services.TransitionNotAllowed) as refused:
        call(action, officer, july)

    assert refused.value.messages == [message]
    action.refresh_from_db()
    assert action.status == status
    assert history(action) == rows_before


def test_sign_off_at_a_meeting_before_the_action_arose_is_refused(action, officer, board):
    april = Meeting.objects.create(body=board, kind="board", date=datetime.date(2023, 4, 19))
    services.action_submit_for_sign_off(action=action, user=officer)

    with pytest.raises(ValidationError) as refused:
        services.action_sign_off(action=action, user=officer, meeting=april)

    assert refused.value.messages == [
        "The action arose on 21 June 2023: it cannot be signed off at an earlier meeting "
        "(19 April 2023)."
    ]
    action.refresh_from_db()
    assert (action.status, action.signed_off_at) == (S.AWAITING_SIGN_OFF, None)


def test_sign_off_without_a_meeting_is_refused(action, officer):
    services.action_submit_for_sign_off(action=action, user=officer)

    with pytest.raises(ValidationError, match="Name the meeting at which the action was signed"):
        services.action_sign_off(action=action, user=officer, meeting=None)

    assert action.history.count() == 2


def test_reopen_without_a_reason_is_refused(action, officer):
    services.action_complete(action=action, user=officer)

    with pytest.raises(ValidationError, match=r"Say why the action is being reopened\."):
        services.action_reopen(action=action, user=officer, note="   ")

    action.refresh_from_db()
    assert action.status == S.COMPLETE


def test_withdraw_without_a_reason_is_refused(action, officer):
    with pytest.raises(ValidationError, match=r"Give the reason the action is withdrawn\."):
        services.action_withdraw(action=action, user=officer, reason="")

    action.refresh_from_db()
    assert action.status == S.OPEN
    assert action.history.count() == 1


def test_an_unknown_transition_name_is_refused_naming_the_known_ones(action, officer):
    with pytest.raises(ValidationError) as refused:
        services.action_transition(action=action, transition="finish", user=officer)

    assert refused.value.messages == [
        "Unknown transition 'finish': use one of start, submit, complete, sign_off, reopen, "
        "withdraw."
    ]


@pytest.fixture
def request_resolution():
    panel = Body.objects.create(name="Police and Crime Panel", short_name="Panel", slug="pcp")
    meeting = Meeting.objects.create(body=panel, date=datetime.date(2023, 7, 26))
    item = AgendaItem.objects.create(
        meeting=meeting, order=9, number="9", title="Police and Crime Commissioner's Update"
    )
    return Resolution.objects.create(
        item=item,
        number=2,
        kind=Resolution.Kind.REQUEST,
        text="That the Panel requests that details of match funding be provided and be "
        "included in future reports.",
    )


def test_a_resolution_becomes_an_action_linked_to_it(request_resolution, officer):
    action = services.action_from_resolution(resolution=request_resolution, user=officer)

    assert (action.resolution, action.item, action.meeting) == (
        request_resolution,
        request_resolution.item,
        request_resolution.item.meeting,
    )
    assert (action.reference, action.text, action.status) == (
        "9.2",
        request_resolution.text,
        S.OPEN,
    )
    assert history(action) == [("", "open", "Raised from resolution 9.2 of Panel, 26 July 2023.")]


def test_an_action_from_an_exempt_item_is_restricted(request_resolution, officer):
    AgendaItem.objects.filter(pk=request_resolution.item_id).update(
        confidentiality=AgendaItem.Confidentiality.EXEMPT, exempt_paragraphs="3"
    )

    action = services.action_from_resolution(resolution=request_resolution, user=officer)

    assert action.restricted is True
    assert not Action.objects.public().filter(pk=action.pk).exists()


def test_a_resolution_cannot_become_two_actions(request_resolution, officer):
    services.action_from_resolution(resolution=request_resolution, user=officer)

    with pytest.raises(ValidationError, match="already has an action: open that one instead"):
        services.action_from_resolution(resolution=request_resolution, user=officer)

    assert Action.objects.filter(resolution=request_resolution).count() == 1


def test_completing_keeps_a_wording_typed_in_the_admin_in_the_history(officer):
    body = Body.objects.create(name="Corporate Governance Board", slug="cgb", kind="board")
    meeting = Meeting.objects.create(body=body, kind="board", date=datetime.date(2023, 6, 21))
    action = services.action_create(meeting=meeting, text="Carry forward requests")
    # Typed on the action's admin page, not reported through a step: no history row has it.
    Action.objects.filter(pk=action.pk).update(status_wording="with the CFO for review")

    services.action_complete(action=action, user=officer, note="Done")

    assert action.status_wording == ""
    assert action.history.last().note == (
        "Done\n\nStatus as reported before this step: \u201cwith the CFO for review\u201d."
    )
