"""Changes a mirror hears of although the row it holds did not itself change: a paper moved
to another meeting, a log-in taken off an action's owner, a substitute renamed."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from knox.models import AuthToken

from meetings.models import Attendance, Minutes, Paper, Person
from tests.factories import ActionFactory, MeetingFactory, OwnerFactory, PaperFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
BEFORE = datetime.datetime(2023, 11, 1, 9, tzinfo=LONDON)
AFTER = datetime.datetime(2023, 11, 1, 11, tzinfo=LONDON)
SINCE = "2023-11-01T10:00:00Z"


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(BEFORE, tick=False)
    return time_machine


def listed(client, path, **query):
    return [row["id"] for row in client.get(path, query).json()["results"]]


def test_a_paper_moved_away_touches_the_meeting_it_left(clock, record):
    paper = PaperFactory(item=record.july_items[2], title="Appendix on estates")
    Paper.objects.filter(pk=paper.pk).update(file="papers/appendix.pdf", original_name="a.pdf")
    anonymous = Client()
    assert "Appendix on estates" in anonymous.get(f"/api/v1/events/{record.july.pk}/").text

    clock.move_to(AFTER, tick=False)
    paper = Paper.objects.get(pk=paper.pk)
    paper.item = record.august_private
    paper.save()

    changed = listed(anonymous, "/api/v1/events/", updated_since=SINCE)
    assert record.july.pk in changed
    assert "Appendix on estates" not in anonymous.get(f"/api/v1/events/{record.july.pk}/").text


def test_a_log_in_taken_off_an_owner_hears_its_restricted_actions_withdrawn(clock, record):
    user = get_user_model().objects.create_user("opcc-officer", password="unused-password")
    owner = OwnerFactory(name="OPCC estates")
    owner.users.add(user)
    action = ActionFactory(meeting=record.july, restricted=True)
    action.owners.add(owner)
    _, secret = AuthToken.objects.create(user)
    client = Client(headers={"authorization": f"Bearer {secret}"})
    assert action.pk in listed(client, "/api/v1/actions/")

    clock.move_to(AFTER, tick=False)
    user.action_owners.remove(owner)  # from the user's side: the admin's user page

    deletions = client.get("/api/v1/deletions/", {"since": SINCE}).json()["results"]
    assert {"resource": "actions", "id": action.pk, "reason": "withdrawn"} in [
        {key: row[key] for key in ("resource", "id", "reason")} for row in deletions
    ]
    assert action.pk not in listed(client, "/api/v1/actions/")


def test_a_renamed_substitute_lists_the_meeting_that_names_them(clock, record):
    meeting = MeetingFactory(body=record.panel, date=datetime.date(2023, 9, 1))
    absent = Person.objects.create(slug="r-absent", family_name="Absent", given_name="Rowan")
    Attendance.objects.create(
        meeting=meeting,
        person=record.people.taylor,
        status=Attendance.Status.PRESENT,
        substitute_for=absent,
        order=1,
    )
    Minutes.objects.create(meeting=meeting, status=Minutes.Status.PUBLISHED)

    clock.move_to(AFTER, tick=False)
    absent.family_name = "Absent-Renamed"
    absent.save()

    anonymous = Client()
    assert meeting.pk in listed(anonymous, "/api/v1/events/", updated_since=SINCE)
    assert "Absent-Renamed" in anonymous.get(f"/api/v1/events/{meeting.pk}/").text
