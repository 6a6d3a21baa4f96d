"""Every API error is a problem details object (RFC 9457), served as application/problem+json,
with the ``detail`` and ``code`` clients read before; elsewhere the site keeps its own pages.
And two answers that used to be 404s: a path without its trailing slash is redirected, and a
format the endpoint lacks is 406."""

import pytest
from django.http import Http404
from django.test import Client
from django.urls import path, reverse
from knox.models import AuthToken

from panel import urls as panel_urls
from panel.api import ErrorSerializer
from tests.api.test_http import list_urls
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

MEMBERS = {"type", "title", "status", "detail", "instance", "code"}


def problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) >= MEMBERS
    assert (body["type"], body["status"]) == ("about:blank", status)
    # The documented shape (ErrorSerializer, which the schema publishes) is what is sent.
    assert ErrorSerializer(data=body).is_valid(), body
    assert set(body) <= set(ErrorSerializer().fields)
    return body


def test_invalid_input_names_each_parameter_in_errors(record):
    response = Client().get("/api/v1/events/", {"stauts": "held", "statsu": "held"})

    body = problem(response, 400)
    assert body["title"] == "Bad Request"
    assert body["code"] == "invalid"
    assert body["instance"] == "/api/v1/events/?stauts=held&statsu=held"
    assert set(body["errors"]) == {"stauts", "statsu"}
    assert body["detail"].startswith("Invalid query parameter. ")


def test_a_missing_resource(record):
    body = problem(Client().get("/api/v1/events/999999/"), 404)

    assert (body["title"], body["code"]) == ("Not Found", "not_found")


def test_a_path_that_names_no_endpoint():
    body = problem(Client().get("/api/v2/actions/"), 404)

    assert body["code"] == "not_found"
    assert "/api/docs/" in body["detail"]
    assert body["instance"] == "/api/v2/actions/"


def test_an_unknown_token_keeps_its_www_authenticate_header(record):
    response = Client(headers={"authorization": "Token not-a-token"}).get("/api/v1/events/")

    body = problem(response, 401)
    assert body["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_method_the_endpoint_does_not_have(record):
    body = problem(Client().delete("/api/v1/events/"), 405)

    assert body["code"] == "method_not_allowed"


def test_a_body_that_is_not_json(record, staff_user):
    secret = AuthToken.objects.create(user=staff_user)[1]
    client = Client(headers={"authorization": f"Token {secret}"})

    action = ActionFactory(meeting=record.october)

    response = client.post(
        f"/api/v1/actions/{action.pk}/start/", "note=hi", content_type="text/plain"
    )

    assert problem(response, 415)["code"] == "unsupported_media_type"


def test_an_error_is_a_problem_whatever_format_was_asked_for(record):
    response = Client().get("/api/v1/events/", {"format": "csv", "page_size": "0"})

    assert problem(response, 400)["errors"] == {"page_size": ["Give a whole number from 1 to 200."]}


def test_a_bad_host_is_a_problem_under_the_api():
    body = problem(Client().get("/api/v1/", HTTP_HOST="evil.example"), 400)

    assert body["code"] == "bad_request"


def test_the_sites_own_pages_keep_their_html_errors(record):
    response = Client().get("/meetings/999999/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# --- Addresses and formats -----------------------------------------------------------------


def test_every_endpoint_without_its_slash_redirects_to_it():
    for url in ["/api/v1/", *list_urls()]:
        response = Client().get(url.rstrip("/"), {"page_size": "5"})

        assert response.status_code == 301, url
        assert response["Location"] == f"{url}?page_size=5"


def test_a_detail_without_its_slash_redirects_and_a_write_keeps_its_method(record):
    anonymous = Client()
    detail = anonymous.get("/api/v1/events/1")
    write = anonymous.post("/api/v1/actions/1/complete", {}, content_type="application/json")

    assert (detail.status_code, detail["Location"]) == (301, "/api/v1/events/1/")
    assert (write.status_code, write["Location"]) == (308, "/api/v1/actions/1/complete/")


def test_a_path_that_is_no_endpoint_with_a_slash_either_is_still_404():
    response = Client().get("/api/v1/nothing")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("url", "offered"),
    [
        ("/api/v1/events/?format=xml", "json, csv, ics"),
        ("/api/v1/events.xml", "json, csv, ics"),
        ("/api/v1/organizations/?format=ics", "json, csv"),
    ],
)
def test_a_format_the_endpoint_lacks_is_406_naming_those_it_has(record, url, offered):
    response = Client().get(url)

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    assert f"use one of {offered}" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "headers"), [("?format=xml", {}), ("", {"HTTP_ACCEPT": "text/xml"})]
)
def test_a_method_the_endpoint_lacks_is_405_whatever_format_is_asked_for(record, query, headers):
    response = Client().generic("TRACE", reverse("event-list") + query, **headers)

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


def test_an_accept_header_the_endpoint_cannot_meet_is_406(record):
    response = Client().get(reverse("event-list"), HTTP_ACCEPT="application/xml")

    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


# --- What Django answers itself under /api/ (a view outside DRF) ---------------------------


def missing(request):
    raise Http404("The archive is being built: try again in a minute.")


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("api/missing/", missing),
    path("api/broken/", broken),
    path("missing/", missing),
    *panel_urls.urlpatterns,
]
handler400 = panel_urls.handler400
handler403 = panel_urls.handler403
handler404 = panel_urls.handler404
handler500 = panel_urls.handler500


@pytest.fixture
def outside_drf(settings):
    settings.ROOT_URLCONF = __name__


def test_a_404_raised_outside_drf_is_a_problem_with_its_message(outside_drf):
    body = problem(Client().get("/api/missing/"), 404)

    assert body["detail"] == "The archive is being built: try again in a minute."


def test_a_server_error_under_the_api_is_a_problem(outside_drf):
    response = Client(raise_request_exception=False).get("/api/broken/")

    body = problem(response, 500)
    assert body["code"] == "server_error"
    assert "a bug" not in body["detail"]


def test_a_404_outside_the_api_is_still_the_sites_page(outside_drf):
    response = Client().get("/missing/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
