"""One way of writing times: "1pm", "10:30am", "midday"."""

import datetime

import pytest

from meetings.templatetags.clock import clock, when


@pytest.mark.parametrize(
    ("hour", "minute", "written"),
    [
        (13, 0, "1pm"),
        (10, 30, "10:30am"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (0, 5, "12:05am"),
        (12, 45, "12:45pm"),
        (9, 5, "9:05am"),
    ],
)
def test_clock(hour, minute, written):
    assert clock(datetime.time(hour, minute)) == written


def test_when_is_local_time(settings):
    moment = datetime.datetime(2023, 7, 26, 12, 5, tzinfo=datetime.UTC)  # 1:05pm in London
    assert when(moment) == "26 July 2023, 1:05pm"
    assert clock(None) == "" and when(None) == ""
