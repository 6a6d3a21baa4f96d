"""Prints, as JSON, the page paths make bench measures, chosen from the database it is given.

Run by bench/__main__.py with DATABASE_URL naming the dataset's database.
"""

import json
import os

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
    django.setup()
    from django.db.models import Count
    from django.urls import reverse

    from meetings.models import Body, Meeting, Minutes, Person

    panel = Body.objects.filter(kind=Body.Kind.PANEL).order_by("pk").first()
    board = Body.objects.filter(kind=Body.Kind.BOARD).order_by("pk").first()
    minutes = (
        Minutes.objects.published().filter(meeting__body=panel).order_by("-meeting__date").first()
    )
    meeting = minutes.meeting if minutes else Meeting.objects.filter(body=panel).first()
    member = (
        Person.objects.filter(memberships__body=panel)
        .annotate(n=Count("attendances"))
        .order_by("-n", "pk")
        .first()
    )
    pages = {
        "home": reverse("meetings:home"),
        "meetings list": reverse("meetings:meeting_list"),
        "meeting page": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "minutes page": reverse("meetings:minutes_detail", args=[meeting.pk]),
        "outstanding actions": reverse("actions:action_list"),
        "actions filtered": f"{reverse('actions:action_list')}?body={board.slug}&rag=red",
        "member page": reverse("meetings:person_detail", args=[member.slug]),
        "decisions search": f"{reverse('meetings:resolution_list')}?q=report",
        "api events": "/api/v1/events/",
        "api actions": "/api/v1/actions/",
        "api motions": "/api/v1/motions/",
    }
    print(json.dumps(pages))


if __name__ == "__main__":
    main()
