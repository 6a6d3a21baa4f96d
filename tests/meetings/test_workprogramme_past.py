"""The work programme keeps what was planned for meetings already held, under those meetings."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meetings.models import Meeting, WorkProgrammeEntry
from tests.factories import BoardFactory, MeetingFactory, WorkProgrammeEntryFactory

pytestmark = pytest.mark.django_db

Status = WorkProgrammeEntry.Status


@pytest.fixture(autouse=True)
def today():
    moment = datetime.datetime(2023, 10, 1, 12, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield moment.date()


def page_text(response):
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture
def programme(panel):
    held = MeetingFactory(body=panel, date=datetime.date(2023, 7, 26), status=Meeting.Status.HELD)
    coming = MeetingFactory(body=panel, date=datetime.date(2023, 10, 9))
    WorkProgrammeEntryFactory(
        body=panel, meeting=held, title="Panel annual report 2022-23", status=Status.CONSIDERED
    )
    WorkProgrammeEntryFactory(
        body=panel, meeting=held, title="Withdrawn idea", status=Status.DROPPED
    )
    WorkProgrammeEntryFactory(body=panel, meeting=coming, title="Modern slavery report")
    board = BoardFactory()
    board_meeting = MeetingFactory(
        body=board, date=datetime.date(2023, 6, 21), kind="board", status=Meeting.Status.HELD
    )
    WorkProgrammeEntryFactory(body=board, meeting=board_meeting, title="POCA fund review")


def test_entries_of_past_meetings_are_listed_under_those_meetings(client, programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list")))

    past = text.split("Past meetings", 1)[1]
    assert "Wednesday 26 July 2023" in past
    assert "Panel annual report 2022-23 Considered" in past
    assert "Corporate Governance Board" in past and "POCA fund review" in past


def test_past_meetings_come_after_the_coming_ones(client, programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list")))

    assert text.index("Modern slavery report") < text.index("Past meetings")
    assert text.index("Past meetings") < text.index("Panel annual report 2022-23")


def test_dropped_entries_of_past_meetings_stay_hidden(client, programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list")))

    assert "Withdrawn idea" not in text


def test_past_entries_follow_the_body_chosen(client, programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list"), {"body": "cgb"}))

    assert "POCA fund review" in text
    assert "Panel annual report 2022-23" not in text
