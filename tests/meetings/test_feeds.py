"""The iCalendar feeds of meetings: valid for calendar clients, and never carrying private business."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.urls import reverse

from meetings import ocd
from meetings.models import AgendaItem, Meeting, Minutes
from tests.factories import AgendaItemFactory, MeetingFactory, MinutesFactory, ResolutionFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
PRIVATE_TITLE = "Appointment of the Chief Executive: candidate's references"
PRIVATE_DECISION = "That the candidate's salary be set at the top of the grade"


@pytest.fixture(autouse=True)
def today():
    moment = datetime.datetime(2023, 10, 1, 12, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield moment.date()


@pytest.fixture
def meetings(panel, board):
    """A summer meeting (BST), a winter one (GMT), a cancelled one and a board meeting."""
    return {
        "july": MeetingFactory(
            body=panel,
            date=datetime.date(2023, 7, 26),
            start_time=datetime.time(10, 0),
            end_time=datetime.time(13, 46),
            venue="City Hall, Charles Street, Leicester",
            kind=Meeting.Kind.ANNUAL,
            status=Meeting.Status.HELD,
        ),
        "december": MeetingFactory(
            body=panel,
            date=datetime.date(2023, 12, 6),
            start_time=datetime.time(13, 0),
            venue="County Hall, Glenfield",
            webcast_url="https://example.org/webcast/6-december",
        ),
        "november": MeetingFactory(
            body=panel,
            date=datetime.date(2023, 11, 15),
            start_time=datetime.time(10, 0),
            status=Meeting.Status.CANCELLED,
        ),
        "board": MeetingFactory(
            body=board, date=datetime.date(2023, 10, 18), kind="board", is_remote=True
        ),
    }


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.content)


def events_by_summary(calendar):
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_calendar_is_served_as_text_calendar(client, meetings):
    response = client.get(reverse("meetings:calendar"))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_calendar_has_the_properties_clients_require(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    assert calendar["version"] == "2.0"
    assert str(calendar["prodid"]) == "-//Police and Crime Panel//Meetings calendar//EN"
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "STATUS"} <= set(event)
        assert event.decoded("dtstamp").utcoffset() == datetime.timedelta(0)


def test_calendar_lists_every_meeting_of_every_body(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    assert sorted(events_by_summary(calendar)) == [
        "Cancelled: Police and Crime Panel: Ordinary meeting",
        "Corporate Governance Board: Board meeting",
        "Police and Crime Panel: Annual meeting",
        "Police and Crime Panel: Ordinary meeting",
    ]


def test_summer_meeting_starts_and_ends_at_london_time_in_utc(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    july = events_by_summary(calendar)["Police and Crime Panel: Annual meeting"]
    assert july.decoded("dtstart") == datetime.datetime(2023, 7, 26, 9, 0, tzinfo=UTC)
    assert july.decoded("dtend") == datetime.datetime(2023, 7, 26, 12, 46, tzinfo=UTC)
    assert str(july["location"]) == "City Hall, Charles Street, Leicester"
    assert str(july["status"]) == "CONFIRMED"
    assert str(july["url"]) == f"http://testserver/meetings/{meetings['july'].pk}/"


def test_winter_meeting_without_a_close_gets_a_two_hour_block(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    december = events_by_summary(calendar)["Police and Crime Panel: Ordinary meeting"]
    assert december.decoded("dtstart") == datetime.datetime(2023, 12, 6, 13, 0, tzinfo=UTC)
    assert december.decoded("dtend") == datetime.datetime(2023, 12, 6, 15, 0, tzinfo=UTC)
    assert "Webcast: https://example.org/webcast/6-december" in str(december["description"])


def test_cancelled_meeting_is_marked_cancelled(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    november = events_by_summary(calendar)["Cancelled: Police and Crime Panel: Ordinary meeting"]
    assert str(november["status"]) == "CANCELLED"


def test_meeting_without_a_start_time_is_an_all_day_event_online(client, meetings):
    _, calendar = feed(client, reverse("meetings:calendar"))

    board = events_by_summary(calendar)["Corporate Governance Board: Board meeting"]
    assert board.decoded("dtstart") == datetime.date(2023, 10, 18)
    assert board.decoded("dtend") == datetime.date(2023, 10, 19)
    assert str(board["location"]) == "Online"


def test_each_meeting_keeps_its_uid_from_one_download_to_the_next(client, meetings):
    _, first = feed(client, reverse("meetings:calendar"))
    meetings["december"].venue = "City Hall, Charles Street, Leicester"
    meetings["december"].save()
    _, second = feed(client, reverse("meetings:calendar"))

    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == 4
    assert ocd.calendar_uid(meetings["december"].pk) in uids


def test_uids_do_not_depend_on_the_host_name_subscribed_to(client, meetings, settings):
    settings.SITE_URL = "https://panel.example.org"
    settings.ALLOWED_HOSTS = ["testserver", "www.panel.example.org"]
    _, by_default = feed(client, reverse("meetings:calendar"))
    response = client.get(reverse("meetings:calendar"), headers={"host": "www.panel.example.org"})
    by_alias = icalendar.Calendar.from_ical(response.content)

    uids = sorted(str(e["uid"]) for e in by_default.walk("VEVENT"))
    assert uids == sorted(str(e["uid"]) for e in by_alias.walk("VEVENT"))
    assert all(uid.endswith("@panel.example.org") for uid in uids)
    december = ocd.ocd_id("event", meetings["december"].pk).removeprefix("ocd-event/")
    assert f"{december}@panel.example.org" in uids


def test_the_api_calendar_and_the_site_feed_share_uids(client, meetings):
    _, site = feed(client, reverse("meetings:calendar"))
    api = icalendar.Calendar.from_ical(client.get("/api/v1/events/", {"format": "ics"}).content)

    assert {str(e["uid"]) for e in api.walk("VEVENT")} == {
        str(e["uid"]) for e in site.walk("VEVENT")
    }


def test_body_calendar_lists_only_that_body(client, meetings, board):
    _, calendar = feed(client, reverse("meetings:body_calendar", kwargs={"slug": "cgb"}))

    assert list(events_by_summary(calendar)) == ["Corporate Governance Board: Board meeting"]
    assert str(calendar["x-wr-calname"]) == "Corporate Governance Board meetings"


def test_calendar_of_an_unknown_body_is_not_found(client):
    response = client.get(reverse("meetings:body_calendar", kwargs={"slug": "no-such-body"}))

    assert response.status_code == 404


def test_calendar_leaves_out_meetings_more_than_a_year_old(client, panel, meetings):
    MeetingFactory(body=panel, date=datetime.date(2022, 7, 27), kind="annual")

    _, calendar = feed(client, reverse("meetings:calendar"))

    assert len(calendar.walk("VEVENT")) == 4


@pytest.fixture
def private_business(meetings):
    MinutesFactory(meeting=meetings["july"], status=Minutes.Status.PUBLISHED)
    private = AgendaItemFactory(
        meeting=meetings["july"],
        order=16,
        number="16",
        title=PRIVATE_TITLE,
        minutes_text="The Panel examined the candidate's previous employment record",
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="1,3",
    )
    ResolutionFactory(item=private, text=PRIVATE_DECISION)


@pytest.mark.parametrize("role", ["anonymous", "member", "staff"])
def test_calendar_never_carries_private_business(
    client, member_user, staff_user, role, private_business
):
    if role != "anonymous":
        client.force_login(member_user if role == "member" else staff_user)

    response, _ = feed(client, reverse("meetings:calendar"))

    body = response.content.decode()
    for secret in ("Chief Executive", "candidate", "salary"):
        assert secret not in body


def test_calendar_query_count_is_fixed(client, panel, meetings, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("meetings:calendar"))
    for n in range(15):
        MeetingFactory(body=panel, date=datetime.date(2024, 1, 10) + datetime.timedelta(weeks=n))
    with django_assert_num_queries(1):
        client.get(reverse("meetings:calendar"))
