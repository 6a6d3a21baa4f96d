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
