"""The admin home: the day's work of democratic services, before the lists."""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from meetings.models import Minutes
from tests.factories import ActionFactory, MeetingFactory, MinutesFactory

pytestmark = pytest.mark.django_db


def shortcuts(response):
    return response.text.split('id="shortcuts-module"')[1].split("</table>")[0]


def test_home_lists_waiting_work_with_counts_and_links(staff_client, panel):
    meeting = MeetingFactory(body=panel, date=datetime.date(2023, 7, 26))
    MinutesFactory(meeting=meeting, status=Minutes.Status.DRAFT)
    ActionFactory(meeting=meeting, status=Action.Status.AWAITING_SIGN_OFF)
    ActionFactory(meeting=meeting, status=Action.Status.AWAITING_SIGN_OFF)

    html = shortcuts(staff_client.get(reverse("admin:index")))

    assert "Draft minutes to publish</a></th><td>1</td>" in html
    assert "Published minutes to confirm</a></th><td>0</td>" in html
    assert "Actions awaiting sign-off</a></th><td>2</td>" in html
    assert "Progress updates to review</a></th><td>0</td>" in html
    assert reverse("importing:import_upload") in html
    assert reverse("admin:meetings_paper_add") in html
    assert reverse("admin:meetings_meeting_register", args=[meeting.pk]) in html
    assert "?status__exact=awaiting_sign_off" in html


def test_a_future_meeting_has_no_register_shortcut_yet(staff_client, panel):
    future = MeetingFactory(body=panel, date=datetime.date.today() + datetime.timedelta(days=9))
    html = shortcuts(staff_client.get(reverse("admin:index")))
    assert reverse("admin:meetings_meeting_register", args=[future.pk]) not in html


def test_a_superuser_sees_them_too_and_the_lists_follow(admin_client):
    response = admin_client.get(reverse("admin:index"))
    assert "Today's work" in response.text
    assert "app-meetings" in response.text  # the record's lists are still there
