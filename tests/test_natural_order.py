"""Action references sort as people read them: 8b, 9.1a, 9.2, 10.2, 11.2 (not 10.2 before 8b)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from actions.models import Action
from actions.references import reference_key
from actions.reports import actions_arising_report
from meetings.visibility import Audience
from tests.factories import ActionFactory, BodyFactory, MeetingFactory, OwnerFactory

pytestmark = pytest.mark.django_db

# As people read them; stored in an order where text sorting would give 10.2, 11.2, 8b, 9.1a, 9.2.
NATURAL = ["8b", "9.1a", "9.2", "10.2", "11.2"]
STORED = ["11.2", "8b", "10.2", "9.2", "9.1a"]
DUE = datetime.date(2023, 10, 9)


@pytest.fixture
def actions(db):
    """Five open public actions of one meeting, due on the same day, owned by the OPCC."""
    meeting = MeetingFactory(body=BodyFactory(), date=datetime.date(2023, 7, 26))
    owner = OwnerFactory(name="OPCC")
    made = [
        ActionFactory(
            meeting=meeting,
            reference=ref,
            text=f"Action numbered {ref}",
            due_date=DUE,
            owners=[owner],
        )
        for ref in STORED
    ]
    Action.objects.all().refresh_public_flags()
    return made


def order_on_page(html):
    """The references of the actions, in the order the page prints their texts."""
    positions = {ref: html.find(f"Action numbered {ref}") for ref in NATURAL}
    assert all(position >= 0 for position in positions.values()), positions
    return sorted(NATURAL, key=positions.get)


def test_keys_order_numbers_by_value_and_letters_after_them():
    assert sorted(
        ["10", "8b", "9", "8a", "8", "10.2", "9.1a", "9.10", "9.2"], key=reference_key
    ) == [
        "8",
        "8a",
        "8b",
        "9",
        "9.1a",
        "9.2",
        "9.10",
        "10",
        "10.2",
    ]


def test_each_action_stores_its_key_when_saved(actions):
    action = actions[0]
    action.reference = "12.3"
    action.save(update_fields=["reference"])

    assert Action.objects.filter(reference="12.3").values_list(
        "reference_key", flat=True
    ).get() == (reference_key("12.3"))


def test_model_order_is_natural(actions):
    assert list(Action.objects.values_list("reference", flat=True)) == NATURAL


def test_action_list_sorted_by_reference(client, actions):
    response = client.get(reverse("actions:action_list"), {"ordering": "reference"})

    assert order_on_page(response.text) == NATURAL


def test_action_list_reversed_reference(client, actions):
    response = client.get(reverse("actions:action_list"), {"ordering": "-reference"})

    assert order_on_page(response.text) == NATURAL[::-1]


def test_action_list_default_order_breaks_ties_by_reference(client, actions):
    response = client.get(reverse("actions:action_list"))

    assert order_on_page(response.text) == NATURAL


def test_my_actions_in_natural_order(client, django_user_model, actions):
    user = django_user_model.objects.create_user("opcc")
    actions[0].owners.get().users.add(user)
    client.force_login(user)

    response = client.get(reverse("actions:action_mine"))

    assert order_on_page(response.text) == NATURAL


def test_admin_list_in_natural_order_by_default_and_by_its_column(admin_client, actions):
    url = reverse("admin:actions_action_changelist")
    default = admin_client.get(url)
    by_reference = admin_client.get(url, {"o": "1"})

    assert order_on_page(default.text) == NATURAL
    assert order_on_page(by_reference.text) == NATURAL


def test_api_lists_a_meeting_s_actions_in_natural_order(client, actions):
    response = client.get("/api/v1/actions/")

    assert [row["reference"] for row in response.json()["results"]] == NATURAL


def test_actions_arising_report_letters_them_in_natural_order(actions):
    later = MeetingFactory(body=actions[0].meeting.body, date=datetime.date(2023, 10, 9))

    report = actions_arising_report(meeting=later, audience=Audience(AnonymousUser()))

    (section,) = report.sections
    assert [line.action.reference for line in section.lines] == NATURAL
