"""The record's read API: what each role receives, Popolo fields, filters and formats.

Uses the shared ``record`` fixture (tests/conftest.py): the 10 August 2023 confirmation
hearing has an exempt private session (paragraphs 1 and 3) and a restricted paper, its
minutes are published; the 9 October minutes are still a draft.
"""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import icalendar
import pytest

from meetings import ocd
from meetings.models import WorkProgrammeEntry
from tests.factories import MeetingFactory, WorkProgrammeEntryFactory

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "the candidate was very credible"
PRIVATE_TITLE = "Private session: deliberations on the preferred candidate"
PRIVATE_DECISION = "the candidate, Claire Trewartha, be supported"
DRAFT_MINUTE = "Draft text: the Panel received a report"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 11, 1, 12, tzinfo=ZoneInfo("Europe/London")))


def agenda_item(response, number):
    return next(item for item in response.json()["agenda"] if item["number"] == number)


# --- Visibility per role ------------------------------------------------------------------


def test_anonymous_gets_only_number_and_reason_for_an_exempt_item(anonymous, record):
    response = anonymous.get(f"/api/v1/events/{record.august.pk}/")

    assert response.status_code == 200
    private = agenda_item(response, "4")
    assert private == {
        "id": record.august_private.pk,
        "order": 4,
        "number": "4",
        "title": None,
        "confidentiality": "exempt",
        "exempt_paragraphs": [1, 3],
        "withheld": True,
        "withheld_reason": "This item was considered in private (exempt information under "
        "paragraphs 1 and 3 of Schedule 12A to the Local Government Act 1972).",
        "description": None,
        "minutes_text": None,
        "papers": None,
        "motions": None,
    }


def test_anonymous_response_never_contains_exempt_text(anonymous, record):
    body = anonymous.get(f"/api/v1/events/{record.august.pk}/").content.decode()

    assert PRIVATE_TITLE not in body
    assert PRIVATE_TEXT not in body
    assert PRIVATE_DECISION not in body


@pytest.mark.parametrize("role", ["member", "staff"])
def test_members_and_staff_read_the_exempt_item(role, request, record):
    client = request.getfixturevalue(role)

    private = agenda_item(client.get(f"/api/v1/events/{record.august.pk}/"), "4")

    assert private["withheld"] is False
    assert private["title"] == PRIVATE_TITLE
    assert PRIVATE_TEXT in private["minutes_text"]
    assert [m["text"] for m in private["motions"]] == [record.private_resolution.text]


def test_anonymous_gets_public_papers_but_not_the_restricted_one(anonymous, record):
    hearing = agenda_item(anonymous.get(f"/api/v1/events/{record.august.pk}/"), "3")

    assert [paper["title"] for paper in hearing["papers"]] == ["Report of the Head of Law"]


def test_member_gets_the_restricted_paper(member, record):
    hearing = agenda_item(member.get(f"/api/v1/events/{record.august.pk}/"), "3")

    assert [paper["title"] for paper in hearing["papers"]] == [
        "Report of the Head of Law",
        "Curriculum vitae of the preferred candidate",
    ]
    assert hearing["papers"][1]["restricted"] is True


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_draft_minutes_are_withheld_from_the_public_and_members(role, request, record):
    client = request.getfixturevalue(role)

    event = client.get(f"/api/v1/events/{record.october.pk}/").json()

    assert event["minutes"] is None
    assert event["attendance"] is None
    assert event["declarations"] is None
    report = next(item for item in event["agenda"] if item["number"] == "4")
    assert report["title"] == "Corporate Governance Board report"
    assert report["minutes_text"] is None
    assert report["motions"] is None
    assert DRAFT_MINUTE not in client.get(f"/api/v1/events/{record.october.pk}/").content.decode()


def test_staff_read_draft_minutes(staff, record):
    event = staff.get(f"/api/v1/events/{record.october.pk}/").json()

    assert event["minutes"]["status"] == "draft"
    assert [a["person"]["slug"] for a in event["attendance"]] == [
        "deborah-taylor",
        "sarah-russell",
        "allnatt",
    ]
    report = next(item for item in event["agenda"] if item["number"] == "4")
    assert report["minutes_text"].startswith(DRAFT_MINUTE)


def test_published_minutes_give_attendance_and_declarations_to_anyone(anonymous, record):
    event = anonymous.get(f"/api/v1/events/{record.august.pk}/").json()

    assert event["minutes"]["status"] == "published"
    chair = event["attendance"][0]
    assert (chair["person"]["slug"], chair["status"], chair["is_chair"]) == (
        "deborah-taylor",
        "present",
        True,
    )
    assert event["declarations"] == [
        {
            "person": {
                "id": record.people.joannou.pk,
                "slug": "joannou",
                "name": "Joannou",
                "ocd_id": ocd.ocd_id("person", record.people.joannou.pk),
            },
            "interest_type": "other_registrable",
            "interest_type_label": "Other registrable interest",
            "all_items": True,
            "agenda_item_ids": [],
            "reason": "as he had two close relatives that worked for Leicestershire Police",
        }
    ]


def test_events_list_hides_draft_minutes_status_from_anonymous(anonymous, record):
    events = {e["id"]: e for e in anonymous.get("/api/v1/events/").json()["results"]}

    assert events[record.october.pk]["minutes"] is None
    assert events[record.july.pk]["minutes"]["status"] == "confirmed"


def test_motion_register_gives_anonymous_only_public_published_motions(anonymous, record):
    texts = [m["text"] for m in anonymous.get("/api/v1/motions/?page_size=200").json()["results"]]

    assert record.exclusion.text in texts
    assert record.private_resolution.text not in texts
    assert record.draft_resolution.text not in texts


def test_motion_register_gives_staff_private_and_draft_motions(staff, record):
    texts = [m["text"] for m in staff.get("/api/v1/motions/?page_size=200").json()["results"]]

    assert record.private_resolution.text in texts
    assert record.draft_resolution.text in texts


def test_a_private_motion_is_not_found_for_anonymous(anonymous, record):
    response = anonymous.get(f"/api/v1/motions/{record.private_resolution.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_text_search_does_not_find_meetings_by_exempt_text_for_anonymous(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"q": "very credible"})

    assert response.json()["results"] == []


def test_text_search_finds_meetings_by_exempt_text_for_members(member, record):
    response = member.get("/api/v1/events/", {"q": "very credible"})

    assert [e["id"] for e in response.json()["results"]] == [record.august.pk]


def test_text_search_does_not_find_meetings_by_draft_minutes_for_anonymous(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"q": "Draft text"})

    assert response.json()["results"] == []


# --- Popolo / Open Civic Data shapes ------------------------------------------------------


def test_person_carries_other_spellings_and_is_found_by_them(anonymous, record):
    response = anonymous.get("/api/v1/people/", {"q": "alnatt"})

    (person,) = response.json()["results"]
    assert person["slug"] == "allnatt"
    assert person["other_names"] == [{"name": "Councillor Alnatt"}]
    assert person["honorific_prefix"] == "Councillor"
    assert "email" not in person


def test_membership_uses_popolo_fields(anonymous, record):
    response = anonymous.get("/api/v1/memberships/", {"body": "llr-pcp", "role": "chair"})

    (chair,) = response.json()["results"]
    assert chair["person_id"] == record.people.taylor.pk
    assert chair["organization_id"] == record.panel.pk
    assert (chair["role"], chair["start_date"], chair["end_date"]) == ("chair", "2023-07-26", None)


def test_event_gives_start_and_end_with_offset_and_location(anonymous, record):
    event = anonymous.get(f"/api/v1/events/{record.july.pk}/").json()

    assert event["start_date"] == "2023-07-26T13:00:00+01:00"
    assert event["end_date"] == "2023-07-26T13:46:00+01:00"
    assert event["location"] == {"name": "City Hall, Charles Street, Leicester", "is_remote": False}
    assert event["organization"]["slug"] == "llr-pcp"
    assert event["classification"] == "annual"


def test_motion_gives_mover_seconder_and_result(anonymous, record):
    response = anonymous.get("/api/v1/motions/", {"is_motion": "true"})

    (motion,) = response.json()["results"]
    assert motion["creator"]["slug"] == "sarah-russell"
    assert motion["seconder"]["slug"] == "allnatt"
    assert motion["result"] == "carried_unanimously"
    assert motion["counts"] == []
    assert motion["event"]["id"] == record.july.pk


def test_organization_is_found_by_id_and_its_slug_redirects_there(anonymous, record):
    redirect = anonymous.get("/api/v1/organizations/cgb/")
    response = anonymous.get(f"/api/v1/organizations/{record.cgb.pk}/")

    assert redirect.status_code == 301
    assert redirect["Location"].endswith(f"/api/v1/organizations/{record.cgb.pk}/")
    assert response.json()["abbreviation"] == "CGB"
    assert response.json()["classification"] == "board"


def test_work_programme_lists_entries_to_be_scheduled(anonymous, record):
    WorkProgrammeEntryFactory(
        body=record.panel, meeting=record.december, title="Precept 2024-25 briefing"
    )
    WorkProgrammeEntryFactory(
        body=record.panel,
        title="Visit to the force control room",
        kind=WorkProgrammeEntry.Kind.VISIT,
        status=WorkProgrammeEntry.Status.TO_BE_SCHEDULED,
    )

    response = anonymous.get("/api/v1/work-programme/", {"scheduled": "false"})

    assert [e["title"] for e in response.json()["results"]] == ["Visit to the force control room"]
    assert response.json()["results"][0]["event"] is None


# --- Filters and their errors -------------------------------------------------------------


def test_events_filter_by_body_kind_and_dates(anonymous, record):
    response = anonymous.get(
        "/api/v1/events/",
        {"body": "llr-pcp", "classification": ["annual", "confirmation"], "date_to": "2023-08-01"},
    )

    assert [e["id"] for e in response.json()["results"]] == [record.july.pk]


def test_upcoming_events_are_those_from_today(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"upcoming": "true"})

    assert [e["id"] for e in response.json()["results"]] == [record.december.pk]


def test_events_by_person_use_only_published_attendance(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"person": "allnatt", "ordering": "date"})

    # Allnatt is also recorded at 9 October, whose minutes are still a draft.
    assert [e["id"] for e in response.json()["results"]] == [record.july.pk, record.august.pk]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"status": "adjourned"}, "status"),
        ({"body": "not a slug!"}, "body"),
        ({"date_from": "2023-02-30"}, "date_from"),
        ({"upcoming": "maybe"}, "upcoming"),
        ({"ordering": "venue"}, "ordering"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "201"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "cD1ub3QtYS1kYXRl"}, "cursor"),  # position "not-a-date"
        ({"page": "2"}, "page"),
        ({"stauts": "held"}, "stauts"),
    ],
)
def test_a_bad_query_parameter_is_a_400_naming_it(anonymous, record, query, parameter):
    response = anonymous.get("/api/v1/events/", query)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert list(body["errors"]) == [parameter]
    assert body["detail"].startswith(f"Invalid query parameter. {parameter}: ")


def test_an_unknown_parameter_is_explained_with_the_known_ones(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"stauts": "held"})

    assert "use one of body, classification, cursor, date_from" in response.json()["detail"]


def test_an_order_that_is_not_offered_is_a_400_listing_those_that_are(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"ordering": "venue"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "ordering": ["Cannot sort by venue: use one of date, with - for descending."]
    }


def test_a_list_is_counted_by_nobody(anonymous, record):
    response = anonymous.get("/api/v1/events/")

    assert set(response.json()) == {"next", "previous", "results"}


def test_page_size_bounds_the_page_and_links_the_next(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"page_size": "2"})

    body = response.json()
    assert len(body["results"]) == 2
    assert body["previous"] is None
    assert response["Link"] == f'<{body["next"]}>; rel="next"'
    assert "cursor=" in body["next"] and "page_size=2" in body["next"]


def follow(client, address):
    """The ids of every row of a list, following ``next``, and the pages it took."""
    ids, pages = [], 0
    while address:
        body = client.get(address).json()
        ids += [row["id"] for row in body["results"]]
        pages += 1
        address = body["next"]
    return ids, pages


@pytest.mark.parametrize("ordering", [None, "date", "-date"])
def test_following_next_lists_every_row_once_in_order(anonymous, record, ordering):
    query = {"ordering": ordering} if ordering else {}
    whole = anonymous.get("/api/v1/events/", {**query, "page_size": 200}).json()["results"]

    address = "/api/v1/events/?page_size=1" + (f"&ordering={ordering}" if ordering else "")
    ids, pages = follow(anonymous, address)

    assert ids == [row["id"] for row in whole]
    assert pages == len(whole) == 4


def test_previous_leads_back_to_the_page_before(anonymous, record):
    first = anonymous.get("/api/v1/events/", {"page_size": 2}).json()
    second = anonymous.get(first["next"]).json()

    back = anonymous.get(second["previous"]).json()

    assert [e["id"] for e in back["results"]] == [e["id"] for e in first["results"]]


def test_meetings_on_one_day_are_each_listed_once_across_pages(anonymous, record):
    # Ties on the cursor's column (the date) are broken by id, so none is skipped or repeated.
    for hour in (10, 14, 18):
        MeetingFactory(body=record.panel, date=record.august.date, start_time=f"{hour}:00")

    ids, _ = follow(anonymous, "/api/v1/events/?page_size=2&ordering=date")

    assert len(ids) == len(set(ids)) == 7


# --- CSV and iCalendar --------------------------------------------------------------------


def test_events_as_csv_have_a_column_per_field(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"format": "csv", "ordering": "date"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="event.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["id"] for row in rows] == [
        str(m.pk) for m in (record.july, record.august, record.october, record.december)
    ]
    assert rows[0]["organization.slug"] == "llr-pcp"
    assert rows[0]["location.name"] == "City Hall, Charles Street, Leicester"
    assert rows[0]["minutes.status"] == "confirmed"
    assert rows[2]["minutes.status"] == ""


def test_an_empty_csv_list_still_has_its_header(anonymous, record):
    response = anonymous.get("/api/v1/memberships/", {"format": "csv", "body": "cgb"})

    assert response.content.decode().splitlines() == [
        "id,person_id,person.id,person.slug,person.name,person.ocd_id,organization_id,"
        "organization.id,organization.slug,organization.name,organization.abbreviation,"
        "organization.ocd_id,role,role_label,label,council,party,start_date,end_date,"
        "updated_at,ocd_id,sources"
    ]


def test_an_error_asked_for_as_csv_is_still_json(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"format": "csv", "status": "adjourned"})

    assert response.status_code == 400
    assert response.json()["errors"]["status"]


def test_events_as_icalendar_carry_the_site_feed_uids(anonymous, record):
    response = anonymous.get("/api/v1/events/", {"format": "ics", "body": "llr-pcp"})

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        ocd.calendar_uid(m.pk)
        for m in (record.july, record.august, record.october, record.december)
    }
    july = events[ocd.calendar_uid(record.july.pk)]
    assert july.decoded("dtstart") == datetime.datetime(2023, 7, 26, 12, 0, tzinfo=datetime.UTC)
    assert str(july["location"]) == "City Hall, Charles Street, Leicester"


def test_one_event_as_icalendar(anonymous, record):
    response = anonymous.get(f"/api/v1/events/{record.august.pk}/", {"format": "ics"})

    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert "Confirmation Hearing" in str(event["summary"])
    assert PRIVATE_TITLE not in response.content.decode()
