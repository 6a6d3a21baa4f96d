"""Mirrors of the open data: ``?updated_since=`` on every list and the deletions feed.

The test the issue asks for: a client mirrors every list, the record changes (a body edited,
a meeting added, minutes published, an action made restricted, an item made exempt, rows
deleted), the client syncs with ``?updated_since=`` and /api/v1/deletions/, and its mirror
equals a fresh download. Then what makes that true, one piece at a time: children touch
their parents, deletions leave tombstones, and rows a client may no longer see are withdrawn.

Time is frozen (time-machine) and moved on between the mirror and the changes, so each run
writes the same ``updated_at`` values.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from knox.models import AuthToken

from actions import services as action_services
from actions.models import ActionEvent
from meetings import services
from meetings.models import AgendaItem, Membership, Removal, WorkProgrammeEntry
from meetings.sync import touch
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinutesFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RECORDED = datetime.datetime(2023, 11, 1, 9, tzinfo=LONDON)
MIRRORED = datetime.datetime(2023, 11, 1, 10, tzinfo=LONDON)
CHANGED = datetime.datetime(2023, 11, 1, 11, tzinfo=LONDON)
SYNCED = datetime.datetime(2023, 11, 1, 12, tzinfo=LONDON)
# How the API writes CHANGED (London is on UTC in November).
CHANGED_AT = "2023-11-01T11:00:00Z"

LISTS = ("organizations", "people", "memberships", "events", "motions", "work-programme", "actions")


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(RECORDED, tick=False)
    return time_machine


@pytest.fixture
def mirrored(clock, record, staff_user):
    """The record with actions and a work programme, as it stood when the mirror was made."""
    july_s106 = record.july_items[2]
    record.actions = {
        "s106": action_services.action_create(
            meeting=record.july, item=july_s106, reference="3a", text="Update on S106 funding"
        ),
        "to_restrict": action_services.action_create(
            meeting=record.july, reference="3b", text="Share the report with the board"
        ),
        "kept": action_services.action_create(
            meeting=record.august, reference="1a", text="Publish the hearing's outcome"
        ),
    }
    record.entries = [
        WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept"),
        WorkProgrammeEntryFactory(body=record.panel, title="Estates strategy"),
    ]
    clock.move_to(MIRRORED, tick=False)
    return record


def rows(client, resource, **query):
    """Every row of one list, following ``next``: {id: row}."""
    found = {}
    address, params = f"/api/v1/{resource}/", {"page_size": 2, **query}
    while address:
        response = client.get(address, params)
        assert response.status_code == 200, response.content
        body = response.json()
        found.update((row["id"], row) for row in body["results"])
        address, params = body["next"], None
    return found


def download(client):
    return {resource: rows(client, resource) for resource in LISTS}


def deletions(client, since, **query):
    entries, address, params = [], "/api/v1/deletions/", {"since": since, **query}
    while address:
        response = client.get(address, params)
        assert response.status_code == 200, response.content
        body = response.json()
        entries += body["results"]
        address, params = body["next"], None
    return entries


def sync(client, mirror, since):
    """Bring ``mirror`` up to date as a re-user would; returns the rows each list sent."""
    sent = {}
    for resource in LISTS:
        sent[resource] = rows(client, resource, updated_since=since)
        mirror[resource].update(sent[resource])
    for entry in deletions(client, since):
        mirror[entry["resource"]].pop(entry["id"], None)
    return sent


def change_the_record(record, clock, staff_user):
    clock.move_to(CHANGED, tick=False)
    record.panel.short_name = "PCP"
    record.panel.save()
    added = MeetingFactory(body=record.cgb, kind="board", date=datetime.date(2023, 11, 20))
    AgendaItemFactory(meeting=added, order=1, number="1", title="Estates update")
    services.minutes_publish(minutes=record.october_minutes, user=staff_user)
    restricted = record.actions["to_restrict"]
    restricted.restricted = True
    restricted.save()
    s106 = record.july_items[2]
    s106.confidentiality = AgendaItem.Confidentiality.EXEMPT
    s106.exempt_paragraphs = "3"
    s106.save()
    record.entries[1].delete()
    Membership.objects.filter(person=record.people.chavda).delete()
    record.people.allnatt.aliases.create(name="Cllr Allnatt")


def test_a_mirror_synced_with_updated_since_and_deletions_equals_a_fresh_download(
    mirrored, clock, staff_user
):
    anonymous = Client()
    mirror = download(anonymous)

    change_the_record(mirrored, clock, staff_user)
    clock.move_to(SYNCED, tick=False)
    sent = sync(anonymous, mirror, MIRRORED.isoformat())

    fresh = download(anonymous)
    for resource in LISTS:
        assert mirror[resource] == fresh[resource], resource
    # Incremental: a list sends what changed, not everything.
    assert list(sent["people"]) == [mirrored.people.allnatt.pk]
    assert list(sent["organizations"]) == [mirrored.panel.pk]


def test_a_member_with_a_token_keeps_restricted_rows_and_loses_unpublished_ones(
    mirrored, clock, staff_user, member_user
):
    _, secret = AuthToken.objects.create(user=member_user)
    member = Client(headers={"authorization": f"Token {secret}"})
    mirror = download(member)

    change_the_record(mirrored, clock, staff_user)
    services.minutes_unpublish(minutes=mirrored.august_minutes, user=staff_user, note="Error")
    clock.move_to(SYNCED, tick=False)
    sync(member, mirror, MIRRORED.isoformat())

    assert mirror == download(member)
    restricted = mirrored.actions["to_restrict"]
    assert mirror["actions"][restricted.pk]["restricted"] is True
    assert mirrored.private_resolution.pk not in mirror["motions"]


def test_a_sync_from_after_the_changes_sends_nothing(mirrored, clock, staff_user):
    anonymous = Client()
    change_the_record(mirrored, clock, staff_user)
    clock.move_to(SYNCED, tick=False)

    later = (SYNCED - datetime.timedelta(minutes=1)).isoformat()
    for resource in LISTS:
        assert rows(anonymous, resource, updated_since=later) == {}, resource
    assert deletions(anonymous, later) == []


# --- Children touch their parents -----------------------------------------------------------


def changed_since(client, resource, since=CHANGED):
    return set(rows(client, resource, updated_since=since.isoformat()))


@pytest.mark.parametrize(
    "change",
    [
        "item",
        "attendance",
        "declaration",
        "paper",
        "minutes",
        "resolution",
        "recorded_vote",
        "attendance_items",
        "item_deleted",
    ],
)
def test_a_change_to_a_meetings_record_lists_the_meeting(mirrored, clock, change):
    august = mirrored.august
    clock.move_to(CHANGED, tick=False)
    hearing = mirrored.august_items[2]
    people = mirrored.people
    match change:
        case "item":
            hearing.title = "Confirmation hearing"
            hearing.save()
        case "attendance":
            august.attendances.filter(person=people.agath).get().delete()
        case "declaration":
            august.declarations.get().delete()
        case "paper":
            hearing.papers.create(title="Addendum")
        case "minutes":
            mirrored.august_minutes.save()
        case "resolution":
            mirrored.exclusion.text = "That the public be excluded."
            mirrored.exclusion.save()
        case "recorded_vote":
            mirrored.exclusion.recorded_votes.create(person=people.russell, vote="for")
        case "attendance_items":
            august.attendances.get(person=people.trewartha).items.add(hearing)
        case "item_deleted":
            mirrored.august_items[0].delete()

    assert changed_since(Client(), "events") == {august.pk}


def test_an_other_spelling_lists_its_person_and_their_memberships(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    allnatt = mirrored.people.allnatt
    allnatt.aliases.get().delete()

    assert changed_since(Client(), "people") == {allnatt.pk}
    assert changed_since(Client(), "memberships") == set(
        allnatt.memberships.values_list("pk", flat=True)
    )


def test_a_body_edited_lists_every_row_that_shows_it(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    cgb = mirrored.cgb
    board = MeetingFactory(body=cgb, kind="board", date=datetime.date(2023, 9, 1))
    noted = ResolutionFactory(item=AgendaItemFactory(meeting=board, order=1))
    MinutesFactory(meeting=board, status="published")  # so that the public reads the motion
    action = action_services.action_create(meeting=board, reference="1", text="Follow up")
    entry = WorkProgrammeEntryFactory(body=cgb, title="Audit")
    membership = Membership.objects.create(
        person=mirrored.people.agath, body=cgb, start_date=datetime.date(2023, 5, 1)
    )
    clock.move_to(SYNCED, tick=False)

    cgb.name = "Joint Audit Committee"
    cgb.save()

    anonymous, since = Client(), SYNCED
    assert changed_since(anonymous, "events", since) == {board.pk}
    assert changed_since(anonymous, "motions", since) == {noted.pk}
    assert changed_since(anonymous, "actions", since) == {action.pk}
    assert changed_since(anonymous, "work-programme", since) == {entry.pk}
    assert changed_since(anonymous, "memberships", since) == {membership.pk}


def test_an_actions_history_and_owners_list_the_action(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    kept, s106 = mirrored.actions["kept"], mirrored.actions["s106"]
    ActionEvent.objects.create(action=kept, from_status="open", to_status="open", note="Seen")
    s106.owners.add(action_services.owner_for("OPCC"))

    assert changed_since(Client(), "actions") == {kept.pk, s106.pk}


def test_an_owner_renamed_lists_its_actions(mirrored, clock):
    opcc = action_services.owner_for("OPCC")
    mirrored.actions["kept"].owners.add(opcc)
    clock.move_to(CHANGED, tick=False)

    opcc.name = "Office of the PCC"
    opcc.save()

    assert changed_since(Client(), "actions") == {mirrored.actions["kept"].pk}


def test_a_meeting_deleted_touches_what_pointed_at_it(mirrored, clock):
    december, december_id = mirrored.december, mirrored.december.pk
    action = mirrored.actions["kept"]
    action.target_meeting = december
    action.save()
    clock.move_to(CHANGED, tick=False)

    december.delete()

    anonymous = Client()
    assert changed_since(anonymous, "work-programme") == {mirrored.entries[0].pk}
    assert changed_since(anonymous, "actions") == {action.pk}
    assert {(e["resource"], e["id"]) for e in deletions(anonymous, CHANGED.isoformat())} == {
        ("events", december_id)
    }


def test_a_save_of_named_fields_still_moves_updated_at(mirrored, clock, staff_user):
    # auto_now writes only the fields named in save(update_fields=...): a correction of
    # the minutes saves just the text it corrects.
    anonymous = Client()
    before = anonymous.get(f"/api/v1/motions/{mirrored.exclusion.pk}/").json()["updated_at"]
    clock.move_to(CHANGED, tick=False)

    services.minutes_correct(
        minutes=mirrored.august_minutes,
        user=staff_user,
        note="Wording",
        resolutions={mirrored.exclusion: "That the public be excluded for item 4."},
    )

    after = anonymous.get(f"/api/v1/motions/{mirrored.exclusion.pk}/").json()["updated_at"]
    assert (before, after) == ("2023-11-01T09:00:00Z", CHANGED_AT)


def test_a_bulk_write_is_seen_once_it_touches_its_rows(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    # QuerySet.update() sends no signal and skips auto_now: the writer touches.
    WorkProgrammeEntry.objects.filter(pk=mirrored.entries[0].pk).update(title="Precept 2024")
    assert changed_since(Client(), "work-programme") == set()

    touch(WorkProgrammeEntry.objects.filter(pk=mirrored.entries[0].pk))

    assert changed_since(Client(), "work-programme") == {mirrored.entries[0].pk}


# --- Tombstones ----------------------------------------------------------------------------


def test_deleting_a_row_leaves_a_tombstone_for_its_list(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    membership = mirrored.people.chavda.memberships.get()
    entry = mirrored.entries[1]
    expected = [
        {"resource": "memberships", "id": membership.pk, "at": CHANGED_AT, "reason": "deleted"},
        {"resource": "work-programme", "id": entry.pk, "at": CHANGED_AT, "reason": "deleted"},
    ]

    membership.delete()
    WorkProgrammeEntry.objects.filter(pk=entry.pk).delete()

    assert deletions(Client(), CHANGED.isoformat()) == expected


def test_a_meeting_deleted_leaves_tombstones_for_its_motions_too(mirrored, clock):
    meeting = MeetingFactory(body=mirrored.cgb, kind="board", date=datetime.date(2023, 9, 1))
    resolution = ResolutionFactory(item=AgendaItemFactory(meeting=meeting, order=1))
    expected = {("events", meeting.pk), ("motions", resolution.pk)}
    clock.move_to(CHANGED, tick=False)

    meeting.delete()

    deleted = {(e["resource"], e["id"]) for e in deletions(Client(), CHANGED.isoformat())}
    assert deleted == expected


def test_tombstones_cannot_be_changed_or_deleted(mirrored):
    entry_id = mirrored.entries[1].pk
    mirrored.entries[1].delete()
    tombstone = Removal.objects.get()

    with pytest.raises(ValidationError):
        tombstone.delete()
    with pytest.raises(ValidationError):
        Removal.objects.all().delete()
    with pytest.raises(ValidationError):
        Removal.objects.update(object_id=1)
    tombstone.object_id = 1
    with pytest.raises(ValidationError):
        tombstone.save()
    assert Removal.objects.get().object_id == entry_id


# --- Withdrawn rows ------------------------------------------------------------------------


def test_an_action_made_restricted_is_withdrawn_from_the_public_only(mirrored, clock, member_user):
    clock.move_to(CHANGED, tick=False)
    action = mirrored.actions["to_restrict"]
    action.restricted = True
    action.save()

    public = deletions(Client(), CHANGED.isoformat())
    member = Client()
    member.force_login(member_user)

    assert public == [
        {"resource": "actions", "id": action.pk, "at": CHANGED_AT, "reason": "withdrawn"}
    ]
    assert deletions(member, CHANGED.isoformat()) == []


def test_an_item_made_exempt_withdraws_its_motions_and_actions(mirrored, clock, member_user):
    clock.move_to(CHANGED, tick=False)
    s106 = mirrored.july_items[2]
    s106.confidentiality = AgendaItem.Confidentiality.EXEMPT
    s106.exempt_paragraphs = "3"
    s106.save()

    withdrawn = {(e["resource"], e["id"]) for e in deletions(Client(), CHANGED.isoformat())}
    member = Client()
    member.force_login(member_user)

    _, noted, updates = mirrored.july_resolutions
    assert withdrawn == {
        ("motions", noted.pk),
        ("motions", updates.pk),
        ("actions", mirrored.actions["s106"].pk),
    }
    assert deletions(member, CHANGED.isoformat()) == []


# --- The feed's pages and parameters --------------------------------------------------------


def test_the_feed_pages_forwards_and_back_across_tombstones_and_withdrawals(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    for entry in mirrored.entries:
        entry.delete()
    action = mirrored.actions["to_restrict"]
    action.restricted = True
    action.save()
    anonymous = Client()
    whole = anonymous.get("/api/v1/deletions/", {"since": CHANGED.isoformat()}).json()["results"]

    pages, address = [], f"/api/v1/deletions/?since={CHANGED:%Y-%m-%dT%H:%M:%SZ}&page_size=1"
    while address:
        page = anonymous.get(address).json()
        pages.append(page)
        address = page["next"]
    back = anonymous.get(pages[-1]["previous"]).json()

    assert len(whole) == 3
    assert [page["results"][0] for page in pages] == whole
    assert back["results"] == pages[-2]["results"]
    assert pages[0]["previous"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({}, "Give since"),
        ({"since": "yesterday"}, "ISO 8601"),
        ({"since": "2023-11-01"}, "ISO 8601"),
        ({"since": "2023-11-01T10:00:00"}, "UTC offset"),
        ({"since": "2023-11-01T10:00:00Z", "resource": "events"}, "Unknown query parameter"),
        ({"since": "2023-11-01T10:00:00Z", "cursor": "bm9uc2Vuc2U="}, "cursor"),
    ],
)
def test_a_bad_feed_request_is_a_400_saying_why(db, query, message):
    response = Client().get("/api/v1/deletions/", query)

    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_an_offset_written_with_a_bare_plus_is_read_as_one(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    entry_id = mirrored.entries[1].pk
    mirrored.entries[1].delete()

    # "+00:00" unencoded in a query string arrives as " 00:00".
    response = Client().get("/api/v1/deletions/?since=2023-11-01T11:00:00+00:00")

    assert [e["id"] for e in response.json()["results"]] == [entry_id]


def test_the_feed_costs_a_fixed_number_of_queries(mirrored, clock, django_assert_num_queries):
    clock.move_to(CHANGED, tick=False)
    for entry in mirrored.entries:
        entry.delete()
    action = mirrored.actions["to_restrict"]
    action.restricted = True
    action.save()

    # The tombstones, then each resource that can be withdrawn (motions, actions).
    with django_assert_num_queries(3):
        Client().get("/api/v1/deletions/", {"since": CHANGED.isoformat()})


def test_the_feed_comes_as_csv_too(mirrored, clock):
    clock.move_to(CHANGED, tick=False)
    entry_id = mirrored.entries[1].pk
    mirrored.entries[1].delete()

    response = Client().get("/api/v1/deletions/", {"since": CHANGED.isoformat(), "format": "csv"})

    assert response.content.decode().splitlines() == [
        "resource,id,at,reason",
        f"work-programme,{entry_id},{CHANGED_AT},deleted",
    ]
