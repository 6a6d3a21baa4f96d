"""Owners report progress on their actions; democratic services review; everyone reads it."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from actions.models import Action, ActionEvent
from actions.progress import ProgressUpdate
from actions.roles import STAFF_GROUP
from tests.factories import ActionFactory, MeetingFactory, OwnerFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Action.Status


@pytest.fixture
def owner_user(db):
    return UserFactory(username="force-lead")


@pytest.fixture
def action(panel, owner_user):
    owner = OwnerFactory(name="Force")
    owner.users.add(owner_user)
    action = ActionFactory(meeting=MeetingFactory(body=panel), reference="8d", text="Review SLA")
    action.owners.add(owner)
    return action


def update_url(action):
    return reverse("actions:action_update", args=[action.pk])


def test_an_owner_posts_an_update_and_submits_for_sign_off(client, owner_user, action):
    client.force_login(owner_user)
    page = client.get(update_url(action))
    assert page.status_code == 200 and "submit this action for sign-off" in page.text

    response = client.post(update_url(action), {"text": "Agreed with the OPCC.", "done": "on"})

    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    update = ProgressUpdate.objects.get()
    assert (update.author, update.text, update.asked_sign_off, update.status) == (
        owner_user,
        "Agreed with the OPCC.",
        True,
        ProgressUpdate.Status.AWAITING_REVIEW,
    )
    action.refresh_from_db()
    assert action.status == S.AWAITING_SIGN_OFF
    event = ActionEvent.objects.filter(action=action).latest("at")
    assert event.actor == owner_user and "Agreed with the OPCC." in event.note


def test_an_empty_update_is_refused_and_nothing_written(client, owner_user, action):
    client.force_login(owner_user)
    response = client.post(update_url(action), {"text": "  ", "done": "on"})
    assert response.status_code == 200
    assert "Write what has happened since the last update." in response.text
    assert not ProgressUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == S.OPEN


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_only_owners_report(client, action, who):
    if who == "stranger":
        client.force_login(UserFactory(username="stranger"))
    response = client.get(update_url(action))
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert client.post(update_url(action), {"text": "x"}).status_code in (302, 403)
    assert not ProgressUpdate.objects.exists()


def test_staff_accept_an_update_from_the_admin_list(client, owner_user, action, staff_user):
    client.force_login(owner_user)
    client.post(update_url(action), {"text": "Half done."})
    update = ProgressUpdate.objects.get()
    client.force_login(staff_user)
    changelist = reverse("admin:actions_progressupdate_changelist")

    listed = client.get(changelist)
    assert "Half done." in listed.text  # awaiting review is what the list shows first
    client.post(changelist, {"action": "accept", "_selected_action": [update.pk]})

    update.refresh_from_db()
    assert update.status == ProgressUpdate.Status.ACCEPTED and update.reviewed_by == staff_user
    assert "Half done." not in client.get(changelist).text  # no longer awaiting review


def test_returning_an_update_needs_a_reason(client, owner_user, action, staff_user):
    client.force_login(owner_user)
    client.post(update_url(action), {"text": "Done?"})
    update = ProgressUpdate.objects.get()
    client.force_login(staff_user)
    changelist = reverse("admin:actions_progressupdate_changelist")
    data = {"action": "send_back", "_selected_action": [update.pk], "apply": "1"}

    asked = client.post(changelist, {**data, "note": ""})
    assert "Say why the update goes back" in asked.text
    client.post(changelist, {**data, "note": "Which report?"})

    update.refresh_from_db()
    assert (update.status, update.review_note) == (ProgressUpdate.Status.RETURNED, "Which report?")


def test_the_action_page_shows_the_latest_accepted_update(client, owner_user, action, staff_user):
    ProgressUpdate.objects.create(action=action, author=owner_user, text="First", status="accepted")
    ProgressUpdate.objects.create(action=action, author=owner_user, text="Pending words")

    public = client.get(action.get_absolute_url()).text
    assert "Latest update" in public and "First" in public
    assert "Pending words" not in public
    client.force_login(owner_user)
    owner_view = client.get(action.get_absolute_url()).text
    assert "Pending words" in owner_view  # the author sees what awaits review
    assert update_url(action) in owner_view


def test_staff_have_the_review_permissions(db):
    codenames = set(
        Group.objects.get(name=STAFF_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"view_progressupdate", "change_progressupdate"} <= codenames
    assert "delete_progressupdate" not in codenames
