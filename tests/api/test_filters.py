"""The API's filters: strict booleans, references by integer id (or slug), ids that name
nothing, and ``?updated_since=``'s format. The action log's page shares its filters with the
API, so it is checked here too.

Uses the shared ``record`` fixture (tests/conftest.py), with three actions added.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from actions import services as action_services
from tests.factories import WorkProgrammeEntryFactory

pytestmark = pytest.mark.django_db

NOBODY = 999_999_999


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 11, 1, 12, tzinfo=ZoneInfo("Europe/London")))


@pytest.fixture
def actions(record):
    opcc = action_services.owner_for("OPCC")
    return [
        action_services.action_create(
            meeting=record.july,
            reference="3a",
            text="Report on S106 funding",
            owners=[opcc],
            due_date=datetime.date(2023, 10, 1),
        ),
        action_services.action_create(
            meeting=record.august, reference="1a", text="Publish the outcome"
        ),
    ]


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


# --- Booleans --------------------------------------------------------------------------------

BOOLEANS = [
    ("organizations", "active"),
    ("people", "current"),
    ("memberships", "current"),
    ("events", "upcoming"),
    ("motions", "is_motion"),
    ("work-programme", "scheduled"),
    ("actions", "overdue"),
]


@pytest.mark.parametrize(("resource", "name"), BOOLEANS)
def test_a_boolean_filter_refuses_anything_but_true_or_false(anonymous, record, resource, name):
    response = anonymous.get(f"/api/v1/{resource}/", {name: "yes"})

    assert response.status_code == 400
    message = " ".join(response.json()["errors"][name])
    assert '"true"' in message and '"false"' in message and '"yes"' in message


def test_overdue_true_and_false_divide_the_actions(anonymous, actions):
    overdue = ids(anonymous.get("/api/v1/actions/", {"overdue": "true"}))
    rest = ids(anonymous.get("/api/v1/actions/", {"overdue": "0"}))

    assert overdue == [actions[0].pk]
    assert rest == [actions[1].pk]


# --- References: an integer id, or a slug ------------------------------------------------------

REFERENCES = [
    ("people", "body"),
    ("memberships", "body"),
    ("memberships", "person"),
    ("events", "body"),
    ("events", "person"),
    ("motions", "body"),
    ("motions", "person"),
    ("motions", "event"),
    ("work-programme", "body"),
    ("work-programme", "event"),
    ("actions", "body"),
    ("actions", "meeting"),
    ("actions", "owner"),
]


@pytest.mark.parametrize(("resource", "name"), REFERENCES)
def test_an_id_that_names_nothing_lists_nothing(anonymous, record, actions, resource, name):
    response = anonymous.get(f"/api/v1/{resource}/", {name: NOBODY})

    assert ids(response) == []


@pytest.mark.parametrize(
    ("resource", "name"),
    [(resource, name) for resource, name in REFERENCES if name in ("body", "person")],
)
def test_a_slug_that_names_nothing_lists_nothing(anonymous, record, actions, resource, name):
    assert ids(anonymous.get(f"/api/v1/{resource}/", {name: "no-such-slug"})) == []


@pytest.mark.parametrize(
    ("resource", "name", "slug"),
    [
        ("people", "body", "llr-pcp"),
        ("memberships", "body", "llr-pcp"),
        ("memberships", "person", "allnatt"),
        ("events", "body", "llr-pcp"),
        ("events", "person", "allnatt"),
        ("motions", "body", "llr-pcp"),
        ("motions", "person", "sarah-russell"),
        ("actions", "body", "llr-pcp"),
    ],
)
def test_the_id_finds_what_the_slug_finds(anonymous, record, actions, resource, name, slug):
    row = (
        record.panel
        if name == "body"
        else next(p for p in vars(record.people).values() if p.slug == slug)
    )
    by_slug = ids(anonymous.get(f"/api/v1/{resource}/", {name: slug}))
    by_id = ids(anonymous.get(f"/api/v1/{resource}/", {name: row.pk}))

    assert by_slug  # the check below compares something
    assert by_id == by_slug


def test_events_and_owners_are_named_by_id(anonymous, record, actions):
    motions = ids(anonymous.get("/api/v1/motions/", {"event": record.july.pk}))
    owned = ids(anonymous.get("/api/v1/actions/", {"owner": actions[0].owners.get().pk}))

    assert motions == sorted(r.pk for r in record.july_resolutions)
    assert owned == [actions[0].pk]


@pytest.mark.parametrize(
    ("resource", "name", "value", "message"),
    [
        ("motions", "event", "july", "Give the meeting's id, a whole number"),
        ("motions", "event", "01", "Give the meeting's id, a whole number"),
        ("work-programme", "event", "+1", "Give the meeting's id, a whole number"),
        ("actions", "owner", "OPCC", "Give the owner's id, a whole number"),
        ("events", "body", "not a slug!", "or its slug"),
        ("memberships", "person", "allnatt/", "or its slug"),
    ],
)
def test_a_malformed_reference_is_a_400_saying_how_to_name_the_row(
    anonymous, record, resource, name, value, message
):
    response = anonymous.get(f"/api/v1/{resource}/", {name: value})

    assert response.status_code == 400
    assert message in " ".join(response.json()["errors"][name])


@pytest.mark.parametrize("resource", ["events", "motions", "work-programme"])
def test_a_date_range_that_ends_before_it_starts_lists_nothing(anonymous, record, resource):
    WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept")
    # Each date is one the schema allows; together they match nothing, as an unknown id does.
    query = {"date_from": "2023-09-01", "date_to": "2023-08-01"}

    assert ids(anonymous.get(f"/api/v1/{resource}/", query)) == []
    assert ids(anonymous.get(f"/api/v1/{resource}/", {"date_from": "2023-07-01"}))


# --- updated_since's format ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2023-11-01", "2023-11-01T10:00:00", "2023-13-01T10:00:00Z", "1698832800"],
)
@pytest.mark.parametrize(
    "resource",
    ["organizations", "people", "memberships", "events", "motions", "work-programme", "actions"],
)
def test_a_bad_updated_since_is_a_400_giving_the_format(anonymous, db, resource, value):
    response = anonymous.get(f"/api/v1/{resource}/", {"updated_since": value})

    assert response.status_code == 400
    message = " ".join(response.json()["errors"]["updated_since"])
    assert "ISO 8601" in message and "2024-05-01T09:30:00Z" in message


@pytest.mark.parametrize(
    "value",
    [
        "2023-11-01T12:00:00Z",
        "2023-11-01t12:00:00z",
        "2023-11-01T13:00:00+01:00",
        "2023-11-01T12:00:00.000001+00:00",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ],
)
def test_updated_since_takes_any_iso_time_with_an_offset(anonymous, record, value):
    assert anonymous.get("/api/v1/organizations/", {"updated_since": value}).status_code == 200


def test_updated_since_reads_an_unencoded_plus_as_the_offsets_sign(anonymous, record, time_machine):
    time_machine.move_to(datetime.datetime(2023, 11, 2, 12, tzinfo=datetime.UTC))
    record.cgb.save()

    response = anonymous.get("/api/v1/organizations/?updated_since=2023-11-02T12:00:00+00:00")

    assert ids(response) == [record.cgb.pk]


# --- The action log's page, which shares the action filters ---------------------------------


def test_the_action_pages_filters_are_still_drawn_as_lists_of_choices(client, record, actions):
    response = client.get(reverse("actions:action_list"), {"body": "llr-pcp"})

    page = response.text
    assert '<option value="llr-pcp" selected>' in page
    owner = actions[0].owners.get()
    assert f'<option value="{owner.pk}">OPCC</option>' in page
    assert sorted(a.reference for a in response.context["actions"]) == ["1a", "3a"]


def test_the_action_page_refuses_a_bad_overdue_with_its_reason(client, record, actions):
    response = client.get(reverse("actions:action_list"), {"overdue": "yes"})

    assert response.status_code == 200
    assert "There is a problem with the filters" in response.text
    assert "Overdue: Use &quot;true&quot; or &quot;false&quot;" in response.text
