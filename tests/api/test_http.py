"""The HTTP layer of the open data API and the site's pages: conditional GET (ETag,
Last-Modified, 304), Cache-Control and Vary, CORS for anonymous reads and the limit on
anonymous clients. The trailing-slash redirect and 406 are in tests/api/test_errors.py.

Each runs with the public cache off (as the test suite has it) and, where a hit behaves
differently, on (``cache_on``): a hit must answer 304 from what it stored, without a query.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from meetings.models import Body
from panel.api import router
from panel.public_cache import entry_key
from tests.factories import ActionFactory, WorkProgrammeEntryFactory
from tests.test_security import run_manage, settings_env

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": True, "LOCK_WAIT": 0.2}
    cache.clear()


@pytest.fixture
def everything(record):
    """The record, with a row in every list the public may read."""
    WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept")
    ActionFactory(meeting=record.october, text="Report back on the precept")
    return record


@pytest.fixture
def token(staff_user):
    return AuthToken.objects.create(user=staff_user)[1]


def list_urls():
    router.urls  # noqa: B018 (imports every app's API module, which registers its viewsets)
    return [f"/api/v1/{prefix}/" for prefix, _, _ in router.registry]


def public_urls():
    """Every list the public may read, and the first row of each as a detail."""
    anonymous, urls = Client(), []
    for url in list_urls():
        response = anonymous.get(url)
        if response.status_code != 200:
            continue  # a staff-only list
        rows = response.json()["results"]
        assert rows, f"the record fixture has nothing at {url}: the 304 test would miss it"
        urls += [url, f"{url}{rows[0]['id']}/"]
    return urls


def revalidate(client, url, response, **headers):
    return client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **headers)


# --- Conditional GET -----------------------------------------------------------------------


def test_every_public_list_and_detail_answers_304_to_its_etag(everything):
    anonymous = Client()
    urls = public_urls()
    assert len(urls) >= 12

    for url in urls:
        first = anonymous.get(url)
        assert first["ETag"].startswith('W/"'), url
        assert first["Last-Modified"], url
        again = revalidate(anonymous, url, first)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == first["ETag"]


def test_every_public_list_and_detail_answers_304_from_the_cache(everything, cache_on):
    anonymous = Client()
    for url in public_urls():
        anonymous.get(url)
        hit = anonymous.get(url)
        assert hit["X-Cache"] == "hit", url
        assert revalidate(anonymous, url, hit).status_code == 304, url


def test_a_hit_answers_304_without_a_query(record, cache_on, django_assert_num_queries):
    anonymous, url = Client(), reverse("event-list")
    first = anonymous.get(url)

    with django_assert_num_queries(0):
        again = revalidate(anonymous, url, first)

    assert again.status_code == 304
    assert again["Cache-Control"] == first["Cache-Control"]


def test_a_hit_carries_the_validators_of_the_page_it_replays(record, cache_on):
    anonymous, url = Client(), reverse("event-list")
    miss = anonymous.get(url)

    hit = anonymous.get(url)

    assert (miss["X-Cache"], hit["X-Cache"]) == ("miss", "hit")
    assert hit["ETag"] == miss["ETag"]
    assert hit["Last-Modified"] == miss["Last-Modified"]


def test_a_page_made_for_a_conditional_request_is_still_kept(record, cache_on):
    anonymous, url = Client(), reverse("event-list")
    first = anonymous.get(url)
    cache.delete(entry_key(first.wsgi_request))

    assert revalidate(anonymous, url, first).status_code == 304
    assert anonymous.get(url)["X-Cache"] == "hit"


@pytest.mark.parametrize("cached", [False, True], ids=["cache off", "cache on"])
def test_an_html_page_answers_304_whatever_its_csp_nonce(record, settings, cached):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": cached}
    anonymous, url = Client(), reverse("meetings:meeting_list")
    first = anonymous.get(url)
    assert "nonce-" in first["Content-Security-Policy"]

    assert revalidate(anonymous, url, first).status_code == 304


def test_if_modified_since_the_last_change_is_304_and_before_it_is_200(record):
    anonymous, url = Client(), reverse("organization-list")
    first = anonymous.get(url)

    same = anonymous.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    older = anonymous.get(url, HTTP_IF_MODIFIED_SINCE="Mon, 01 Jan 2001 00:00:00 GMT")

    assert (same.status_code, older.status_code) == (304, 200)


@pytest.mark.parametrize("cached", [False, True], ids=["cache off", "cache on"])
def test_after_an_edit_the_old_etag_gets_the_new_answer(
    record, settings, cached, django_capture_on_commit_callbacks
):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": cached}
    anonymous, url = Client(), reverse("organization-list")
    first = anonymous.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        Body.objects.filter(pk=record.panel.pk).update(name="Renamed Scrutiny Panel")
    again = revalidate(anonymous, url, first)

    assert again.status_code == 200
    assert "Renamed Scrutiny Panel" in again.content.decode()
    assert again["ETag"] != first["ETag"]


def test_each_format_has_its_own_etag(record):
    anonymous, url = Client(), reverse("event-list")
    as_json = anonymous.get(url)

    as_csv = anonymous.get(url, {"format": "csv"}, HTTP_IF_NONE_MATCH=as_json["ETag"])

    assert as_csv.status_code == 200
    assert as_csv["ETag"] != as_json["ETag"]


# --- Cache-Control and Vary ----------------------------------------------------------------


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def vary(response):
    return {part.strip().lower() for part in response["Vary"].split(",")}


@pytest.mark.parametrize("name", ["event-list", "meetings:meeting_list", "meetings:home"])
def test_an_anonymous_answer_is_shareable_for_a_short_time(record, name):
    response = Client().get(reverse(name))

    assert directives(response) == {"public", "max-age=60", "s-maxage=0", "proxy-revalidate"}
    assert {"cookie", "authorization"} <= vary(response)


def test_the_api_varies_on_accept_where_it_negotiates_the_format(record):
    assert "accept" in vary(Client().get(reverse("event-list")))


def test_the_times_are_settings(record, settings):
    settings.HTTP_CACHE = {"MAX_AGE": 300, "SHARED_MAX_AGE": 30}

    response = Client().get(reverse("event-list"))

    assert {"max-age=300", "s-maxage=30"} <= directives(response)


def test_a_signed_in_answer_is_private_and_not_stored(record, member_client):
    for url in (reverse("event-list"), reverse("meetings:meeting_list")):
        response = member_client.get(url)

        assert directives(response) == {"private", "no-store"}, url
        assert "ETag" not in response
        assert {"cookie", "authorization"} <= vary(response)


def test_a_token_answer_is_private_and_not_stored(record, token):
    response = Client(headers={"authorization": f"Token {token}"}).get(reverse("event-list"))

    assert directives(response) == {"private", "no-store"}
    assert "ETag" not in response


def test_an_error_is_not_stored(record):
    response = Client().get("/api/v1/events/999999/")

    assert response.status_code == 404
    assert "no-store" in directives(response)
    assert "ETag" not in response


# --- CORS ----------------------------------------------------------------------------------

ORIGIN = "https://reuser.example"


def preflight(method="GET", headers=""):
    extra = {"HTTP_ACCESS_CONTROL_REQUEST_HEADERS": headers} if headers else {}
    return Client().options(
        reverse("event-list"),
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        **extra,
    )


def test_an_anonymous_cross_origin_get_may_be_read(record):
    response = Client().get(reverse("event-list"), HTTP_ORIGIN=ORIGIN)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert {"etag", "link", "retry-after"} <= {
        h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")
    }
    assert "origin" not in vary(response)


def test_a_preflight_for_a_conditional_get_is_granted(record):
    response = preflight("GET", "If-None-Match, Accept")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD"
    assert "authorization" not in response["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize(
    ("method", "headers"),
    [("GET", "Authorization"), ("POST", ""), ("POST", "Content-Type"), ("DELETE", "")],
)
def test_a_preflight_for_a_token_or_a_write_is_refused(record, method, headers):
    response = preflight(method, headers)

    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response
    assert response.json()["code"] == "cors_not_allowed"


def test_a_cross_origin_request_with_credentials_gets_no_cors_header(record, member_client, token):
    with_token = Client(headers={"authorization": f"Token {token}"})

    for client in (member_client, with_token):
        response = client.get(reverse("event-list"), HTTP_ORIGIN=ORIGIN)
        assert response.status_code == 200
        assert "Access-Control-Allow-Origin" not in response


def test_writes_and_pages_get_no_cors_header(record):
    anonymous = Client()
    write = anonymous.post(reverse("action-list"), {}, HTTP_ORIGIN=ORIGIN)
    page = anonymous.get(reverse("meetings:meeting_list"), HTTP_ORIGIN=ORIGIN)

    assert "Access-Control-Allow-Origin" not in write
    assert "Access-Control-Allow-Origin" not in page


# --- The limit on anonymous clients --------------------------------------------------------


@pytest.fixture
def two_a_minute(settings):
    settings.API_ANONYMOUS_RATE = "2/minute"


def test_past_the_limit_an_anonymous_client_gets_429_with_retry_after(record, two_a_minute):
    anonymous, url = Client(), reverse("event-list")
    assert [anonymous.get(url).status_code for _ in range(2)] == [200, 200]

    response = anonymous.get(url, HTTP_ORIGIN=ORIGIN)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) >= 1
    body = response.json()
    assert body["code"] == "throttled"
    assert "anonymous clients may make 2 requests a minute" in body["detail"]
    assert response["Access-Control-Allow-Origin"] == "*"  # a page elsewhere can read why


def test_a_token_client_is_not_limited(record, two_a_minute, token):
    with_token = Client(headers={"authorization": f"Token {token}"})

    assert {with_token.get(reverse("event-list")).status_code for _ in range(4)} == {200}


def test_each_address_has_its_own_allowance(record, two_a_minute):
    anonymous, url = Client(), reverse("event-list")
    for _ in range(2):
        anonymous.get(url, REMOTE_ADDR="192.0.2.1")

    assert anonymous.get(url, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert anonymous.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_an_ipv6_client_is_counted_by_its_network(record, two_a_minute):
    anonymous, url = Client(), reverse("event-list")
    for host in ("1", "2"):
        anonymous.get(url, REMOTE_ADDR=f"2001:db8:1:2::{host}")

    assert anonymous.get(url, REMOTE_ADDR="2001:db8:1:2::3").status_code == 429
    assert anonymous.get(url, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_behind_a_proxy_a_forged_x_forwarded_for_does_not_escape_the_limit(
    record, two_a_minute, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    anonymous, url = Client(), reverse("event-list")
    forged = ["198.51.100.1, 203.0.113.9", "198.51.100.2, 203.0.113.9", "203.0.113.9"]

    statuses = [
        anonymous.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=value).status_code
        for value in forged
    ]
    other = anonymous.get(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")

    assert statuses == [200, 200, 429]
    assert other.status_code == 200


def test_answers_from_the_public_cache_are_not_counted(record, cache_on, settings):
    settings.API_ANONYMOUS_RATE = "1/minute"
    anonymous = Client()

    assert anonymous.get(reverse("event-list"))["X-Cache"] == "miss"
    assert anonymous.get(reverse("event-list"))["X-Cache"] == "hit"
    assert anonymous.get(reverse("organization-list")).status_code == 429


def test_production_limits_anonymous_clients_unless_told_otherwise():
    show = "from django.conf import settings; print(settings.API_ANONYMOUS_RATE)"

    default = run_manage("shell", "--no-imports", "-c", show, env=settings_env("development"))
    off = run_manage(
        "shell", "--no-imports", "-c", show, env=settings_env(DJANGO_API_ANONYMOUS_RATE="off")
    )
    wrong = run_manage("check", env=settings_env(DJANGO_API_ANONYMOUS_RATE="lots"))

    assert default.stdout.strip() == "120/minute", default.stderr
    assert off.stdout.strip() == "None", off.stderr
    assert wrong.returncode != 0
    assert "DJANGO_API_ANONYMOUS_RATE='lots' is not a rate" in wrong.stderr
