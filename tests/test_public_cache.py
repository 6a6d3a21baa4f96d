"""The public response cache (panel/public_cache.py): who is served from it, what is kept, what
the key holds, how long an entry is used, what others do while a page renders, and that every
hit carries its own CSP nonce.

The cache is off in the test suite; the ``public_cache_on`` fixture turns it on here (and in
tests/test_public_cache_edits.py, which imports it). Edits and the record version are tested
in tests/test_public_cache_edits.py and tests/test_record_version.py.
"""

import datetime
import re

import pytest
import time_machine
from django.contrib import messages
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csp import get_nonce
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path, reverse

from panel import public_cache as public_cache_module
from panel.public_cache import entry_key, lock_key, public_cache
from panel.record_version import record_version

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def public_cache_on(settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": True, "LOCK_WAIT": 0.2}
    cache.clear()
    yield
    cache.clear()


def served(response):
    return response.get("X-Cache")


def nonce_in_header(response):
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def nonces_in_body(response):
    return set(re.findall(r'nonce="([^"]+)"', response.content.decode()))


# --- Views only this module's URLs serve: each answers the public in its own way ------------

renders = []


def counted(request):
    renders.append(request.path)
    return HttpResponse(f"rendered {len(renders)}")


def with_nonce(request):
    return HttpResponse(f'<script nonce="{get_nonce(request)}">go()</script>')


def sets_cookie(request):
    response = HttpResponse("cookie")
    response.set_cookie("chosen", "yes")
    return response


def uses_csrf_token(request):
    return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')


def adds_message(request):
    messages.info(request, "Saved.")
    return HttpResponse("message")


def writes_session(request):
    request.session["visited"] = True
    return HttpResponse("session")


def private(request):
    response = HttpResponse("private")
    response["Cache-Control"] = "private, no-store"
    return response


def varies_on_language(request):
    response = HttpResponse("language")
    response["Vary"] = "Accept-Language"
    return response


def streamed(request):
    return StreamingHttpResponse(iter([b"stream"]))


def not_found(request):
    return HttpResponse("missing", status=404)


PERSONAL = [sets_cookie, uses_csrf_token, adds_message, writes_session, private]
UNKEPT = [*PERSONAL, varies_on_language, streamed, not_found]

urlpatterns = [
    path("counted/", public_cache(counted)),
    path("nonce/", public_cache(with_nonce)),
    *(path(f"{view.__name__}/", public_cache(view)) for view in UNKEPT),
]


@pytest.fixture
def test_urls(settings):
    settings.ROOT_URLCONF = __name__
    renders.clear()


# --- Who is served from the cache ----------------------------------------------------------


def test_a_second_anonymous_request_is_served_from_the_cache(client, test_urls):
    first, second = client.get("/counted/"), client.get("/counted/")

    assert (served(first), served(second)) == ("miss", "hit")
    assert second.content == first.content == b"rendered 1"
    assert len(renders) == 1


def test_head_is_served_from_what_get_stored(client, test_urls):
    client.get("/counted/")

    assert served(client.head("/counted/")) == "hit"


def test_a_signed_in_visitor_is_never_served_from_the_cache(client, member_user, test_urls):
    client.get("/counted/")
    client.force_login(member_user)

    response = client.get("/counted/")

    assert served(response) == "bypass"
    assert response.content == b"rendered 2"


def test_a_signed_in_visitors_page_is_never_kept_for_the_public(member_client, test_urls):
    member_client.get("/counted/")

    assert served(Client().get("/counted/")) == "miss"


@pytest.mark.parametrize(
    "credentials",
    [
        {"HTTP_AUTHORIZATION": "Token 0123456789abcdef"},
        {"HTTP_COOKIE": "messages=anything"},
    ],
    ids=["api token", "messages cookie"],
)
def test_a_request_with_credentials_or_messages_is_not_served_from_the_cache(
    client, test_urls, credentials
):
    client.get("/counted/")

    assert served(client.get("/counted/", **credentials)) == "bypass"


def test_a_session_holding_anything_is_not_served_from_the_cache(client, test_urls):
    client.get("/counted/")
    session = client.session
    session["_messages"] = "[]"
    session.save()

    assert served(client.get("/counted/")) == "bypass"


def test_an_empty_session_left_after_signing_out_is_the_public(client, test_urls):
    client.get("/counted/")
    client.cookies["sessionid"] = "no-such-session"

    assert served(client.get("/counted/")) == "hit"


def test_a_post_is_never_served_from_or_kept_in_the_cache(client, test_urls):
    client.get("/counted/")

    response = client.post("/counted/")

    assert served(response) == "bypass"
    assert response.content == b"rendered 2"


# --- What is kept --------------------------------------------------------------------------


@pytest.mark.parametrize("view", UNKEPT, ids=lambda view: view.__name__)
def test_a_personal_private_or_unkeyed_response_is_not_kept(test_urls, view):
    Client().get(f"/{view.__name__}/")

    assert served(Client().get(f"/{view.__name__}/")) == "miss"


@pytest.mark.parametrize("view", PERSONAL, ids=lambda view: view.__name__)
def test_a_personal_response_is_sent_with_its_cookie_or_private_header(client, test_urls, view):
    # The check that keeps these out is made on the response as it leaves: the cookies that
    # make them personal are added by middleware after the view returns.
    response = client.get(f"/{view.__name__}/")

    assert response.cookies or "private" in response.get("Cache-Control", "")


# --- CSP nonces ----------------------------------------------------------------------------


def test_every_hit_carries_a_fresh_nonce_matching_its_header(client, test_urls):
    responses = [client.get("/nonce/") for _ in range(3)]

    assert [served(r) for r in responses] == ["miss", "hit", "hit"]
    for response in responses:
        assert nonces_in_body(response) == {nonce_in_header(response)}
    assert len({nonce_in_header(r) for r in responses}) == 3


def test_a_page_from_the_cache_has_a_fresh_nonce_on_every_script(client, record):
    client.get("/")

    response = client.get("/")

    assert served(response) == "hit"
    assert nonces_in_body(response) == {nonce_in_header(response)}
    assert nonce_in_header(response) not in client.get("/").content.decode()


def test_an_api_answer_from_the_cache_has_the_same_policy_without_a_nonce(client, record):
    url = reverse("event-list")
    miss = client.get(url)

    hit = client.get(url)

    assert served(hit) == "hit"
    assert hit.json() == miss.json()
    assert hit["Content-Security-Policy"] == miss["Content-Security-Policy"]
    assert "nonce" not in hit["Content-Security-Policy"]


# --- The key -------------------------------------------------------------------------------


def test_each_query_string_has_its_own_entry(client, test_urls):
    client.get("/counted/?page=1")

    assert served(client.get("/counted/?page=2")) == "miss"
    assert served(client.get("/counted/?page=1")) == "hit"


def test_each_format_asked_for_in_accept_has_its_own_entry(client, record):
    url = reverse("event-list")
    client.get(url, HTTP_ACCEPT="application/json")

    response = client.get(url, HTTP_ACCEPT="text/csv")

    assert served(response) == "miss"
    assert response["Content-Type"].startswith("text/csv")
    assert served(client.get(url, HTTP_ACCEPT="application/json")) == "hit"


def test_each_host_has_its_own_entry_since_the_api_prints_absolute_links(client, record):
    url = reverse("event-list")
    client.get(url, HTTP_HOST="testserver")

    response = client.get(url, HTTP_HOST="localhost")

    assert served(response) == "miss"
    assert "http://localhost/" in response.content.decode()
    assert "http://testserver/" not in response.content.decode()


def test_a_new_day_in_london_starts_new_entries(client, test_urls):
    # 23:58 in London on 1 June (BST) is 22:58 UTC; three minutes later (well within the time
    # limit) it is 2 June in London, and RAG colours have turned, but still 1 June in UTC.
    with time_machine.travel(datetime.datetime(2024, 6, 1, 22, 58, tzinfo=datetime.UTC)):
        client.get("/counted/")
        assert served(client.get("/counted/")) == "hit"
    with time_machine.travel(datetime.datetime(2024, 6, 1, 23, 1, tzinfo=datetime.UTC)):
        assert served(client.get("/counted/")) == "miss"


def test_an_entry_is_used_for_timeout_seconds_at_most(client, test_urls, settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "TIMEOUT": 60}
    # The time limit as the cache keeps it; Redis's clock is not the one time-machine moves.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    start = datetime.datetime(2024, 1, 15, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as traveller:
        client.get("/counted/")
        traveller.shift(59)
        assert served(client.get("/counted/")) == "hit"
        traveller.shift(2)
        assert served(client.get("/counted/")) == "miss"


# --- Stampedes -----------------------------------------------------------------------------


def held_lock(client, path):
    """Take the render lock for ``path`` as another request rendering it would."""
    request = client.get(path).wsgi_request
    key = entry_key(request)
    cache.delete(key)
    lock = lock_key(key, record_version())
    cache.add(lock, True, 10)
    return key, lock


def test_while_another_request_renders_a_page_others_wait_for_its_entry(
    client, test_urls, monkeypatch
):
    client.get("/counted/")
    stored = cache.get(entry_key(client.get("/counted/").wsgi_request))
    key, lock = held_lock(client, "/counted/")

    def other_render_finishes(seconds):
        cache.set(key, stored)
        cache.delete(lock)

    monkeypatch.setattr(public_cache_module.time, "sleep", other_render_finishes)
    response = client.get("/counted/")

    assert served(response) == "hit"
    assert len(renders) == 1


def test_a_render_that_does_not_finish_in_time_is_not_waited_for(client, test_urls):
    held_lock(client, "/counted/")
    renders.clear()

    response = client.get("/counted/")

    assert served(response) == "miss"
    assert len(renders) == 1


# --- Hits answered early -------------------------------------------------------------------

inside = []


class InsideMiddleware:
    """A middleware the public cache does not know: notes each request that reaches it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        inside.append(request.path)
        return self.get_response(request)


@pytest.fixture
def sessions_read(monkeypatch):
    """The paths of the requests the session middleware (inside the public cache's) saw."""
    seen = []
    process_request = SessionMiddleware.process_request

    def noted(middleware, request):
        seen.append(request.path)
        return process_request(middleware, request)

    monkeypatch.setattr(SessionMiddleware, "process_request", noted)
    return seen


def test_a_hit_for_a_visitor_without_cookies_is_answered_before_the_inner_middleware(
    test_urls, sessions_read
):
    client = Client()
    client.get("/counted/")
    assert sessions_read == ["/counted/"]

    hit = client.get("/counted/")

    assert served(hit) == "hit"
    assert hit.content == b"rendered 1"
    assert sessions_read == ["/counted/"]
    # A visitor with a cookie of any kind is served the same page by way of the view.
    with_cookie = Client(headers={"cookie": "seen=1"}).get("/counted/")
    assert served(with_cookie) == "hit"
    assert with_cookie.content == b"rendered 1"
    assert sessions_read == ["/counted/", "/counted/"]


def test_a_middleware_the_cache_does_not_know_turns_early_answers_off(test_urls, settings):
    at = settings.MIDDLEWARE.index(public_cache_module.MIDDLEWARE) + 1
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:at],
        f"{__name__}.InsideMiddleware",
        *settings.MIDDLEWARE[at:],
    ]
    inside.clear()
    client = Client()
    client.get("/counted/")

    hit = client.get("/counted/")

    assert served(hit) == "hit"
    assert inside == ["/counted/", "/counted/"]


def test_which_pages_are_answered_early_follows_the_url_configuration(test_urls, settings):
    Client().get("/counted/")
    assert served(Client().get("/counted/")) == "hit"

    settings.ROOT_URLCONF = "panel.urls"  # where /counted/ is no page

    assert Client().get("/counted/").status_code == 404


def test_a_host_not_allowed_is_refused_with_the_headers_of_every_answer(db):
    Client().get("/meetings/")

    refused = Client(headers={"host": "elsewhere.example"}).get("/meetings/")

    assert refused.status_code == 400
    assert refused["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in refused["Cache-Control"]


def comparable(response, *, cors=True):
    """A response's status, headers and body, with its CSP nonce (fresh for each response)
    and the way it was served set aside (and, with ``cors=False``, the CORS headers the API
    gives only to requests without a cookie)."""
    nonce = re.search(r"'nonce-([^']+)'", response.get("Content-Security-Policy", ""))
    nonce = nonce.group(1) if nonce else None
    headers = {
        name: value.replace(nonce, "NONCE") if nonce else value
        for name, value in response.items()
        if name != "X-Cache" and (cors or not name.startswith("Access-Control-"))
    }
    body = response.content.decode()
    return response.status_code, headers, body.replace(nonce, "NONCE") if nonce else body


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/meetings/",
        "/actions/",
        "/decisions/?q=report",
        "/api/v1/events/",
        "/api/v1/actions/?format=json",
    ],
)
def test_a_hit_answered_early_is_the_page_the_view_would_have_served(record, url):
    miss = Client().get(url)
    early = Client().get(url)
    by_the_view = Client(headers={"cookie": "seen=1"}).get(url)

    assert [served(r) for r in (miss, early, by_the_view)] == ["miss", "hit", "hit"]
    assert comparable(early) == comparable(miss)
    assert comparable(by_the_view, cors=False) == comparable(miss, cors=False)


def test_a_forbidden_user_agent_is_refused_though_its_page_is_kept(db, settings):
    settings.DISALLOWED_USER_AGENTS = [re.compile(r"BadBot")]
    Client().get("/meetings/")

    refused = Client(headers={"user-agent": "BadBot/1.0"}).get("/meetings/")

    assert refused.status_code == 403
    assert served(Client().get("/meetings/")) == "hit"


def test_a_miss_looks_its_page_up_once(test_urls, monkeypatch):
    lookups = []
    get_many = cache.get_many

    def counted_get_many(keys):
        lookups.extend(key for key in keys if key.startswith(public_cache_module.ENTRY_PREFIX))
        return get_many(keys)

    monkeypatch.setattr(cache, "get_many", counted_get_many)

    assert served(Client().get("/counted/")) == "miss"
    assert len(lookups) == 1
    assert served(Client().get("/counted/")) == "hit"
    assert len(lookups) == 2
