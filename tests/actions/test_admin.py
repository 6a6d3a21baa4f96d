"""The action log in the admin: the list, history read-only, deletion, the workflow actions."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse

from actions import services
from actions.models import Action, ActionEvent, Owner, Reminder
from meetings.models import AgendaItem, Body, Meeting, Resolution

S = Action.Status

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:actions_action_changelist")


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 9, 1, 9, 0), tick=False)


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", is_staff=True)
    user.groups.add(Group.objects.get(name="Democratic services"))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def cgb():
    return Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )


@pytest.fixture
def june(cgb):
    return Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 6, 21))


@pytest.fixture
def september(cgb):
    return Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 9, 25))


@pytest.fixture
def opcc():
    return Owner.objects.create(name="OPCC")


@pytest.fixture
def make_action(june, opcc):
    def make(reference, due=None, **kwargs):
        return services.action_create(
            meeting=june,
            reference=reference,
            text=kwargs.pop("text", f"Action {reference} text"),
            owners=[opcc],
            due_date=due,
            **kwargs,
        )

    return make


@pytest.fixture
def in_status(make_action, officer):
    """An action of the June meeting in the given status, referenced as given."""

    def make(reference, status):
        action = make_action(reference)
        if status == S.IN_PROGRESS:
            services.action_start(action=action, user=officer)
        elif status == S.AWAITING_SIGN_OFF:
            services.action_submit_for_sign_off(action=action, user=officer)
        elif status == S.COMPLETE:
            services.action_complete(action=action, user=officer)
        elif status == S.WITHDRAWN:
            services.action_withdraw(action=action, user=officer, reason="Not needed")
        return action

    return make


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def run_action(client, name, actions, **data):
    """Choose a workflow action for ``actions`` on the list; with data, apply it."""
    post = {"action": name, "_selected_action": [a.pk for a in actions], **data}
    if data:
        post["apply"] = "Apply"
    # Posted from the list showing every status, as a browser on that list does (the list
    # shows outstanding actions only by default, and a bulk action acts on what it shows).
    return client.post(f"{CHANGELIST}?status__exact=all", post, follow=bool(data))


# The list


def test_the_list_shows_reference_text_owner_due_status_and_rag(officer_client, make_action):
    make_action("8b", due=datetime.date(2023, 8, 1))

    response = officer_client.get(CHANGELIST)

    row = re.search(r"<tr>(?:(?!<tr).)*?Action 8b text.*?</tr>", response.text, re.S).group(0)
    cells = re.findall(r'<t[hd] class="field-[^"]*">(.*?)</t[hd]>', row)
    assert [re.sub("<[^>]+>", " ", cell).strip() for cell in cells] == [
        "8b",
        "Action 8b text  CGB, 21 June 2023",
        "OPCC",
        "1 Aug 2023",
        "Open",
        "Red (overdue)",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"rag": "red"}, ["8b"]),
        ({"rag": "amber"}, ["8d"]),
        ({"rag": "green"}, ["8g"]),
        ({"overdue": "yes"}, ["8b"]),
        ({"overdue": "no"}, ["8d", "8g"]),
        ({"status__exact": "complete"}, ["8a"]),
        ({"body": "cgb"}, ["8b", "8d", "8g"]),
        ({"body": "cgb", "status__exact": "all"}, ["8a", "8b", "8d", "8g"]),
        ({}, ["8b", "8d", "8g"]),
        ({"q": "8g"}, ["8g"]),
    ],
    ids=[
        "red",
        "amber",
        "green",
        "overdue",
        "not-overdue",
        "status",
        "body",
        "all-statuses",
        "outstanding-by-default",
        "search",
    ],
)
def test_the_list_filters(officer_client, make_action, officer, query, expected):
    make_action("8b", due=datetime.date(2023, 8, 1))
    make_action("8d", due=datetime.date(2023, 9, 10))
    make_action("8g", due=datetime.date(2023, 12, 1))
    services.action_complete(action=make_action("8a", due=datetime.date(2023, 7, 1)), user=officer)

    response = officer_client.get(CHANGELIST, query)

    assert sorted(a.reference for a in response.context["cl"].result_list) == expected


def test_the_list_filters_by_meeting_and_owner(officer_client, make_action, cgb):
    july = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 7, 17))
    other = services.action_create(meeting=july, reference="7a", text="July action")
    force = Owner.objects.create(name="Force")
    other.owners.add(force)
    make_action("8b")

    by_meeting = officer_client.get(CHANGELIST, {"meeting": july.pk})
    by_owner = officer_client.get(CHANGELIST, {"owners__id__exact": force.pk})

    assert [a.reference for a in by_meeting.context["cl"].result_list] == ["7a"]
    assert [a.reference for a in by_owner.context["cl"].result_list] == ["7a"]


# One action's page


def test_the_change_page_shows_history_read_only(officer_client, make_action, officer):
    action = make_action("8d")
    services.action_start(action=action, user=officer, note="CFO has the requests")

    response = officer_client.get(reverse("admin:actions_action_change", args=[action.pk]))

    assert "CFO has the requests" in response.text
    assert 'name="history-0-note"' not in response.text
    assert "Add another history entry" not in response.text


def test_the_status_is_not_editable_in_the_form(officer_client, make_action):
    action = make_action("8d")

    response = officer_client.get(reverse("admin:actions_action_change", args=[action.pk]))

    assert "status" not in response.context["adminform"].form.fields
    assert "status_wording" in response.context["adminform"].form.fields


def test_posting_a_status_in_the_form_changes_nothing(officer_client, make_action, june, opcc):
    action = make_action("8d")

    officer_client.post(
        reverse("admin:actions_action_change", args=[action.pk]),
        {
            "meeting": june.pk,
            "reference": "8d",
            "text": "Edited text",
            "owners": [opcc.pk],
            "status": "complete",
            "history-TOTAL_FORMS": "1",
            "history-INITIAL_FORMS": "1",
            "history-MIN_NUM_FORMS": "0",
            "history-MAX_NUM_FORMS": "1000",
        },
    )

    action.refresh_from_db()
    assert (action.text, action.status) == ("Edited text", S.OPEN)


def test_adding_an_action_in_the_admin_records_its_first_history_row(
    officer_client, june, opcc, officer
):
    response = officer_client.post(
        reverse("admin:actions_action_add"),
        {
            "meeting": june.pk,
            "reference": "8e",
            "text": "Financial Update report to be added to July CGB",
            "owners": [opcc.pk],
            "history-TOTAL_FORMS": "0",
            "history-INITIAL_FORMS": "0",
            "history-MIN_NUM_FORMS": "0",
            "history-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    action = Action.objects.get(reference="8e")
    assert list(action.owners.all()) == [opcc]
    assert list(action.history.values_list("from_status", "to_status", "actor")) == [
        ("", "open", officer.pk)
    ]


def test_officers_cannot_delete_an_action(officer_client, make_action):
    action = make_action("8d")

    response = officer_client.get(reverse("admin:actions_action_delete", args=[action.pk]))
    choices = dict(officer_client.get(CHANGELIST).context["action_form"].fields["action"].choices)

    assert response.status_code == 403
    assert "delete_selected" not in choices
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_superuser_may_open_the_delete_page(client, make_action, admin_user):
    action = make_action("8d")
    client.force_login(admin_user)

    response = client.get(reverse("admin:actions_action_delete", args=[action.pk]))

    assert response.status_code == 200


# Workflow actions


def test_the_workflow_actions_are_offered_to_officers(officer_client):
    choices = dict(officer_client.get(CHANGELIST).context["action_form"].fields["action"].choices)

    assert [choices[name] for name in ("start", "mark_complete", "submit_for_sign_off")] == [
        "Start",
        "Mark complete",
        "Submit for sign-off",
    ]
    assert [choices[name] for name in ("sign_off", "reopen", "withdraw")] == [
        "Sign off at meeting",
        "Reopen",
        "Withdraw",
    ]


def test_staff_without_the_workflow_permission_are_not_offered_it(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        *Group.objects.get(name="Democratic services")
        .permissions.filter(content_type__app_label="actions")
        .exclude(codename="change_action_status")
    )
    client.force_login(clerk)

    response = client.get(CHANGELIST)

    # With no action left to offer, the admin shows no action menu at all.
    assert response.context["action_form"] is None
    assert "Mark complete" not in response.text


def test_staff_without_the_workflow_permission_cannot_post_it(
    client, django_user_model, make_action
):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        *Group.objects.get(name="Democratic services")
        .permissions.filter(content_type__app_label="actions")
        .exclude(codename="change_action_status")
    )
    client.force_login(clerk)
    action = make_action("8d")

    run_action(client, "mark_complete", [action], note="Sneaky")

    action.refresh_from_db()
    assert action.status == S.OPEN


def test_a_workflow_action_first_asks_on_an_intermediate_page(officer_client, in_status):
    action = in_status("8d", S.OPEN)

    response = run_action(officer_client, "mark_complete", [action])

    assert response.status_code == 200
    assert response.templates[0].name == "admin/actions/workflow_confirmation.html"
    assert "Status as it will be reported (optional)" in response.text
    assert f'name="_selected_action" value="{action.pk}"' in response.text
    action.refresh_from_db()
    assert action.status == S.OPEN


@pytest.mark.parametrize(
    ("name", "start", "data", "end"),
    [
        ("start", S.OPEN, {"note": "Begun"}, S.IN_PROGRESS),
        ("mark_complete", S.IN_PROGRESS, {"status_wording": "completed"}, S.COMPLETE),
        ("submit_for_sign_off", S.OPEN, {"status_wording": "reviewed"}, S.AWAITING_SIGN_OFF),
        ("reopen", S.COMPLETE, {"note": "Not done after all"}, S.OPEN),
        ("withdraw", S.OPEN, {"reason": "Overtaken by events"}, S.WITHDRAWN),
    ],
)
def test_each_workflow_action_applies_its_transition(
    officer_client, in_status, name, start, data, end
):
    actions = [in_status("8a", start), in_status("8b", start)]

    response = run_action(officer_client, name, actions, **data)

    assert response.status_code == 200
    for action in actions:
        action.refresh_from_db()
        assert action.status == end
        event = action.history.last()
        assert (event.from_status, event.to_status) == (start, end)
    assert any(
        m.endswith("2 actions: 8a (CGB, 21 June 2023), 8b (CGB, 21 June 2023).")
        for m in (messages_of(response))
    )


def test_sign_off_records_the_meeting(officer_client, in_status, september):
    action = in_status("8d", S.AWAITING_SIGN_OFF)

    response = run_action(
        officer_client, "sign_off", [action], meeting=september.pk, status_wording="complete"
    )

    action.refresh_from_db()
    assert (action.status, action.signed_off_at, action.status_wording) == (
        S.COMPLETE,
        september,
        "complete",
    )
    assert action.history.last().signed_off_at == september
    assert messages_of(response) == ["Signed off 1 action: 8d (CGB, 21 June 2023)."]


def test_sign_off_without_a_meeting_asks_again_and_changes_nothing(officer_client, in_status):
    action = in_status("8d", S.AWAITING_SIGN_OFF)

    response = officer_client.post(
        CHANGELIST,
        {"action": "sign_off", "_selected_action": [action.pk], "apply": "Sign off at meeting"},
    )

    assert response.status_code == 200
    assert "Choose the meeting at which the actions were signed off." in response.text
    action.refresh_from_db()
    assert action.status == S.AWAITING_SIGN_OFF
    assert action.history.count() == 2


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("withdraw", "Give the reason the actions are withdrawn."),
        ("reopen", "Say why the actions are being reopened."),
    ],
)
def test_a_step_that_needs_a_reason_asks_for_it(officer_client, in_status, name, message):
    action = in_status("8d", S.IN_PROGRESS)

    response = officer_client.post(
        CHANGELIST,
        {"action": name, "_selected_action": [action.pk], "apply": "Apply", "reason": " "},
    )

    assert message in response.text
    action.refresh_from_db()
    assert action.status == S.IN_PROGRESS


def test_a_mixed_selection_changes_those_allowed_and_reports_each_refusal(
    officer_client, in_status
):
    open_action = in_status("8a", S.OPEN)
    complete = in_status("8c", S.COMPLETE)
    withdrawn = in_status("8e", S.WITHDRAWN)

    response = run_action(
        officer_client, "mark_complete", [open_action, complete, withdrawn], note="Checked"
    )

    assert messages_of(response) == [
        "Marked complete 1 action: 8a (CGB, 21 June 2023).",
        "Refused for 8c (CGB, 21 June 2023), which was left unchanged: Action 8c is complete: "
        "it cannot be marked complete (only an action that is open, in progress, awaiting "
        "sign-off can).",
        "Refused for 8e (CGB, 21 June 2023), which was left unchanged: Action 8e is withdrawn: "
        "it cannot be marked complete (only an action that is open, in progress, awaiting "
        "sign-off can).",
    ]
    assert [a.status for a in Action.objects.order_by("reference")] == [
        S.COMPLETE,
        S.COMPLETE,
        S.WITHDRAWN,
    ]
    assert ActionEvent.objects.filter(note="Checked").count() == 1


def test_a_mixed_sign_off_refuses_actions_not_awaiting_it(officer_client, in_status, september):
    awaiting = in_status("8d", S.AWAITING_SIGN_OFF)
    still_open = in_status("8b", S.OPEN)

    response = run_action(officer_client, "sign_off", [awaiting, still_open], meeting=september.pk)

    assert messages_of(response) == [
        "Signed off 1 action: 8d (CGB, 21 June 2023).",
        "Refused for 8b (CGB, 21 June 2023), which was left unchanged: Action 8b is open: it "
        "cannot be signed off (only an action that is awaiting sign-off can).",
    ]
    still_open.refresh_from_db()
    assert still_open.status == S.OPEN


def step_url(action, name):
    return reverse("admin:actions_action_step", args=[action.pk, name])


def change_form_data(action, **changes):
    """The action's change form as the browser posts it, with ``changes`` typed in."""
    data = {
        "meeting": action.meeting_id,
        "reference": action.reference,
        "text": action.text,
        "owners": [owner.pk for owner in action.owners.all()],
        "due_date": action.due_date.isoformat() if action.due_date else "",
        "follow_up": action.follow_up,
        "status_wording": action.status_wording,
        "history-TOTAL_FORMS": str(action.history.count()),
        "history-INITIAL_FORMS": str(action.history.count()),
        "history-MIN_NUM_FORMS": "0",
        "history-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_a_workflow_action_runs_from_the_actions_own_page(officer_client, in_status):
    action = in_status("8d", S.OPEN)
    change_url = reverse("admin:actions_action_change", args=[action.pk])

    asked = officer_client.post(change_url, change_form_data(action, _step="complete"), follow=True)
    applied = officer_client.post(step_url(action, "complete"), {"note": "Ok"})

    assert "Status as it will be reported (optional)" in asked.text
    assert applied.status_code == 302
    assert applied["Location"] == change_url
    action.refresh_from_db()
    assert action.status == S.COMPLETE


def step_buttons(response):
    return re.findall(r'<button type="submit" name="_step" value="(\w+)"', response.text)


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (S.OPEN, ["start", "submit", "complete", "withdraw"]),
        (S.AWAITING_SIGN_OFF, ["complete", "sign_off", "reopen", "withdraw"]),
        (S.WITHDRAWN, ["reopen"]),
    ],
)
def test_the_change_page_offers_only_the_steps_the_status_allows(
    officer_client, in_status, status, offered
):
    action = in_status("8d", status)

    response = officer_client.get(reverse("admin:actions_action_change", args=[action.pk]))

    assert step_buttons(response) == offered


def test_the_step_buttons_come_after_save_so_enter_still_saves(officer_client, in_status):
    action = in_status("8d", S.OPEN)

    text = officer_client.get(reverse("admin:actions_action_change", args=[action.pk])).text

    assert text.index('name="_save"') < text.index('name="_step"')


def test_a_clerk_without_the_workflow_permission_sees_no_steps(
    client, django_user_model, in_status
):
    clerk = django_user_model.objects.create_user("clerk", is_staff=True)
    clerk.user_permissions.add(
        *Group.objects.get(name="Democratic services")
        .permissions.filter(content_type__app_label="actions")
        .exclude(codename="change_action_status")
    )
    client.force_login(clerk)
    action = in_status("8d", S.OPEN)

    page = client.get(reverse("admin:actions_action_change", args=[action.pk]))
    step_page = client.get(step_url(action, "start"))

    assert step_buttons(page) == []
    assert "Next steps" not in page.text
    assert step_page.status_code == 403


def test_pressing_a_step_saves_what_was_typed_first(officer_client, in_status):
    action = in_status("8d", S.OPEN)
    change_url = reverse("admin:actions_action_change", args=[action.pk])

    response = officer_client.post(
        change_url, change_form_data(action, text="Typed before pressing", _step="withdraw")
    )

    assert response.status_code == 302
    assert response["Location"] == step_url(action, "withdraw")
    action.refresh_from_db()
    assert (action.text, action.status) == ("Typed before pressing", S.OPEN)


def test_a_step_pressed_with_an_invalid_form_keeps_the_typing_and_takes_no_step(
    officer_client, in_status
):
    action = in_status("8d", S.OPEN)
    change_url = reverse("admin:actions_action_change", args=[action.pk])

    response = officer_client.post(
        change_url,
        change_form_data(action, text="Kept on the page", due_date="next week", _step="start"),
    )

    assert response.status_code == 200
    assert "Kept on the page" in response.text
    action.refresh_from_db()
    assert (action.text, action.status) == ("Action 8d text", S.OPEN)


def test_the_sign_off_page_offers_only_meetings_on_or_after_the_action_arose(
    officer_client, in_status, cgb, september
):
    april = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 4, 19))
    action = in_status("8d", S.AWAITING_SIGN_OFF)

    response = officer_client.get(step_url(action, "sign_off"))

    offered = [meeting.pk for meeting in response.context["form"].fields["meeting"].queryset]
    assert offered == [september.pk, action.meeting_id]
    assert f'value="{april.pk}"' not in response.text


def test_the_sign_off_page_refuses_an_earlier_meeting(officer_client, in_status, cgb):
    april = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 4, 19))
    action = in_status("8d", S.AWAITING_SIGN_OFF)

    response = officer_client.post(step_url(action, "sign_off"), {"meeting": april.pk})

    assert "That meeting is not in the record: choose one from the list." in response.text
    action.refresh_from_db()
    assert action.status == S.AWAITING_SIGN_OFF


def test_a_step_page_takes_the_step_and_reports_it(officer_client, in_status):
    action = in_status("8d", S.IN_PROGRESS)

    response = officer_client.post(
        step_url(action, "reopen"), {"note": "The Chair asked again"}, follow=True
    )

    assert messages_of(response) == ["Reopened 1 action: 8d (CGB, 21 June 2023)."]
    action.refresh_from_db()
    assert action.status == S.OPEN
    assert action.history.last().note == "The Chair asked again"


def test_a_step_page_asks_again_for_a_missing_reason(officer_client, in_status):
    action = in_status("8d", S.OPEN)

    response = officer_client.post(step_url(action, "withdraw"), {"reason": " "})

    assert "Give the reason the action is withdrawn." in response.text
    action.refresh_from_db()
    assert action.status == S.OPEN


def test_a_step_the_status_no_longer_allows_is_refused_on_its_page(officer_client, in_status):
    action = in_status("8d", S.COMPLETE)

    response = officer_client.get(step_url(action, "start"), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:actions_action_change", args=[action.pk]
    )
    assert messages_of(response) == [
        "Action 8d is complete: it cannot be started (only an action that is open can)."
    ]


def test_a_step_refused_meanwhile_keeps_what_was_typed(officer_client, in_status, officer):
    action = in_status("8d", S.OPEN)
    officer_client.get(step_url(action, "withdraw"))
    services.action_complete(action=action, user=officer)

    response = officer_client.post(step_url(action, "withdraw"), {"reason": "Overtaken"})

    assert response.status_code == 200
    assert "Overtaken" in response.text
    assert messages_of(response) == [
        "Withdraw: refused, nothing was changed. Action 8d is complete: it cannot be withdrawn "
        "(only an action that is open, in progress, awaiting sign-off can)."
    ]


def test_an_unknown_step_is_a_404(officer_client, in_status):
    action = in_status("8d", S.OPEN)

    assert officer_client.get(step_url(action, "defer")).status_code == 404


# From a resolution


@pytest.fixture
def resolution():
    panel = Body.objects.create(name="Police and Crime Panel", short_name="Panel", slug="pcp")
    meeting = Meeting.objects.create(body=panel, date=datetime.date(2023, 7, 26))
    item = AgendaItem.objects.create(meeting=meeting, order=9, number="9", title="PCC update")
    return Resolution.objects.create(
        item=item,
        number=2,
        kind=Resolution.Kind.REQUEST,
        text="That the Panel requests that details of match funding be provided.",
    )


def from_resolution_url(resolution):
    return reverse("admin:actions_action_from_resolution", args=[resolution.pk])


def test_the_from_resolution_page_shows_the_resolution(officer_client, resolution):
    response = officer_client.get(from_resolution_url(resolution))

    assert response.status_code == 200
    assert "details of match funding be provided" in response.text
    assert not Action.objects.exists()


def test_a_resolution_becomes_an_action_in_one_step(officer_client, resolution, opcc):
    response = officer_client.post(
        from_resolution_url(resolution), {"owners": [opcc.pk], "due_date": "2023-10-09"}
    )

    action = Action.objects.get(resolution=resolution)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:actions_action_change", args=[action.pk])
    assert (action.reference, action.due_date) == ("9.2", datetime.date(2023, 10, 9))
    assert list(action.owners.all()) == [opcc]


def test_a_bad_due_date_is_explained_and_nothing_is_recorded(officer_client, resolution):
    response = officer_client.post(from_resolution_url(resolution), {"due_date": "next week"})

    assert "Enter the due date as a real date, e.g. 2023-10-09." in response.text
    assert not Action.objects.exists()


def test_a_resolution_with_an_action_leads_to_that_action(officer_client, resolution, officer):
    action = services.action_from_resolution(resolution=resolution, user=officer)

    response = officer_client.get(from_resolution_url(resolution), follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:actions_action_change", args=[action.pk]
    )
    assert Action.objects.count() == 1
    assert "already has an action: this is it." in messages_of(response)[0]


# Owners and reminders


def test_every_action_log_admin_page_loads(officer_client, make_action, opcc):
    action = make_action("8d")
    Reminder.objects.create(
        action=action, owner=opcc, sent_on=datetime.date(2023, 9, 1), recipient="o@example.org"
    )
    reminder = Reminder.objects.get()
    urls = [
        CHANGELIST,
        reverse("admin:actions_action_add"),
        reverse("admin:actions_action_change", args=[action.pk]),
        reverse("admin:actions_owner_changelist"),
        reverse("admin:actions_owner_add"),
        reverse("admin:actions_owner_change", args=[opcc.pk]),
        reverse("admin:actions_reminder_changelist"),
        reverse("admin:actions_reminder_change", args=[reminder.pk]),
    ]

    assert [officer_client.get(url).status_code for url in urls] == [200] * len(urls)


def test_reminders_are_read_only(officer_client, make_action, opcc):
    response = officer_client.get(reverse("admin:actions_reminder_add"))

    assert response.status_code == 403


def test_the_owner_list_shows_where_reminders_go(officer_client, make_action, opcc):
    Owner.objects.create(name="CFO")
    opcc.email = "opcc@example.org"
    opcc.save()

    response = officer_client.get(reverse("admin:actions_owner_changelist"))

    assert "opcc@example.org" in response.text
    assert "No email: add one so the owner is reminded" in response.text


def test_a_forged_selection_is_refused_with_a_message_and_changes_nothing(
    officer_client, make_action
):
    action = make_action("8a")
    forged = [str(action.pk), "8a; DROP TABLE actions_action", "9" * 25]

    response = officer_client.post(
        CHANGELIST,
        {"action": "mark_complete", "_selected_action": forged, "apply": "yes", "note": "Done"},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "The rows chosen were not understood, so nothing was changed. Tick the rows on the "
        "list and choose the action again."
    ]
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
    assert action.history.count() == 1


# History: the status history and the admin log of steps


def test_a_step_from_the_actions_page_is_in_its_history_and_recent_actions(
    officer_client, officer, in_status
):
    action = in_status("8d", S.OPEN)
    officer_client.post(step_url(action, "start"), {"note": "Work begun"})

    history = officer_client.get(reverse("admin:actions_action_history", args=[action.pk]))
    assert history.status_code == 200
    table = history.text.split('id="status-history"')[1].split("</table>")[0]
    assert "Open → In progress" in table and "Work begun" in table and "officer" in table
    assert "Start (now In progress)." in history.text  # the admin log of the step
    home = officer_client.get(reverse("admin:index"))
    assert "8d" in home.text.split("recent-actions-module")[1]
    assert LogEntry.objects.filter(user=officer, object_id=str(action.pk)).count() == 1


def test_a_bulk_step_logs_each_action_changed(officer_client, in_status):
    first, second = in_status("8a", S.OPEN), in_status("8b", S.OPEN)
    run_action(officer_client, "start", [first, second], note="Both begun")

    for action in (first, second):
        entry = LogEntry.objects.get(object_id=str(action.pk))
        assert entry.get_change_message() == "Start (now In progress)."


def test_history_of_an_action_never_stepped_says_so(officer_client, make_action):
    action = make_action("9a", due=datetime.date(2023, 10, 1))
    history = officer_client.get(reverse("admin:actions_action_history", args=[action.pk]))
    assert "created → Open" in history.text
