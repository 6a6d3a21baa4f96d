"""Clients generated from the schema work against the running API.

Two generators re-users reach for: openapi-python-client (a client package) and
datamodel-code-generator (pydantic models). Each is run on the schema the site serves, and
each reads every list endpoint of a live server holding a small record: the client's list
operations return parsed pages, the models validate each page. A write goes through the
generated client with its default ``Bearer`` token prefix.
"""

import datetime
import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from knox.models import AuthToken

from actions import services
from actions.models import Action
from tests.factories import WorkProgrammeEntryFactory

# Says nothing about the database: runs once, in the PostgreSQL half of `make test`.
pytestmark = [pytest.mark.sweeping, pytest.mark.django_db(transaction=True)]

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("schema") / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(path))
    return path


@pytest.fixture(scope="module")
def schema(schema_file):
    return json.loads(schema_file.read_text())


def generate(command, cwd):
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def load(directory, name):
    """Import the generated package or module ``name`` from ``directory``."""
    sys.path.insert(0, str(directory))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(directory))


@pytest.fixture(scope="module")
def client_package(schema_file, tmp_path_factory):
    """The package openapi-python-client makes of the schema (no formatter run on it)."""
    where = tmp_path_factory.mktemp("client")
    config = where / "config.json"
    config.write_text(json.dumps({"post_hooks": []}))
    output = where / "panel_api_client"
    options = ["--path", schema_file, "--meta", "none", "--config", config, "--output-path", output]
    done = generate([BIN / "openapi-python-client", "generate", *options], cwd=where)
    # The generator names what it had to leave out; nothing may be.
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    package = load(where, "panel_api_client")
    api = importlib.import_module("panel_api_client.api")
    operations = {}
    for group in pkgutil.iter_modules(api.__path__):
        tag = importlib.import_module(f"panel_api_client.api.{group.name}")
        for module in pkgutil.iter_modules(tag.__path__):
            operations[module.name] = importlib.import_module(f"{tag.__name__}.{module.name}")
    package.operations = operations
    return package


@pytest.fixture(scope="module")
def models(schema_file, tmp_path_factory):
    """The pydantic models datamodel-code-generator makes of the schema."""
    where = tmp_path_factory.mktemp("models")
    options = {
        "--input": schema_file,
        "--input-file-type": "openapi",
        "--output": where / "panel_api_models.py",
        "--output-model-type": "pydantic_v2.BaseModel",
        "--formatters": "builtin",
    }
    generate(
        [BIN / "datamodel-codegen", *(str(x) for pair in options.items() for x in pair)], where
    )
    return load(where, "panel_api_models")


# A value for each kind of required query parameter (e.g. the deletions feed's ?since=):
# earlier than anything in the record.
REQUIRED_VALUES = {
    "date-time": datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC),
    "date": datetime.date(2023, 1, 1),
}


def list_operations(schema):
    """(path, operationId, the page's component name, required arguments) of every list."""
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        content = (get or {}).get("responses", {}).get("200", {}).get("content", {})
        ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        if "{" not in path and ref.rsplit("/", 1)[-1].startswith("Paginated"):
            required = {
                parameter["name"]: REQUIRED_VALUES[parameter["schema"].get("format")]
                for parameter in get.get("parameters", ())
                if parameter.get("required")
            }
            found.append((path, get["operationId"], ref.rsplit("/", 1)[-1], required))
    return found


@pytest.fixture
def live_record(record, staff_user, time_machine):
    """The shared record, board actions in every status, a work programme entry, a token."""
    time_machine.move_to(datetime.datetime(2023, 11, 1, 9, tzinfo=ZoneInfo("Europe/London")))
    owner = services.owner_for("OPCC")
    actions = {}
    for reference, finish in (("8a", None), ("8b", "start"), ("8d", "submit"), ("8g", "complete")):
        actions[reference] = services.action_create(
            meeting=record.july,
            reference=reference,
            text=f"Action {reference}",
            owners=[owner],
            due_date=datetime.date(2023, 10, 9),
        )
        if finish:
            services.action_transition(
                action=actions[reference], transition=finish, user=staff_user
            )
    WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept")
    # Something deleted, for the deletions feed.
    WorkProgrammeEntryFactory(body=record.panel, title="Dropped").delete()
    _, secret = AuthToken.objects.create(user=staff_user)
    return {"token": secret, "actions": actions}


@pytest.fixture
def connect(live_server, client_package):
    """Makes generated clients of the live server (with ``token``, an AuthenticatedClient,
    which sends it with its default "Bearer" prefix); closes their connections after."""
    made = []

    def connect(token=None, **options):
        if token is None:
            client = client_package.Client(base_url=live_server.url, **options)
        else:
            client = client_package.AuthenticatedClient(
                base_url=live_server.url, token=token, **options
            )
        made.append(client)
        return client

    yield connect
    for client in made:
        client.get_httpx_client().close()


def test_every_list_endpoint_is_found(schema):
    paths = {path for path, *_ in list_operations(schema)}

    # The record's resources and the staff-only ones, at least: others may be added.
    assert {
        "/api/v1/organizations/",
        "/api/v1/people/",
        "/api/v1/memberships/",
        "/api/v1/events/",
        "/api/v1/motions/",
        "/api/v1/work-programme/",
        "/api/v1/actions/",
        "/api/v1/minutes/",
        "/api/v1/deletions/",
    } <= paths


def read_every_list(client, schema, package, models, skip=()):
    """Read each list with the generated client and validate it with the generated models."""
    read = {}
    for path, operation_id, page_name, required in list_operations(schema):
        if path in skip:
            continue
        operation = package.operations[operation_id]
        response = operation.sync_detailed(client=client, **required)
        assert response.status_code == 200, (path, response.content[:300])
        parsed = response.parsed
        assert type(parsed).__name__ == page_name, (path, parsed)
        assert parsed.results, f"{path}: the record has rows for every list"
        getattr(models, page_name).model_validate_json(response.content)
        read[path] = len(parsed.results)
    return read


def test_the_generated_client_and_models_read_every_list_anonymously(
    connect, live_record, schema, client_package, models
):
    # Public lists need no credentials: the plain Client, no token. (The generated functions
    # are typed as taking an AuthenticatedClient: openapi-python-client 0.29 reads any
    # security list as required, though the schema's `{}` alternative says none is needed.)
    client = connect(raise_on_unexpected_status=True)
    staff_only = {
        path
        for path, operations in schema["paths"].items()
        if {} not in operations.get("get", {}).get("security", [{}])
    }

    read = read_every_list(client, schema, client_package, models, skip=staff_only)

    assert "/api/v1/minutes/" in staff_only
    assert "/api/v1/events/" in read


def test_the_generated_client_and_models_read_every_list_with_a_token(
    connect, live_record, schema, client_package, models
):
    # AuthenticatedClient sends "Authorization: Bearer <token>" unless told otherwise.
    client = connect(live_record["token"], raise_on_unexpected_status=True)

    read = read_every_list(client, schema, client_package, models)

    assert set(read) == {path for path, *_ in list_operations(schema)}


def test_a_write_through_the_generated_client_with_its_default_bearer_prefix(
    connect, live_record, client_package
):
    action = live_record["actions"]["8a"]
    client = connect(live_record["token"])
    start = client_package.operations["v1_actions_start_create"]
    body = importlib.import_module("panel_api_client.models").ActionStartRequest(note="Work begun")

    response = start.sync_detailed(client=client, id=action.pk, body=body)

    assert response.status_code == 200, response.content[:300]
    assert response.parsed.status.value == "in_progress"
    assert response.parsed.history[-1].actor == "officer"
    action.refresh_from_db()
    assert action.status == Action.Status.IN_PROGRESS


def test_the_same_write_without_a_token_is_refused(connect, live_record, client_package):
    action = live_record["actions"]["8a"]
    client = connect()
    start = client_package.operations["v1_actions_start_create"]
    body = importlib.import_module("panel_api_client.models").ActionStartRequest(note="Work begun")

    response = start.sync_detailed(client=client, id=action.pk, body=body)

    assert response.status_code == 401
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN
