"""The demo's history is dated as the papers date it (2023), not when the demo was loaded."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actions.models import Action, ActionEvent
from meetings.models import Minutes, MinutesEvent, Resolution

pytestmark = pytest.mark.django_db

# The pack that prints the minutes and the board's action list is for this Panel meeting.
PACK_DATE = datetime.date(2023, 10, 9)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def local(moment):
    return timezone.localtime(moment)


def action(date, reference):
    return Action.objects.get(meeting__date=date, reference=reference)


def test_every_history_row_is_dated_in_2023(demo):
    years = {local(at).year for at in ActionEvent.objects.values_list("at", flat=True)}
    years |= {local(at).year for at in MinutesEvent.objects.values_list("at", flat=True)}

    assert years == {2023}


def test_a_board_action_arises_on_its_meeting_day_and_closes_when_reported(demo):
    raised, completed = action("2023-06-21", "8a").history.order_by("at", "pk")

    assert local(raised.at).date() == datetime.date(2023, 6, 21)
    assert (completed.to_status, local(completed.at).date()) == ("complete", PACK_DATE)


def test_a_request_of_the_panel_arises_at_the_meeting_s_start(demo):
    (raised,) = action("2023-07-26", "9.2").history.all()

    assert local(raised.at) == datetime.datetime(
        2023, 7, 26, 13, 0, tzinfo=timezone.get_current_timezone()
    )


def test_minutes_are_published_as_of_the_pack_that_prints_them(demo):
    minutes = Minutes.objects.get(meeting__body__slug="llr-pcp", meeting__date="2023-07-26")

    assert local(minutes.published_at).date() == PACK_DATE
    assert {local(e.at).date() for e in minutes.history.all()} == {PACK_DATE}


def test_the_minutes_page_dates_their_publication_as_the_pack(client, demo):
    minutes = Minutes.objects.get(meeting__body__slug="llr-pcp", meeting__date="2023-07-26")

    page = client.get(reverse("meetings:minutes_detail", kwargs={"pk": minutes.meeting_id}))

    assert (
        "<strong>9 October 2023</strong>: Published as a draft, subject to confirmation"
        in page.text
    )


def test_elections_carried_on_a_vote_are_recorded_as_carried(demo):
    elections = Resolution.objects.filter(
        item__meeting__date="2023-07-26", kind=Resolution.Kind.ELECTION
    )

    assert sorted(elections.values_list("outcome", flat=True)) == ["carried", "carried"]
