"""What a page costs when the public cache cannot serve it (issue 15): the small things every
page needs are read once per record version, and still change the moment the record does.

Permissions, the filters' drop-down options and the signed-in name are kept under the record
version; inside a transaction they are read afresh. These tests commit for real
(``django_db(transaction=True)``), as a site does, so they see what is kept and when it goes.
"""

import datetime
import json
import os
import subprocess
import sys

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

from actions.models import Action
from meetings.models import Body, Meeting, Person
from panel import record_version as versions
from panel.links import page_url
from tests.factories import (
    ActionFactory,
    BoardFactory,
    BodyFactory,
    MeetingFactory,
    OwnerFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def sql_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, " ".join(query["sql"] for query in queries.captured_queries)


def read_then_kept(client, url, sql):
    """The page asked for twice: the first asks the database for ``sql``, the second (kept
    under the record version) does not. Returns the second response."""
    _, first_sql = sql_of(client, url)
    kept, kept_sql = sql_of(client, url)
    assert sql in first_sql
    assert sql not in kept_sql
    return kept


# --- Permissions ---------------------------------------------------------------------------


def test_a_members_permissions_are_read_once_then_follow_a_change_of_role(
    client, member_user, member_group
):
    meeting = MeetingFactory()
    ActionFactory(meeting=meeting, text="A restricted follow-up", restricted=True)
    client.force_login(member_user)
    url = reverse("actions:action_list")

    again = read_then_kept(client, url, "auth_permission")

    assert "A restricted follow-up" in again.text

    # Taking the member out of the role applies to their very next page.
    member_user.groups.remove(member_group)
    after, after_sql = sql_of(client, url)
    assert "auth_permission" in after_sql
    assert "A restricted follow-up" not in after.text


# --- Drop-down options ---------------------------------------------------------------------


def test_the_body_drop_down_is_built_once_then_lists_a_new_body(client):
    BodyFactory(name="Police and Crime Panel", slug="panel")
    url = reverse("meetings:meeting_list")

    kept = read_then_kept(client, url, 'FROM "meetings_body"')

    assert '<option value="panel">Police and Crime Panel</option>' in kept.text

    Body.objects.create(name="Corporate Governance Board", slug="cgb")
    after, _ = sql_of(client, url)
    assert '<option value="cgb">Corporate Governance Board</option>' in after.text


def test_the_year_drop_down_is_built_once_then_lists_a_new_year(client):
    MeetingFactory(date=datetime.date(2023, 7, 26))
    url = reverse("meetings:meeting_list")

    kept = read_then_kept(client, url, 'MIN("meetings_meeting"."date")')

    assert '<option value="2023">2023</option>' in kept.text
    # The kinds and statuses are the same options as before.
    assert '>All kinds</option><option value="ordinary">Ordinary meeting</option>' in kept.text
    assert '>Any status</option><option value="scheduled">Scheduled</option>' in kept.text

    MeetingFactory(date=datetime.date(2025, 2, 3))
    after = client.get(url).text
    assert '<option value="2025">2025</option><option value="2024">2024</option>' in after
    chosen = client.get(url, {"year": "2024", "kind": "board"}).text
    assert '<option value="2024" selected>2024</option>' in chosen
    assert '<option value="board" selected>' in chosen


def test_a_stored_drop_down_still_marks_the_chosen_option(client):
    BodyFactory(name="Police and Crime Panel", slug="panel")
    BodyFactory(name="Corporate Governance Board", slug="cgb")
    url = reverse("meetings:meeting_list")
    client.get(url)

    chosen = client.get(url, {"body": "cgb"}).text

    assert '<option value="cgb" selected>Corporate Governance Board</option>' in chosen
    assert '<option value="panel">Police and Crime Panel</option>' in chosen


def test_the_owners_drop_down_is_kept_per_audience(client, member_user):
    meeting = MeetingFactory()
    ActionFactory(meeting=meeting, owners=[OwnerFactory(name="OPCC")])
    ActionFactory(meeting=meeting, owners=[OwnerFactory(name="Chief Constable")], restricted=True)
    url = reverse("actions:action_list")

    public = client.get(url).text
    client.force_login(member_user)
    member = client.get(url).text

    assert ">OPCC</option>" in public
    assert "Chief Constable" not in public
    assert ">Chief Constable</option>" in member


# --- The header ----------------------------------------------------------------------------


def test_the_signed_in_name_is_read_once_then_follows_a_rename(client, member_user):
    person = Person.objects.create(given_name="Deborah", family_name="Taylor", slug="taylor")
    person.user = member_user
    person.save()
    client.force_login(member_user)
    url = reverse("meetings:body_list")

    kept = read_then_kept(client, url, 'FROM "meetings_person"')

    assert "Signed in as </span>Deborah Taylor" in kept.text

    Person.objects.filter(pk=person.pk).update(given_name="Debbie")
    assert "Signed in as </span>Debbie Taylor" in client.get(url).text


class SharedCacheCalls:
    """The calls a request makes to the shared cache (each a round trip to Redis in
    production); a call made inside another (locmem's get_many calls get) is not counted."""

    METHODS = ("get", "get_many", "set", "set_many", "add", "incr", "delete", "delete_many")

    def __init__(self, monkeypatch):
        self.calls, self._depth = [], 0
        for name in self.METHODS:
            monkeypatch.setattr(versions.cache, name, self._counted(name))

    def _counted(self, name):
        method = getattr(versions.cache, name)

        def counted(key, *args, **kwargs):
            if not self._depth:
                self.calls.append((name, key))
            self._depth += 1
            try:
                return method(key, *args, **kwargs)
            finally:
                self._depth -= 1

        return counted


def test_a_page_asks_the_shared_cache_once_for_the_version_and_when_it_changed(client, monkeypatch):
    BodyFactory()
    ActionFactory(text="An outstanding follow-up")
    url = reverse("actions:action_list")
    client.get(url)  # counts, permissions and the footer are kept after the first page
    spy = SharedCacheCalls(monkeypatch)

    response = client.get(url)

    assert response.status_code == 200
    assert response.headers["Last-Modified"]
    assert spy.calls == [("get_many", [versions.VERSION_KEY, versions.MODIFIED_KEY])]


def test_a_members_page_adds_only_their_session_to_the_shared_cache_calls(
    client, member_user, monkeypatch
):
    ActionFactory(text="A restricted follow-up", restricted=True)
    client.force_login(member_user)
    url = reverse("actions:action_list")
    client.get(url)
    spy = SharedCacheCalls(monkeypatch)

    response = client.get(url)

    assert "A restricted follow-up" in response.text
    version = ("get_many", [versions.VERSION_KEY, versions.MODIFIED_KEY])
    assert version in spy.calls and len(spy.calls) == 2
    (session,) = (key for _, key in spy.calls if (_, key) != version)
    assert "session" in session


def test_kept_counts_in_one_process_follow_a_change_made_by_another(client, monkeypatch):
    """Another app server's write bumps the shared version: this process's kept counts are
    keyed on it, so its next page counts afresh."""
    ActionFactory(text="First")
    meeting = MeetingFactory()
    url = reverse("actions:action_list")
    assert "1 action." in client.get(url).text

    # The other server's write: this process's connection does not see it as a write...
    with monkeypatch.context() as patched:
        patched.setattr(connections["default"], "execute_wrappers", [])
        Action.objects.create(meeting=meeting, text="Second")
    assert "1 action." in client.get(url).text  # (the count this process keeps)

    # ...and the version that server bumped in the shared cache.
    versions.cache.incr(versions.VERSION_KEY)
    assert "2 actions." in client.get(url).text


# --- Addresses -----------------------------------------------------------------------------


def test_page_addresses_are_the_ones_reverse_gives():
    cases = [
        ("actions:action_detail", {"pk": 123}),
        ("meetings:meeting_detail", {"pk": 7}),
        ("meetings:minutes_detail", {"pk": 7}),
        ("meetings:person_detail", {"slug": "deborah-taylor"}),
        ("meetings:body_detail", {"slug": "police_and_crime_panel-2"}),
        # Not a plain id: left to reverse and its converter.
        ("meetings:meeting_detail", {"pk": "0042"}),
    ]
    for name, kwargs in cases:
        assert page_url(name, **kwargs) == reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/42/",
        "/meetings/42/minutes.pdf",
        "/media/papers/3f2a-report_v1.2~final.pdf",
        "/",
        "/meetings/42/?page=2",
        "/meetings/./42/",
        "/meetings/x/../42/",
        "//elsewhere.example/meetings/",
        "/media/papers/Caf\u00e9 report.pdf",
        "/media/papers/100%25.pdf",
        "https://elsewhere.example/a",
        "relative/path",
    ],
)
@pytest.mark.parametrize("secure", [False, True])
def test_full_addresses_are_the_ones_django_builds(rf, settings, url, secure):
    """The API's full addresses read the request's scheme and host once; each is still the
    address ``build_absolute_uri`` gives, whatever the path holds."""
    from meetings.ocd import absolute_url

    settings.ALLOWED_HOSTS = ["panel.example"]
    request = rf.get("/api/v1/events/", secure=secure, HTTP_HOST="panel.example:8443")

    assert absolute_url(url, request) == request.build_absolute_uri(url)
    assert absolute_url(url, request) == request.build_absolute_uri(url)  # kept for the request


def test_page_addresses_keep_the_sites_prefix():
    try:
        set_script_prefix("/panel/")
        assert page_url("actions:action_detail", pk=5) == "/panel/actions/5/"
    finally:
        set_script_prefix("/")
    assert page_url("actions:action_detail", pk=5) == "/actions/5/"


def test_a_request_reads_the_sites_prefix_once_per_kind_of_address(client, monkeypatch):
    """A page of events writes six addresses for each meeting; the prefix and URL
    configuration each address is built from are read once per kind of address a request
    writes, not once per address."""
    from panel import links

    body = BodyFactory()
    for day in range(1, 9):
        MeetingFactory(body=body, date=datetime.date(2023, 6, day))
    reads = []
    real = links.get_script_prefix
    monkeypatch.setattr(links, "get_script_prefix", lambda: reads.append(1) or real())

    response = client.get("/api/v1/events/")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 8
    assert 0 < len(reads) <= 3  # the meeting's page, its minutes and their PDF


def served(path, script_name=""):
    """The body of ``path`` as the WSGI application answers it, the site mounted at
    ``script_name`` (the test client does not apply a mount's prefix)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    environ = {**RequestFactory().get(path).environ, "SCRIPT_NAME": script_name}
    environ["HTTP_HOST"] = "testserver"
    statuses = []
    body = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["200 OK"]
    return body.decode()


def test_addresses_written_in_a_request_keep_the_sites_prefix(settings):
    """Under a prefix (the site mounted at /panel), every address of a page carries it, as
    reverse would write it in that request."""
    settings.ALLOWED_HOSTS = ["testserver"]
    meeting = MeetingFactory(body=BodyFactory(), date=datetime.date(2023, 6, 1))

    page = served("/meetings/", "/panel")
    api = json.loads(served("/api/v1/events/", "/panel"))["results"][0]

    assert f'href="/panel/meetings/{meeting.pk}/"' in page
    assert api["html_url"] == f"http://testserver/panel/meetings/{meeting.pk}/"
    # The next request, at the site's root, is not written with the last one's prefix.
    assert f'href="/meetings/{meeting.pk}/"' in served("/meetings/")


# --- The action table's cells --------------------------------------------------------------


def test_the_action_tables_cells_read_as_before(client):
    meeting = MeetingFactory()
    later = MeetingFactory()
    ActionFactory(meeting=meeting, text="Nobody owns this", target_meeting=later)
    closed = ActionFactory(meeting=meeting, text="Done already", owners=[OwnerFactory()])
    Action.objects.filter(pk=closed.pk).update(status=Action.Status.COMPLETE)

    text = client.get(reverse("actions:action_list"), {"status": ["open", "complete"]}).text

    assert '<td data-label="Owner" class="govuk-table__cell">Not assigned</td>' in text
    assert 'No date<br><span class="govuk-body-s">Back to a later meeting</span>' in text
    assert '<td data-label="Owner" class="govuk-table__cell">OPCC</td>' in text
    assert '<span class="govuk-visually-hidden">No rating (closed)</span>' in text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "One",
        " ".join(f"w{n}" for n in range(30)),
        " ".join(f"w{n}" for n in range(31)),
        " ".join(f"w{n}" for n in range(29)) + " … and more words after",
        " ".join(f"w{n}" for n in range(40)) + " …",
        "Lines\nand\ttabs   and  runs of spaces " * 6,
        '<b>Tags</b> & "quotes" ' * 12,
    ],
)
def test_an_actions_first_words_are_the_ones_truncator_gives(text):
    from django.utils.text import Truncator

    from meetings.templatetags.record_text import first_words

    assert first_words(text, 30) == Truncator(text).words(30, truncate=" …")


def test_the_lists_total_comes_with_its_rag_counts_and_follows_a_new_action(client):
    meeting = MeetingFactory()
    for n in range(27):
        ActionFactory(meeting=meeting, text=f"Follow-up {n}")
    closed = ActionFactory(meeting=meeting, text="Closed one")
    Action.objects.filter(pk=closed.pk).update(status=Action.Status.COMPLETE)
    url = reverse("actions:action_list")

    client.get(url)
    kept, kept_sql = sql_of(client, url)
    assert "27 actions." in kept.text
    assert "COUNT(" not in kept_sql  # the total was kept with the RAG counts
    assert 'href="?page=2"' in kept.text
    assert "28 actions." in client.get(url, {"status": ["open", "complete"]}).text

    ActionFactory(meeting=meeting, text="One more")
    assert "28 actions." in client.get(url).text


def test_the_meeting_drop_down_of_a_body_is_kept_then_lists_a_new_meeting(client):
    panel = BodyFactory(name="Police and Crime Panel", slug="panel")
    first = MeetingFactory(body=panel)
    ActionFactory(meeting=first)
    url = reverse("actions:action_list")

    client.get(url, {"body": "panel"})
    _, kept_sql = sql_of(client, url + "?body=panel")
    assert 'FROM "meetings_meeting"' not in kept_sql

    later = MeetingFactory(body=panel, date=first.date.replace(year=first.date.year + 1))
    ActionFactory(meeting=later)
    text = client.get(url, {"body": "panel"}).text
    assert f'<option value="{later.pk}">' in text
    assert f'<option value="{first.pk}">' in text


def test_the_meeting_drop_down_markup_is_kept_and_marks_the_chosen_meeting(client, monkeypatch):
    panel = BodyFactory(name="Police and Crime Panel", slug="panel")
    first = MeetingFactory(body=panel, date=datetime.date(2023, 2, 3))
    second = MeetingFactory(body=panel, date=datetime.date(2023, 6, 20))
    elsewhere = MeetingFactory(body=BoardFactory(), date=datetime.date(2023, 9, 1))
    for meeting in (first, second, elsewhere):
        ActionFactory(meeting=meeting)
    url = reverse("actions:action_list")
    client.get(url, {"body": "panel"})

    # Kept: no meeting's label is worked out again for the drop-down (the rows write their
    # meetings' names themselves), and the chosen one is still marked.
    labels = []
    original = Meeting.__str__
    monkeypatch.setattr(Meeting, "__str__", lambda self: labels.append(self.pk) or original(self))
    kept = client.get(url, {"body": "panel", "meeting": second.pk}).text

    assert labels == []
    assert f"From the {second} meeting" in kept
    assert f'<option value="{second.pk}" selected>{second}</option>' in kept
    assert f'<option value="{first.pk}">{first}</option>' in kept
    assert f'value="{elsewhere.pk}"' not in kept

    # A meeting of another body, chosen by its address, is offered and marked as well.
    other = client.get(url, {"body": "panel", "meeting": elsewhere.pk}).text
    assert f'<option value="{elsewhere.pk}" selected>' in other
    assert f'<option value="{first.pk}">{first}</option>' in other
    # ...without being kept for the next visitor of the body's list.
    assert f'value="{elsewhere.pk}"' not in client.get(url, {"body": "panel"}).text


# --- Order within a meeting ------------------------------------------------------------------


def test_a_meetings_record_is_in_agenda_order_without_joining_its_meeting(client):
    from tests.factories import AgendaItemFactory, AttendanceFactory, MinutesFactory, PersonFactory

    meeting = MeetingFactory(status="held")
    MinutesFactory(meeting=meeting, status="published")
    # Entered out of order: the page must still follow the agenda.
    for order in (3, 1, 2):
        AgendaItemFactory(meeting=meeting, order=order, number=str(order), title=f"Item {order}")
    for order in (2, 1):
        person = PersonFactory(given_name="Sam", family_name=f"Seat{order}")
        AttendanceFactory(meeting=meeting, person=person, order=order)

    with CaptureQueriesContext(connection) as queries:
        text = client.get(meeting.get_absolute_url()).text

    assert text.index("1. Item 1") < text.index("2. Item 2") < text.index("3. Item 3")
    assert text.index("Sam Seat1") < text.index("Sam Seat2")
    prefetches = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(('SELECT "meetings_agendaitem"', 'SELECT "meetings_attendance"'))
    ]
    assert prefetches and not any('JOIN "meetings_meeting"' in sql for sql in prefetches)


# --- Search counts -----------------------------------------------------------------------------


def test_a_searchs_count_is_kept_until_the_record_changes(client):
    import datetime

    from tests.test_search import DECISIONS_URL, add_matches

    add_matches(3, datetime.date(2023, 1, 1))
    url = f"{DECISIONS_URL}?q=budget"

    kept = read_then_kept(client, url, "COUNT(")

    assert "3 decisions" in kept.text

    add_matches(1, datetime.date(2024, 1, 1))
    assert "4 decisions" in client.get(url).text


def test_the_decisions_registers_count_is_kept_per_reader_until_the_record_changes(
    client, member_user
):
    from tests.test_search import DECISIONS_URL, add_matches, decision, meeting

    add_matches(3, datetime.date(2023, 1, 1))
    held = meeting(datetime.date(2023, 6, 1))
    decision(
        held, "That the exempt report be approved.", confidentiality="exempt", exempt_paragraphs="3"
    )

    kept = read_then_kept(client, DECISIONS_URL, "COUNT(")
    assert "3 decisions" in kept.text

    client.force_login(member_user)
    assert "4 decisions</p>" in client.get(DECISIONS_URL).text  # the exempt one too
    since_june = client.get(DECISIONS_URL, {"date_from": "2023-06-01"}).text
    assert "1 decision</p>" in since_june  # kept apart for each choice of filters
    client.logout()
    assert "3 decisions" in client.get(DECISIONS_URL).text

    add_matches(1, datetime.date(2024, 1, 1))
    assert "4 decisions" in client.get(DECISIONS_URL).text


def test_the_site_searchs_counts_are_kept_per_reader_without_compiling_their_queries(
    client, django_user_model, monkeypatch
):
    """Each kind's count is kept under a key naming the kind, who reads and the words: the
    count query's own SQL as the key cost compiling six queries on every search (2 ms)."""
    from django.db.models.sql.query import Query

    from tests.factories import OwnerFactory
    from tests.test_search import SEARCH, decision, group_heading, meeting

    held = meeting(datetime.date(2023, 6, 1))
    decision(held, "That the report be noted.")
    ActionFactory(meeting=held, text="Report back on fleet costs.")
    restricted = ActionFactory(meeting=held, text="Report on the vetting case.", restricted=True)
    owner = django_user_model.objects.create_user("owner", password="pw")
    OwnerFactory(name="Vetting team").users.add(owner)
    restricted.owners.add(OwnerFactory(name="Vetting team"))

    client.get(SEARCH, {"q": "report"})
    compiled = []
    original = Query.sql_with_params
    monkeypatch.setattr(
        Query, "sql_with_params", lambda self: compiled.append(self) or original(self)
    )
    kept, kept_sql = sql_of(client, f"{SEARCH}?q=report")

    assert compiled == []
    assert "COUNT(" not in kept_sql
    assert group_heading(kept, "decisions") == "Decisions (1)"
    assert group_heading(kept, "actions") == "Actions (1)"
    # The owner reads the restricted action they answer for, and is counted apart.
    client.force_login(owner)
    assert group_heading(client.get(SEARCH, {"q": "report"}), "actions") == "Actions (2)"
    client.logout()
    assert group_heading(client.get(SEARCH, {"q": "report"}), "actions") == "Actions (1)"


def test_the_meetings_lists_count_is_kept_per_choice_of_filters_until_the_record_changes(
    client,
):
    north = BodyFactory(slug="north", name="North Police and Crime Panel")
    south = BodyFactory(slug="south", name="South Police and Crime Panel")
    for day in range(3):
        MeetingFactory(body=north, date=datetime.date(2023, 1, 10 + day))
    MeetingFactory(body=south, date=datetime.date(2023, 2, 1))
    url = reverse("meetings:meeting_list")

    kept = read_then_kept(client, url, "COUNT(")
    assert "4 meetings." in kept.text
    assert "3 meetings match your filters." in client.get(url, {"body": "north"}).text
    assert "1 meeting match your filters." in client.get(url, {"body": "south"}).text
    # Filters that are not valid are refused, and counted nothing.
    refused = client.get(url, {"body": "nowhere"})
    assert "That body is not known" in refused.text
    assert "match your filters" not in refused.text

    MeetingFactory(body=south, date=datetime.date(2023, 3, 1))
    assert "5 meetings." in client.get(url).text
    assert "2 meetings match your filters." in client.get(url, {"body": "south"}).text


def test_the_events_list_reads_the_minutes_it_shows_and_does_not_scan_the_rest(client):
    """Each event's minutes come in its meeting's row, joined by the meeting (its unique
    index), and are decided on once loaded; nothing asks whether minutes exist (an
    ``EXISTS`` there made PostgreSQL scan every meeting's minutes for a page of 25)."""
    from tests.factories import MinutesFactory

    shown = MeetingFactory(date=datetime.date(2023, 7, 26), status="held")
    MinutesFactory(meeting=shown, status="published")
    draft = MeetingFactory(date=datetime.date(2023, 9, 1), status="held")
    MinutesFactory(meeting=draft, status="draft")

    with CaptureQueriesContext(connection) as queries:
        events = client.get("/api/v1/events/").json()["results"]

    sql = [q["sql"] for q in queries.captured_queries]
    page_query = next(q for q in sql if 'FROM "meetings_meeting"' in q)
    assert 'LEFT OUTER JOIN "meetings_minutes"' in page_query
    assert "EXISTS" not in page_query
    assert not [q for q in sql if 'FROM "meetings_minutes"' in q]
    minutes = {event["id"]: event["minutes"] for event in events}
    assert minutes[shown.pk]["status"] == "published"
    assert minutes[draft.pk] is None


# --- Filters copied lightly ------------------------------------------------------------------


def test_a_filtersets_changes_to_its_filters_stay_its_own(rf):
    from actions.views import ActionPageFilter

    first = ActionPageFilter({}, request=rf.get("/"))
    first.filters["body"].extra["empty_label"] = "Changed"
    first.filters["meeting"].queryset = Action.objects.none()

    second = ActionPageFilter({}, request=rf.get("/"))

    assert second.filters["body"].extra["empty_label"] == "All bodies"
    assert second.filters["meeting"].queryset.model is not Action
    assert ActionPageFilter.base_filters["body"].extra.get("empty_label") != "Changed"
    assert second.filters["body"] is not ActionPageFilter.base_filters["body"]
    assert second.filters["body"].parent is second


# --- Links to the admin ----------------------------------------------------------------------


def test_edit_in_admin_links_are_for_staff_only(client, staff_user, member_user):
    meeting = MeetingFactory()
    action = ActionFactory(meeting=meeting)
    person = PersonFactory(given_name="Jo")
    pages = {
        reverse("meetings:meeting_detail", args=[meeting.pk]): "meetings/meeting",
        reverse("meetings:body_detail", args=[meeting.body.slug]): "meetings/body",
        reverse("meetings:person_detail", args=[person.slug]): "meetings/person",
        action.get_absolute_url(): "actions/action",
    }
    for user, shown in ((staff_user, True), (member_user, False), (None, False)):
        client.logout()
        if user:
            client.force_login(user)
        for url, admin in pages.items():
            text = client.get(url, follow=True).text
            assert ("Edit in admin" in text) is shown, (user, url)
            assert (f"/admin/{admin}/" in text) is shown, (user, url)


def test_a_kept_value_is_built_again_after_its_time_limit(monkeypatch):
    builds = []
    clock = [1000.0]
    monkeypatch.setattr(versions.time, "monotonic", lambda: clock[0])

    def build():
        builds.append(1)
        return len(builds)

    assert versions.per_version(("test", "limit"), build, timeout=60) == 1
    clock[0] += 59
    assert versions.per_version(("test", "limit"), build, timeout=60) == 1
    clock[0] += 2
    assert versions.per_version(("test", "limit"), build, timeout=60) == 2


def test_a_copied_filter_builds_its_own_form_field_from_its_own_arguments(rf):
    from actions.views import ActionPageFilter

    declared = ActionPageFilter.base_filters["rag"].field  # as the API schema generator asks

    filterset = ActionPageFilter({}, request=rf.get("/"))

    assert filterset.filters["rag"].field is not declared
    assert filterset.filters["rag"].field.empty_label == "Any rating"


def test_the_app_server_entry_point_keeps_the_collector_off_the_loaded_site():
    """gunicorn's entry point moves what the loaded site holds out of the collector's sight
    and collects less often: the default collector walked the whole site 2-4 times a page."""
    code = (
        "import gc; import panel.wsgi; print(gc.get_freeze_count() > 10_000, gc.get_threshold()[0])"
    )
    env = {**os.environ, "DJANGO_ENV": "test", "DJANGO_SETTINGS_MODULE": "panel.settings"}
    shown = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert shown == ["True", "10000"]
