"""The API's contract: an OpenAPI schema that generates cleanly, documents every error, and
that the live API keeps to (a property-based run with schemathesis)."""

import datetime
import re
from zoneinfo import ZoneInfo

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from drf_spectacular.drainage import GENERATOR_STATS
from knox.models import AuthToken

from actions import services
from actions.models import Action
from meetings.api_minutes import NOT_BLANK
from panel.schema_settings import NO_NULL_CHARACTER
from tests.factories import WorkProgrammeEntryFactory

# Says nothing about the database: runs once, in the PostgreSQL half of `make test`.
pytestmark = pytest.mark.sweeping


@pytest.fixture
def fresh_warnings():
    # drf-spectacular counts warnings across runs, and the schema is also generated at
    # collection (below): count only this run's.
    GENERATOR_STATS.reset()


def test_schema_generates_and_validates_without_warnings(tmp_path, fresh_warnings):
    target = tmp_path / "schema.yaml"

    # --fail-on-warn turns any warning (an undocumented field, an ambiguous type) into exit 1.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    assert "/api/v1/actions/{id}/complete/" in target.read_text()


@pytest.fixture
def operations(db):
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    return [
        (method.upper(), path, spec)
        for path, methods in schema["paths"].items()
        for method, spec in methods.items()
    ]


def test_every_read_documents_400_401_and_404(operations):
    reads = [(path, spec) for method, path, spec in operations if method == "GET"]

    assert len(reads) >= 16  # others may be added; each must document these
    for path, spec in reads:
        assert {"200", "400", "401", "404"} <= set(spec["responses"]), path


def test_every_write_documents_400_401_403_404_409_and_415(operations):
    writes = [(path, spec) for method, path, spec in operations if method == "POST"]

    assert len(writes) >= 11  # others may be added; each must document these
    for path, spec in writes:
        assert {"400", "401", "403", "404", "409", "415"} <= set(spec["responses"]), path


def test_errors_are_documented_as_json_with_their_message(operations):
    spec = next(spec for _, path, spec in operations if path.endswith("/complete/"))

    conflict = spec["responses"]["409"]
    assert conflict["content"]["application/problem+json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "already complete" in conflict["description"]


# --- Property-based run against the live schema -------------------------------------------


@pytest.fixture
def live_data(record, staff_user, time_machine, db):
    """The shared record plus board actions in every status, and a staff token."""
    time_machine.move_to(datetime.datetime(2023, 11, 1, 9, tzinfo=ZoneInfo("Europe/London")))
    owner = services.owner_for("OPCC")
    for reference, finish in (("8a", None), ("8b", "start"), ("8d", "submit"), ("8g", "complete")):
        action = services.action_create(
            meeting=record.july,
            reference=reference,
            text=f"Action {reference}",
            owners=[owner],
            due_date=datetime.date(2023, 10, 9),
        )
        if finish:
            services.action_transition(action=action, transition=finish, user=staff_user)
    WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept")
    _, secret = AuthToken.objects.create(user=staff_user)
    STAFF_TOKEN["secret"] = secret
    yield secret
    STAFF_TOKEN.clear()


@pytest.fixture
def wsgi_requests_keep_the_test_transaction():
    # A bare WSGI handler closes the database connection after each request, ending the
    # test's transaction; Django's own test client avoids that the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Operations whose body names other rows by id. The schema can say an id is a whole number,
# not that its row exists or is one the step takes (a motion of a later meeting of the same
# body): a well-formed request naming the wrong row is a 400 naming the field. Every other
# operation must accept every request the schema allows.
NAMES_ROWS_IN_ITS_BODY = [
    "v1_actions_from_resolution_create",
    "v1_actions_sign_off_create",
    "v1_minutes_confirm_create",
    "v1_minutes_correct_create",
]
CONFIG = {
    # Examples, boundary values (coverage) and random data (fuzzing), positive and negative.
    "generation": {"mode": "all", "deterministic": True},
    # Not the literals of the project's source as test data: a whole-number float among them
    # (1e6) is sent in a query string as "1000000.0" and counted a valid integer, which on
    # the wire it is not (schemathesis reads 1.0 as an integer, as JSON Schema does).
    "analysis": {"constants": {"enabled": False}},
    "operations": [
        {
            "include-operation-id": NAMES_ROWS_IN_ITS_BODY,
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
                }
            },
        }
    ],
}

# Loaded once, at collection, from the running application (no database needed for that);
# each operation becomes its own test. (schemathesis.pytest.from_fixture would defer this,
# but does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", WSGIHandler(), config=schemathesis.Config.from_dict(CONFIG)
)

# The staff token of the test running (live_data), sent as the schema says: a bearer token.
STAFF_TOKEN = {}


@schema.auth(refresh_interval=None)
class StaffToken:
    def get(self, case, context):
        # Asked at collection too, before any test has made a token.
        return STAFF_TOKEN.get("secret", "no-test-running")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schema.hook
def filter_query(context, query):
    """No made-up cursors. A cursor is made by the list, to be followed (next, previous):
    one it did not make is a 400 saying so, which the schema cannot say any more than it can
    say which ids exist. A cursor the list made is followed in tests/api/test_record.py."""
    return "cursor" not in (query or {})


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.seed(20231009)
# The number of examples comes from the Hypothesis profile (tests/conftest.py).
@hypothesis.settings(
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_api_keeps_to_its_schema(case, live_data, wsgi_requests_keep_the_test_transaction):
    """Every check schemathesis has: no server errors; each response's status, type,
    headers and body as documented; requests the schema allows accepted and those it
    refuses refused; undeclared methods a 405 naming the allowed ones.

    Runs as democratic services staff with a token, so the workflow endpoints are exercised
    too (their refusals must be documented 4xx responses).
    """
    case.call_and_validate()


def test_api_keeps_to_its_schema_across_calls(live_data, wsgi_requests_keep_the_test_transaction):
    """Stateful: sequences of calls that feed one response's ids into the next request
    (links schemathesis infers, and those the schema declares), with every check."""

    # The number of scenarios comes from the Hypothesis profile (tests/conftest.py).
    schema.as_state_machine().run(
        settings=hypothesis.settings(
            deadline=None,
            database=None,
            suppress_health_check=list(hypothesis.HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
    )


# --- What the run found, kept as examples ----------------------------------------------------


@pytest.fixture
def minutes_api(live_data, record):
    return Client(headers={"authorization": f"Bearer {live_data}"}), record


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"note": 0}, "note"),  # text, not a number (DRF's CharField took it as "0")
        ({"note": "x", "items": {"1": {"title": 12}}}, "items.1.title"),
        ({"note": "x", "attendance": {"1": {"is_chair": "yes"}}}, "attendance.1.is_chair"),
        ({"note": "x", "motions": {"1": 5}}, "motions.1"),
    ],
)
def test_a_value_of_another_json_type_is_refused(minutes_api, body, field):
    client, record = minutes_api
    minutes = record.august_minutes

    response = client.post(
        f"/api/v1/minutes/{minutes.pk}/correct/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reference", "step", "body", "field"),
    [
        ("8a", "start", {"note": 0}, "note"),  # found by the run: CharField took it as "0"
        ("8a", "withdraw", {"reason": 0}, "reason"),
        ("8d", "sign-off", {"event_id": "1"}, "event_id"),
    ],
)
def test_a_workflow_step_refuses_a_value_of_another_json_type(
    live_data, reference, step, body, field
):
    action = Action.objects.get(reference=reference)
    client = Client(headers={"authorization": f"Bearer {live_data}"})

    response = client.post(f"/api/v1/actions/{action.pk}/{step}/", body, "application/json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.django_db
def test_a_motion_id_given_as_text_is_refused(minutes_api):
    client, record = minutes_api
    minutes = record.october_minutes

    response = client.post(
        f"/api/v1/minutes/{minutes.pk}/confirm/",
        {"motion_id": "1"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "whole number" in response.json()["errors"]["motion_id"][0]


def test_every_free_text_input_says_it_takes_no_null_character(operations):
    queries = [
        (path, parameter)
        for _, path, spec in operations
        for parameter in spec.get("parameters", ())
        if parameter["in"] == "query" and parameter["name"] == "q"
    ]

    assert queries
    for path, parameter in queries:
        assert parameter["schema"]["pattern"] == "^[^\\x00]*$", path


@pytest.mark.django_db
def test_a_null_character_in_a_search_is_a_400_as_the_schema_says():
    response = Client().get("/api/v1/events/", {"q": "a\x00b"})

    assert response.status_code == 400


def typed_query_parameters(operations):
    """(path, name, the list's required parameters) of each list's query parameter that is
    not free text."""
    found = []
    for method, path, spec in operations:
        if method != "GET" or "{" in path:
            continue
        parameters = [p for p in spec.get("parameters", ()) if p["in"] == "query"]
        required = {p["name"]: "2023-01-01T00:00:00Z" for p in parameters if p.get("required")}
        for parameter in parameters:
            if parameter["schema"].get("pattern") != NO_NULL_CHARACTER:
                found.append((path, parameter["name"], required))
    return found


def test_a_typed_query_parameter_given_no_value_is_a_400(operations, staff_user):
    _, secret = AuthToken.objects.create(user=staff_user)
    client = Client(headers={"authorization": f"Bearer {secret}"})
    typed = typed_query_parameters(operations)

    assert ("/api/v1/events/", "date_from", {}) in typed
    assert ("/api/v1/events/", "format", {}) in typed
    for path, name, required in typed:
        response = client.get(path, {**required, name: ""})
        assert response.status_code == 400, (path, name)
        assert name in response.json()["errors"], (path, name)


@pytest.mark.django_db
def test_free_text_may_be_empty():
    assert Client().get("/api/v1/events/", {"q": ""}).status_code == 200


@pytest.fixture
def components(db):
    return Client().get("/api/schema/", {"format": "json"}).json()["components"]["schemas"]


def test_text_that_may_not_be_blank_says_it_needs_more_than_white_space(components):
    """The server trims text before it refuses blank text; the schema says such text must
    hold a character that is not white space, so a client (or a fuzzer) is not told " " is
    a reason to withdraw minutes."""
    reason = components["MinutesUnpublishRequest"]["properties"]["note"]
    withdrawal = components["ActionWithdrawRequest"]["properties"]["reason"]
    optional = components["MinutesPublishRequest"]["properties"]["note"]

    assert reason["pattern"] == withdrawal["pattern"] == NOT_BLANK
    assert optional["pattern"] == NO_NULL_CHARACTER


@pytest.mark.parametrize(
    ("note", "status"),
    [(" \x1c\x85 ", 400), ("Done\x00", 400), ("\x1c Done \x85", 200), ("Withdrawn in error", 200)],
)
def test_only_text_with_more_than_white_space_gives_a_reason(minutes_api, note, status):
    client, record = minutes_api

    response = client.post(
        f"/api/v1/minutes/{record.august_minutes.pk}/unpublish/",
        {"note": note},
        content_type="application/json",
    )

    assert response.status_code == status, response.content
    # The schema's pattern and the server agree.
    assert (re.search(NOT_BLANK, note) is not None) == (status == 200)
