"""The API schema as OpenAPI tooling reads it: Redocly CLI's recommended rules and
Spectral's OpenAPI rules (configured in redocly.yaml and .spectral.yaml at the project root),
with no errors and no warnings, on the schema the site serves.

The linters are npm packages (package.json): in CI a missing one fails the test; on a
developer's machine it is skipped with what to run.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

ROOT = Path(settings.BASE_DIR)
BIN = ROOT / "node_modules" / ".bin"
SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}  # Spectral's levels

# Says nothing about the database: runs once, in the PostgreSQL half of `make test`.
pytestmark = [pytest.mark.sweeping, pytest.mark.django_db]


def tool(name):
    path = BIN / name
    if path.exists() and shutil.which("node"):
        return str(path)
    message = f"{name} is not installed in node_modules: run `npm ci` (make test does)."
    if os.environ.get("CI") == "true":
        pytest.fail(f"The schema lint must run in CI. {message}")
    pytest.skip(message)


@pytest.fixture
def schema_file(tmp_path):
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    path = tmp_path / "schema.json"
    path.write_bytes(response.content)
    return path


def run(command, schema):
    # No telemetry or update checks: the run must not depend on the network.
    env = {**os.environ, "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
    return subprocess.run(
        command, cwd=schema.parent, env=env, capture_output=True, text=True, timeout=120
    )


def redocly(path):
    """Redocly's report on the schema at ``path``, and its exit status."""
    config = ROOT / "redocly.yaml"
    done = run([tool("redocly"), "lint", f"--config={config}", "--format=json", str(path)], path)
    return json.loads(done.stdout)["problems"], done.returncode


def spectral(path):
    """Spectral's findings on the schema at ``path``, and its exit status."""
    ruleset = ROOT / ".spectral.yaml"
    done = run(
        [tool("spectral"), "lint", "-q", f"--ruleset={ruleset}", "-f", "json", str(path)], path
    )
    return json.loads(done.stdout), done.returncode


@pytest.fixture
def redocly_problems(schema_file):
    problems, _ = redocly(schema_file)
    return [(p["severity"], p["ruleId"], p["location"][0]["pointer"]) for p in problems]


@pytest.fixture
def spectral_problems(schema_file):
    results, _ = spectral(schema_file)
    return [(SEVERITY[r["severity"]], r["code"], "/".join(map(str, r["path"]))) for r in results]


def test_redocly_finds_no_errors(redocly_problems):
    assert [p for p in redocly_problems if p[0] == "error"] == []


def test_redocly_finds_no_warnings(redocly_problems):
    # A warning is fixed, or its rule turned off in redocly.yaml saying why the API is right.
    assert redocly_problems == []


def test_spectral_finds_no_errors(spectral_problems):
    assert [p for p in spectral_problems if p[0] == "error"] == []


def test_spectral_finds_no_warnings(spectral_problems):
    # A warning is fixed, or its rule turned off in .spectral.yaml saying why the API is right.
    assert spectral_problems == []


def test_the_linters_catch_what_was_wrong(tmp_path):
    """The schema this project once served: both linters must fail it."""
    bad = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/api/v1/actions/": {
                "get": {
                    "operationId": "actions_list",
                    "summary": "List actions",
                    "description": "d",
                    "tags": ["actions"],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "rag": {
                                                "allOf": [{"$ref": "#/components/schemas/Rag"}],
                                                "nullable": True,
                                            },
                                            "next": {
                                                "type": "string",
                                                "format": "uri",
                                                "example": 'http://x/?cursor=a"',
                                            },
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Rag": {"type": "string", "enum": ["red"]}}},
    }
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(bad))

    problems, redocly_status = redocly(path)
    results, spectral_status = spectral(path)

    rules = {p["ruleId"] for p in problems}
    assert {"nullable-type-sibling", "no-empty-servers", "info-license"} <= rules
    assert redocly_status != 0
    assert "oas3-valid-schema-example" in {r["code"] for r in results}
    assert spectral_status != 0


# --- What the configuration turns off --------------------------------------------------------


def test_each_list_answers_without_its_trailing_slash_too():
    """The trailing-slash rules are off because the slashless address leads to the same list."""
    schema = Client().get("/api/schema/", {"format": "json"}).json()
    lists = [
        path for path in schema["paths"] if path.count("{") == 0 and "get" in schema["paths"][path]
    ]

    for path in lists:
        response = Client().get(path.rstrip("/"))
        assert response.status_code in (301, 308), path
        assert response["Location"].endswith(path), path
