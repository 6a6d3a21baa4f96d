"""Prints, as JSON, the pages make bench measures, chosen from the database it is given, and
makes sure the Panel member it signs in as exists with the password in BENCH_MEMBER_PASSWORD.

Run by bench/__main__.py with DATABASE_URL naming the dataset's database.
"""

import json
import os

import django

MEMBER_USERNAME = "bench-member"
# The pages of a --quick run: one of each kind (a list, a record page, the action log, the
# search the issue names, an API list).
QUICK = ("home", "meeting page", "outstanding actions", "decisions search", "api actions")


def ensure_member(password):
    """A Panel member (sees restricted material) who signs in with ``password``."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from actions.roles import MEMBER_GROUP

    user, _ = get_user_model().objects.get_or_create(username=MEMBER_USERNAME)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=MEMBER_GROUP))
    return MEMBER_USERNAME


def chosen_pages():
    from django.db.models import Count, OuterRef, Subquery
    from django.urls import reverse

    from actions.models import Action
    from meetings.models import Body, Meeting, Minutes, Person

    panel = Body.objects.filter(kind=Body.Kind.PANEL).order_by("pk").first()
    # The filtered action log is the body with the most overdue (red) public actions, in
    # either dataset, so that both lists have rows: the demo's board has none, and comparing
    # its empty list with the national board's eleven rows measured the rows, not the scale.
    overdue = Action.objects.public().with_rag_value(Action.Rag.RED)
    red = (
        Body.objects.annotate(
            red=Subquery(
                overdue.filter(meeting__body=OuterRef("pk"))
                .order_by()
                .values("meeting__body")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
        .filter(red__gt=0)
        .order_by("-red", "pk")
        .first()
    )
    red = red or Body.objects.order_by("pk").first()
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
    return {
        "home": reverse("meetings:home"),
        "meetings list": reverse("meetings:meeting_list"),
        "meeting page": reverse("meetings:meeting_detail", args=[meeting.pk]),
        "minutes page": reverse("meetings:minutes_detail", args=[meeting.pk]),
        "outstanding actions": reverse("actions:action_list"),
        "actions filtered": f"{reverse('actions:action_list')}?body={red.slug}&rag=red",
        "members list": reverse("meetings:person_list"),
        "member page": reverse("meetings:person_detail", args=[member.slug]),
        "decisions search": f"{reverse('meetings:resolution_list')}?q=report",
        "api events": "/api/v1/events/",
        "api actions": "/api/v1/actions/",
        "api motions": "/api/v1/motions/",
    }


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
    django.setup()
    member = ensure_member(os.environ["BENCH_MEMBER_PASSWORD"])
    print(json.dumps({"pages": chosen_pages(), "member": member}))


if __name__ == "__main__":
    main()
