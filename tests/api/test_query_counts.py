"""Every list endpoint (and a meeting's detail) uses the same number of queries for 1 row as
for many: the counts are pinned, so an N+1 fails here."""

import datetime

import pytest
from django.test import Client
from knox.models import AuthToken

from actions import services
from meetings.models import (
    Minutes,
    Resolution,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PaperFactory,
    PersonAliasFactory,
    PersonFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

pytestmark = pytest.mark.django_db


def build(rows):
    """``rows`` of everything: meetings with items, papers, motions, attendance and
    declarations; people with spellings and memberships; actions with owners and history."""
    panel = BodyFactory(name="Police and Crime Panel", slug="pcp")
    officer_owner = services.owner_for("OPCC")
    meetings = []
    for n in range(1, rows):
        BodyFactory(name=f"Task group {n}", slug=f"task-group-{n}", kind="task_group")
    for n in range(rows):
        person = PersonFactory(slug=f"person-{n}", family_name=f"Member{n}")
        PersonAliasFactory(person=person, name=f"Cllr. M{n}")
        PersonAliasFactory(person=person, name=f"Councillor Member{n}")
        MembershipFactory(person=person, body=panel, start_date=datetime.date(2023, 5, 1))
        meeting = MeetingFactory(
            body=panel, date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n), status="held"
        )
        meetings.append(meeting)
        MinutesFactory(meeting=meeting, status=Minutes.Status.PUBLISHED)
        AttendanceFactory(meeting=meeting, person=person, status="present")
        DeclarationFactory(
            meeting=meeting, person=person, interest_type="personal", reason="a relative"
        )
        for order in (1, 2):
            item = AgendaItemFactory(
                meeting=meeting,
                order=order,
                number=str(order),
                title=f"Item {order}",
                confidentiality="public" if order == 1 else "exempt",
                exempt_paragraphs="" if order == 1 else "1",
            )
            PaperFactory(item=item, title="Report")
            resolution = ResolutionFactory(item=item, text="That the report be noted.", mover=None)
        WorkProgrammeEntryFactory(body=panel, meeting=meeting, title=f"Entry {n}")
        action = services.action_create(
            meeting=meeting, reference=f"{n}a", text="Follow up", owners=[officer_owner]
        )
        services.action_start(action=action, user=None, note="Begun")
    # The last meeting gets many items, for the detail endpoint.
    for order in range(3, 3 + rows):
        AgendaItemFactory(meeting=meetings[-1], order=order, number=str(order), title="x")
    return meetings[-1], resolution


LIST_URLS = [
    "/api/v1/organizations/",
    "/api/v1/people/",
    "/api/v1/memberships/",
    "/api/v1/events/",
    "/api/v1/motions/",
    "/api/v1/work-programme/",
    "/api/v1/actions/",
]

# Anonymous: the page (no count: pages are followed by cursor), then one query per
# prefetched relation.
EXPECTED = {
    "/api/v1/organizations/": 1,
    "/api/v1/people/": 2,  # + other spellings
    "/api/v1/memberships/": 1,
    "/api/v1/events/": 2,  # + the papers it may read (the minutes come in the meetings' rows)
    "/api/v1/motions/": 2,  # + the members' recorded votes
    "/api/v1/work-programme/": 1,
    "/api/v1/actions/": 3,  # + owners, history
}


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("url", LIST_URLS)
def test_list_queries_do_not_grow_with_rows(django_assert_num_queries, url, rows):
    build(rows)
    client = Client()

    with django_assert_num_queries(EXPECTED[url]):
        response = client.get(url, {"page_size": 200})

    assert response.status_code == 200
    assert len(response.json()["results"]) >= rows


@pytest.mark.parametrize("rows", [1, 30])
def test_list_as_csv_uses_the_same_queries(django_assert_num_queries, rows):
    build(rows)

    with django_assert_num_queries(EXPECTED["/api/v1/actions/"]):
        response = Client().get("/api/v1/actions/", {"page_size": 200, "format": "csv"})

    assert len(response.content.decode().splitlines()) == rows + 1


@pytest.mark.parametrize("rows", [1, 30])
def test_a_member_with_a_token_costs_a_fixed_few_more(django_assert_num_queries, member_user, rows):
    build(rows)
    _, token = AuthToken.objects.create(user=member_user)
    client = Client(headers={"authorization": f"Token {token}"})

    # + the token and its user, the user's other tokens (knox clears expired ones), and the
    # member's permissions (user's and groups').
    with django_assert_num_queries(EXPECTED["/api/v1/actions/"] + 4):
        response = client.get("/api/v1/actions/", {"page_size": 200})

    assert len(response.json()["results"]) == rows


@pytest.mark.parametrize("rows", [1, 30])
def test_a_meeting_with_its_whole_record_uses_fixed_queries(django_assert_num_queries, rows):
    meeting, _ = build(rows)

    # The meeting, with its minutes; item outlines; readable items, their papers and motions;
    # attendance (naming no items here); declarations, with the items they name.
    with django_assert_num_queries(9):  # 8 + the motions' recorded votes
        response = Client().get(f"/api/v1/events/{meeting.pk}/")

    assert len(response.json()["agenda"]) == rows + 2


@pytest.mark.parametrize("rows", [1, 30])
def test_motions_read_their_movers_and_seconders_in_one_query(django_assert_num_queries, rows):
    """A motion's mover and seconder are read after the page, in one query for them all:
    not joined into the page's query (most resolutions have neither), nor one a row."""
    build(rows)
    for n, resolution in enumerate(Resolution.objects.all()):
        resolution.is_motion = True
        resolution.mover = PersonFactory(given_name="Ann", family_name=f"Mover{n}")
        resolution.seconder = PersonFactory(given_name="Sam", family_name=f"Seconder{n}")
        resolution.save()

    with django_assert_num_queries(EXPECTED["/api/v1/motions/"] + 1):
        response = Client().get("/api/v1/motions/", {"page_size": 200})

    motions = response.json()["results"]
    assert len(motions) == rows  # the public's: the exempt items' are withheld
    assert all(m["creator"]["name"].startswith("Ann Mover") for m in motions)
    assert all(m["seconder"]["name"].startswith("Sam Seconder") for m in motions)


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("reader", ["public", "staff"])
def test_actions_with_every_link_filled_in_use_the_same_queries(
    django_assert_num_queries, staff_user, rows, reader
):
    """The rows an action refers to are loaded only as far as its JSON reads them: reading
    them (item, target meeting, the meeting it was signed off at, the officer in its
    history, whom only staff and members are told of) never costs a query of its own. The
    target and sign-off meetings are read in one query after the page, when any action on
    it names one (test_list_queries_do_not_grow_with_rows has none, and no such query)."""
    meeting = MeetingFactory(body=BodyFactory(name="Police and Crime Panel", slug="pcp"))
    staff_user.first_name, staff_user.last_name = "Dana", "Officer"
    staff_user.save()
    later = MeetingFactory(body=meeting.body, date=meeting.date + datetime.timedelta(days=60))
    for n in range(rows):
        item = AgendaItemFactory(meeting=meeting, order=10 + n, number=f"{10 + n}", title="Fleet")
        action = services.action_create(
            meeting=meeting, item=item, text=f"Report back {n}", target_meeting=later
        )
        services.action_submit_for_sign_off(action=action, user=staff_user, note="Done")
        services.action_sign_off(action=action, user=staff_user, meeting=later)
    client, queries, officer = Client(), EXPECTED["/api/v1/actions/"] + 1, None
    if reader == "staff":
        _, token = AuthToken.objects.create(user=staff_user)
        client = Client(headers={"authorization": f"Token {token}"})
        # + the token and its user, and the user's other tokens (staff need no permission
        # lookup to read everything).
        queries, officer = queries + 2, "Dana Officer"

    with django_assert_num_queries(queries):
        response = client.get("/api/v1/actions/", {"page_size": 200})

    first = response.json()["results"][0]
    assert first["agenda_item"]["title"] == "Fleet"
    assert first["target_event"]["date"] == later.date.isoformat()
    assert first["signed_off_at"]["id"] == later.pk
    assert first["organization"]["abbreviation"] == meeting.body.short_name
    assert [event["actor"] for event in first["history"]] == [None, officer, officer]
    assert first["history"][-1]["signed_off_at"]["name"] == later.heading
