"""The API's contract: an OpenAPI schema that generates cleanly, documents every error, and
that the live API keeps to (a property-based run with schemathesis)."""

import datetime
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
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from actions import services
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

    assert len(reads) == 16
    for path, spec in reads:
        assert {"200", "400", "401", "404"} <= set(spec["responses"]), path


def test_every_write_documents_400_401_403_404_409_and_415(operations):
    writes = [(path, spec) for method, path, spec in operations if method == "POST"]

    assert len(writes) == 11
    for path, spec in writes:
        assert {"400", "401", "403", "404", "409", "415"} <= set(spec["responses"]), path


def test_errors_are_documented_as_json_with_their_message(operations):
    spec = next(spec for _, path, spec in operations if path.endswith("/complete/"))

    conflict = spec["responses"]["409"]
    assert conflict["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "already complete" in conflict["description"]


# --- Property-based run against the live schema -------------------------------------------


@pytest.fixture
def live_data(record, staff_user, time_machine):
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
    return secret


@pytest.fixture
def wsgi_requests_keep_the_test_transaction():
    # A bare WSGI handler closes the database connection after each request, ending the
    # test's transaction; Django's own test client avoids that the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded once, at collection, from the running application (no database needed for that);
# each operation becomes its own test. (schemathesis.pytest.from_fixture would defer this,
# but does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    WSGIHandler(),
    # Examples, boundary values (coverage) and random data (fuzzing), positive and negative.
    config=schemathesis.Config.from_dict({"generation": {"mode": "all", "deterministic": True}}),
)


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
    """No server errors, and every response's status, type and body match the schema.

    Runs as democratic services staff with a token, so the workflow endpoints are exercised
    too (their refusals must be documented 4xx responses).
    """
    case.call_and_validate(
        headers={"Authorization": f"Token {live_data}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
