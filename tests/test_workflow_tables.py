"""Adding a workflow step is one entry in its record's step table.

Each test here extends a table (actions.services.STEPS, meetings.services.STEPS) with a step
the site does not have, the way a maintainer would add an entry, and checks that the service,
the admin (button, page, bulk action) and the API (endpoint, request body, schema) take it up
with nothing else written. The API's endpoints and URLs are made once, when the site starts:
``site_started`` builds them again from the extended table, as a restart would.
"""

import datetime
import sys
import types

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import include, path, reverse
from rest_framework.renderers import JSONRenderer

import panel.urls
from actions import services as action_services
from actions.api import ActionViewSet, add_step_endpoints
from actions.models import Action
from actions.steps import ActionStep, Need
from meetings import api_minutes
from meetings import services as minutes_services
from meetings.models import Body, Meeting, Minutes, MinutesEvent
from panel.api import PanelRouter, router

pytestmark = pytest.mark.django_db

Status = Action.Status


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 9, 1, 9, 0), tick=False)


@pytest.fixture
def site_started(settings):
    """Build the site's API URLs again, from the step tables as they now are."""
    name = "tests.workflow_tables_urls"

    def start():
        fresh = PanelRouter(root_renderers=[JSONRenderer])
        fresh.registry = list(router.registry)
        urls = types.ModuleType(name)
        urls.urlpatterns = [path("api/v1/", include(fresh.urls)), *panel.urls.urlpatterns]
        sys.modules[name] = urls
        settings.ROOT_URLCONF = name

    yield start
    sys.modules.pop(name, None)


def schema_paths(client):
    return client.get("/api/schema/", {"format": "json"}).json()["paths"]


# --- Actions: "defer", back to open to wait for a later meeting, with a required note ------

DEFER = ActionStep(
    name="defer",
    label="Defer",
    verb="deferred",
    done="Deferred",
    summary="Defer an action",
    explanation="The action waits for a later meeting: it goes back to open, the reason kept "
    "in its history.",
    allowed_from=(Status.OPEN, Status.IN_PROGRESS),
    to=Status.OPEN,
    asks=(
        Need(
            name="note",
            label="Why the action is deferred",
            label_many="Why the actions are deferred",
            help_text="Kept in the action's history.",
            missing="Say why the action is deferred.",
            missing_many="Say why the actions are deferred.",
        ),
    ),
)


@pytest.fixture
def with_defer(monkeypatch, site_started):
    monkeypatch.setattr(action_services, "STEPS", {**action_services.STEPS, "defer": DEFER})
    for name in action_services.STEPS:
        # Recorded so that the endpoints made from the extended table are undone afterwards.
        monkeypatch.setattr(ActionViewSet, name, getattr(ActionViewSet, name, None), raising=False)
    add_step_endpoints(ActionViewSet)
    site_started()


@pytest.fixture
def action():
    cgb = Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )
    june = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 6, 21))
    return action_services.action_create(meeting=june, reference="8d", text="Review the plan")


def test_the_service_takes_an_added_action_step_with_a_history_row(with_defer, action, staff_user):
    action_services.action_start(action=action, user=staff_user)

    action_services.action_transition(
        action=action, transition="defer", user=staff_user, note="Waits for the budget"
    )

    action.refresh_from_db()
    assert action.status == Status.OPEN
    event = action.history.last()
    assert (event.from_status, event.to_status, event.note, event.actor) == (
        Status.IN_PROGRESS,
        Status.OPEN,
        "Waits for the budget",
        staff_user,
    )


def test_the_service_refuses_an_added_action_step_as_declared(with_defer, action, staff_user):
    action_services.action_complete(action=action, user=staff_user)

    with pytest.raises(ValidationError) as missing:
        action_services.action_transition(action=action, transition="defer", user=staff_user)
    with pytest.raises(action_services.TransitionNotAllowed) as refused:
        action_services.action_transition(
            action=action, transition="defer", user=staff_user, note="Later"
        )

    assert missing.value.messages == ["Say why the action is deferred."]
    assert refused.value.messages == [
        "Action 8d is complete: it cannot be deferred (only an action that is open, in "
        "progress can)."
    ]
    assert action.history.count() == 2


def test_the_admin_offers_an_added_action_step_and_its_page_takes_it(
    with_defer, action, staff_client
):
    change_url = reverse("admin:actions_action_change", args=[action.pk])
    step_url = reverse("admin:actions_action_step", args=[action.pk, "defer"])

    page = staff_client.get(change_url)
    asked = staff_client.get(step_url)
    taken = staff_client.post(step_url, {"note": "Waits for the budget"}, follow=True)

    assert '<button type="submit" name="_step" value="defer"' in page.text
    assert "Why the action is deferred" in asked.text
    assert taken.redirect_chain[-1][0] == change_url
    assert "Deferred 1 action: 8d (CGB, 21 June 2023)." in taken.text
    assert action.history.last().note == "Waits for the budget"


def test_the_admin_list_offers_an_added_action_step_in_bulk(with_defer, action, staff_client):
    changelist = reverse("admin:actions_action_changelist")
    choose = {"action": "defer", "_selected_action": [action.pk]}

    choices = dict(staff_client.get(changelist).context["action_form"].fields["action"].choices)
    asked = staff_client.post(changelist, {**choose, "apply": "Defer"})
    taken = staff_client.post(changelist, {**choose, "apply": "Defer", "note": "Later"})

    assert choices["defer"] == "Defer"
    assert "Say why the actions are deferred." in asked.text
    assert taken.status_code == 302
    assert action.history.last().note == "Later"


def test_the_api_exposes_an_added_action_step(with_defer, action, staff_client):
    url = f"/api/v1/actions/{action.pk}/defer/"

    missing = staff_client.post(url, {}, content_type="application/json")
    taken = staff_client.post(url, {"note": "Later"}, content_type="application/json")

    assert missing.status_code == 400
    assert missing.json()["errors"] == {"note": ["Say why the action is deferred."]}
    assert taken.status_code == 200
    assert taken.json()["history"][-1]["note"] == "Later"
    operation = schema_paths(staff_client)["/api/v1/actions/{id}/defer/"]["post"]
    assert operation["summary"] == "Defer an action"
    assert "409" in operation["responses"]


def test_without_the_entry_there_is_no_defer_step(action, staff_client):
    step_url = reverse("admin:actions_action_step", args=[action.pk, "defer"])

    assert staff_client.get(step_url).status_code == 404
    assert staff_client.post(f"/api/v1/actions/{action.pk}/defer/", {}).status_code == 404
    assert "/api/v1/actions/{id}/defer/" not in schema_paths(staff_client)


# --- Minutes: "annotate", a note in the history of published minutes ------------------------


def minutes_annotate(*, minutes, user, note=""):
    """The hypothetical step's service: a note in the history, the status unchanged."""
    step = minutes_services.STEPS["annotate"]
    if not note.strip():
        raise minutes_services.MinutesInputRefused(
            step.note_required, code="note_required", field="note"
        )
    with transaction.atomic():
        locked = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        if not step.allows(locked):
            raise minutes_services.MinutesTransitionNotAllowed(step.refusal(locked))
        MinutesEvent.objects.create(
            minutes=locked,
            from_status=locked.status,
            to_status=locked.status,
            actor=user,
            note=note,
        )
    return minutes


ANNOTATE = minutes_services.MinutesStep(
    name="annotate",
    label="Add a note",
    done="Added a note to the history of the minutes of {meeting}.",
    explanation="A note for the minutes' history, such as where the signed copy is kept.",
    allowed_from=(Minutes.Status.PUBLISHED, Minutes.Status.CONFIRMED),
    to=None,
    note_label="The note",
    note_required="Write the note to add to the minutes' history.",
    refusals={Minutes.Status.DRAFT: "The minutes of {meeting} are a draft: no note yet."},
    service=minutes_annotate,
)


@pytest.fixture
def with_annotate(monkeypatch, site_started):
    monkeypatch.setattr(minutes_services, "STEPS", {**minutes_services.STEPS, "annotate": ANNOTATE})
    monkeypatch.setitem(
        api_minutes.REQUEST_SERIALIZERS, "annotate", api_minutes.request_serializer(ANNOTATE)
    )
    monkeypatch.setattr(
        api_minutes.MinutesViewSet, "annotate", api_minutes.step_endpoint(ANNOTATE), raising=False
    )
    site_started()


@pytest.fixture
def minutes(staff_user):
    pcp = Body.objects.create(name="Police and Crime Panel", short_name="PCP", slug="pcp")
    meeting = Meeting.objects.create(body=pcp, date=datetime.date(2023, 7, 26))
    draft = minutes_services.minutes_create(meeting=meeting, user=staff_user)
    return minutes_services.minutes_publish(minutes=draft, user=staff_user)


def test_the_minutes_service_takes_an_added_step_with_a_history_row(
    with_annotate, minutes, staff_user
):
    minutes_services.minutes_step(
        minutes=minutes, step="annotate", user=staff_user, note="Signed copy in the safe"
    )

    event = minutes.history.order_by("pk").last()
    assert (event.from_status, event.to_status, event.note) == (
        Minutes.Status.PUBLISHED,
        Minutes.Status.PUBLISHED,
        "Signed copy in the safe",
    )


def test_the_minutes_admin_offers_an_added_step_and_its_page_takes_it(
    with_annotate, minutes, staff_client
):
    change_url = reverse("admin:meetings_minutes_change", args=[minutes.pk])
    step_url = reverse("admin:meetings_minutes_step", args=[minutes.pk, "annotate"])

    page = staff_client.get(change_url)
    refused = staff_client.post(step_url, {"note": " "})
    taken = staff_client.post(step_url, {"note": "Signed copy in the safe"}, follow=True)

    assert f'href="{step_url}"' in page.text
    assert "Write the note to add to the minutes&#x27; history." in refused.text
    assert "Added a note to the history of the minutes of" in taken.text
    assert minutes.history.order_by("pk").last().note == "Signed copy in the safe"


def test_the_minutes_api_exposes_an_added_step(with_annotate, minutes, staff_client):
    url = f"/api/v1/minutes/{minutes.pk}/annotate/"

    missing = staff_client.post(url, {}, content_type="application/json")
    taken = staff_client.post(url, {"note": "Signed copy"}, content_type="application/json")

    assert missing.status_code == 400
    assert missing.json()["errors"] == {"note": ["Write the note to add to the minutes' history."]}
    assert taken.status_code == 200
    assert taken.json()["history"][-1]["note"] == "Signed copy"
    assert "post" in schema_paths(staff_client)["/api/v1/minutes/{id}/annotate/"]
