"""The API's documentation page: served from our own static files under the site's
Content-Security-Policy, and usable in a real browser.

The page is drf-spectacular's Swagger UI in its "split" form (the page's script is a file of
its own, so no inline script is needed) with the Swagger UI files from
drf-spectacular-sidecar, since the site's CSP allows scripts from our own origin only.
"""

import os
from pathlib import Path

import pytest
from django.test import Client

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = pytest.mark.django_db


@pytest.fixture
def docs():
    return Client().get("/api/docs/")


def test_docs_page_loads_its_assets_from_this_site(docs):
    page = docs.content.decode()

    assert docs.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "https://" not in page


def test_docs_page_has_no_inline_script(docs):
    page = docs.content.decode()

    assert page.count("<script") == page.count("<script src=")


def test_docs_page_keeps_the_strict_policy(docs):
    policy = docs["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_docs_script_points_at_the_schema():
    response = Client().get("/api/docs/", {"script": ""})

    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in response.content.decode()


def test_swagger_ui_is_served_from_static_files():
    response = Client().get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css")

    assert response.status_code == 200


def test_an_unknown_api_path_is_a_json_404():
    response = Client().get("/api/v2/actions/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert "/api/docs/" in response.json()["detail"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_renders_in_chromium_without_policy_violations(live_server):
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"The browser checks must run in CI, but {CHROMIUM} is missing.")
        pytest.skip(f"Chromium is not installed at {CHROMIUM}: run apt-get install chromium")
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{live_server.url}/api/docs/")
        page.get_by_text("List actions").first.wait_for(timeout=15000)
        browser.close()

    assert problems == []


# --- What the schema tells a re-user ------------------------------------------------------


@pytest.fixture
def schema():
    return Client().get("/api/schema/", {"format": "json"}).json()


def test_the_schema_declares_the_licence(schema):
    licence = schema["info"]["license"]

    assert licence["name"] == "Open Government Licence v3.0"
    assert licence["url"].endswith("/open-government-licence/version/3/")


def test_the_schema_names_the_site_as_its_server(schema, settings):
    assert schema["servers"][0]["url"] == settings.SITE_URL
    assert schema["info"]["contact"]["url"].startswith(settings.SITE_URL)


def test_the_server_follows_the_setting(settings):
    settings.SITE_URL = "https://panel.example.org"

    schema = Client().get("/api/schema/", {"format": "json"}).json()

    assert schema["servers"] == [
        {"url": "https://panel.example.org", "description": settings.SITE_NAME}
    ]


def test_every_tag_in_use_is_declared_with_a_description(schema):
    used = {
        tag
        for operations in schema["paths"].values()
        for operation in operations.values()
        for tag in operation["tags"]
    }
    declared = {tag["name"]: tag["description"] for tag in schema["tags"]}

    assert used == set(declared)
    assert all(declared.values())


def operations(schema):
    return [
        (method, path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def test_public_reads_need_no_credentials(schema):
    reads = [(p, o) for m, p, o in operations(schema) if m == "get" and "/minutes/" not in p]

    assert reads
    for path, operation in reads:
        assert {} in operation["security"], path
        assert {"apiToken": []} in operation["security"], path


def test_writes_and_the_minutes_need_a_token_or_a_session(schema):
    guarded = [
        (p, o) for m, p, o in operations(schema) if m == "post" or p.startswith("/api/v1/minutes/")
    ]

    assert guarded
    for path, operation in guarded:
        assert {} not in operation["security"], path
        assert {"apiToken": []} in operation["security"], path


def test_the_token_is_declared_as_a_bearer_token_with_how_to_get_one(schema):
    scheme = schema["components"]["securitySchemes"]["apiToken"]

    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "/accounts/tokens/" in scheme["description"]
    assert "`Authorization: Bearer <token>`" in scheme["description"]


# --- Sending the token, as the schema says and as the documentation always said ------------


@pytest.fixture
def token(staff_user):
    from knox.models import AuthToken

    return AuthToken.objects.create(user=staff_user)[1]


@pytest.mark.parametrize("prefix", ["Bearer", "Token", "bearer"])
def test_the_token_is_accepted_with_either_prefix(token, prefix):
    # The minutes' list is for staff only: anonymous is refused.
    response = Client(headers={"authorization": f"{prefix} {token}"}).get("/api/v1/minutes/")

    assert response.status_code == 200


def test_a_bearer_header_with_a_wrong_token_is_refused_not_ignored(token):
    response = Client(headers={"authorization": "Bearer not-the-token"}).get("/api/v1/events/")

    assert response.status_code == 401


def test_a_bearer_header_with_spaces_says_how_to_send_it(token):
    response = Client(headers={"authorization": f"Bearer {token} extra"}).get("/api/v1/events/")

    assert response.status_code == 401
    assert "Authorization: Bearer <token>" in response.json()["detail"]


def test_another_scheme_is_left_to_its_own_authentication(token):
    response = Client(headers={"authorization": f"Basic {token}"}).get("/api/v1/minutes/")

    assert response.status_code in (401, 403)
