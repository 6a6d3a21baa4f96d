"""iCalendar feeds of meetings, for every body together and for each body.

A feed carries only what the meetings list shows anyone: when, where, which body, and the
meeting's own title. No agenda item, paper or minute goes into a feed, so nothing exempt can.
"""

import datetime
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views import View

from meetings import ocd
from meetings.models import Body, Meeting

LOCAL_TIME = ZoneInfo(settings.TIME_ZONE)
# Calendar clients keep past events they have seen; a year back is enough for a new subscriber.
FEED_HISTORY = datetime.timedelta(days=366)
# When the close is not yet known, a two-hour block reads better in clients than zero length.
ASSUMED_LENGTH = datetime.timedelta(hours=2)
EVENT_STATUS = {
    Meeting.Status.SCHEDULED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.POSTPONED: "TENTATIVE",
    Meeting.Status.CANCELLED: "CANCELLED",
}
SUMMARY_PREFIX = {Meeting.Status.CANCELLED: "Cancelled: ", Meeting.Status.POSTPONED: "Postponed: "}


def meeting_times(meeting):
    """Start and end as UTC date-times, or as dates (an all-day event) without a start time."""
    if meeting.start_time is None:
        return meeting.date, meeting.date + datetime.timedelta(days=1)
    start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=LOCAL_TIME)
    if meeting.end_time is not None:
        end = datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=LOCAL_TIME)
    else:
        end = start + ASSUMED_LENGTH
    return start.astimezone(datetime.UTC), end.astimezone(datetime.UTC)


def meeting_location(meeting):
    if meeting.venue:
        return f"{meeting.venue} (also online)" if meeting.is_remote else meeting.venue
    return "Online" if meeting.is_remote else ""


def meeting_event(meeting, *, request, stamp):
    url = request.build_absolute_uri(meeting.get_absolute_url())
    start, end = meeting_times(meeting)
    event = icalendar.Event()
    # From the meeting's OCD id and the site's configured domain, never the request's host:
    # the same event has the same UID whichever host name (or API) a subscriber used, so
    # clients update it rather than duplicate it.
    event.add("uid", ocd.calendar_uid(meeting.pk))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add(
        "summary",
        f"{SUMMARY_PREFIX.get(meeting.status, '')}{meeting.body.name}: {meeting.heading}",
    )
    location = meeting_location(meeting)
    if location:
        event.add("location", location)
    event.add("url", url)
    description = [f"{meeting.get_kind_display()} of the {meeting.body.name}.", url]
    if meeting.webcast_url:
        description.append(f"Webcast: {meeting.webcast_url}")
    event.add("description", "\n".join(description))
    event.add("status", EVENT_STATUS[meeting.status])
    event.add("transp", "OPAQUE")
    return event


class CalendarFeedView(View):
    """All meetings from a year ago onwards, or one body's, as an iCalendar file."""

    def get_queryset(self, body):
        since = timezone.localdate() - FEED_HISTORY
        meetings = Meeting.objects.filter(date__gte=since).select_related("body")
        if body is not None:
            meetings = meetings.filter(body=body)
        return meetings.order_by("date", "start_time", "pk")

    def get(self, request, slug=None):
        body = get_object_or_404(Body, slug=slug) if slug else None
        name = f"{body.name} meetings" if body else f"{settings.SITE_NAME} meetings"
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{settings.SITE_NAME}//Meetings calendar//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add(
            "refresh-interval", datetime.timedelta(hours=12), parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", "PT12H")
        stamp = timezone.now().astimezone(datetime.UTC)
        for meeting in self.get_queryset(body):
            calendar.add_component(meeting_event(meeting, request=request, stamp=stamp))
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{slug or "meetings"}.ics"'
        return response
