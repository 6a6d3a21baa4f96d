"""Querysets built once per process (panel.prebuilt, issue 15): each copy reads the record as
it is now, and each kind of reader gets its own, so one reader's rows never reach another."""

import pytest
from django.urls import reverse

from meetings.models import Meeting, Minutes
from panel.prebuilt import prebuilt
from tests.factories import (
    ActionFactory,
    AttendanceFactory,
    DeclarationFactory,
    MeetingFactory,
    MinutesFactory,
    OwnerFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_a_kept_queryset_reads_rows_added_after_it_was_built():
    first = MeetingFactory(title="First")
    key = ("test", "meetings")

    assert list(prebuilt(key, lambda: Meeting.objects.order_by("pk"))) == [first]
    second = MeetingFactory(title="Second")

    assert list(prebuilt(key, lambda: Meeting.objects.none())) == [first, second]


def test_each_copy_is_filtered_on_its_own():
    one, two = MeetingFactory(), MeetingFactory()
    key = ("test", "copies")

    narrowed = prebuilt(key, lambda: Meeting.objects.order_by("pk")).filter(pk=one.pk)

    assert list(narrowed) == [one]
    assert list(prebuilt(key, lambda: Meeting.objects.none())) == [one, two]


def test_an_evaluated_queryset_is_refused():
    evaluated = Meeting.objects.all()
    list(evaluated)

    with pytest.raises(TypeError, match="unevaluated"):
        prebuilt(("test", "evaluated"), lambda: evaluated)


def test_two_owners_in_turn_each_see_only_their_own_restricted_actions(client, django_user_model):
    meeting = MeetingFactory()
    alice = django_user_model.objects.create_user("alice")
    bob = django_user_model.objects.create_user("bob")
    OwnerFactory(name="Alice team").users.add(alice)
    OwnerFactory(name="Bob team").users.add(bob)
    ActionFactory(
        meeting=meeting,
        text="Alice restricted task",
        restricted=True,
        owners=[OwnerFactory(name="Alice team")],
    )
    ActionFactory(
        meeting=meeting,
        text="Bob restricted task",
        restricted=True,
        owners=[OwnerFactory(name="Bob team")],
    )
    pages = (
        reverse("actions:action_list"),
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        "/api/v1/actions/",
    )

    for user, own, other in ((alice, "Alice", "Bob"), (bob, "Bob", "Alice")):
        client.force_login(user)
        for url in pages:
            text = client.get(url).content.decode()
            assert f"{own} restricted task" in text, url
            assert f"{other} restricted task" not in text, url
    client.logout()
    for url in pages:
        assert "restricted task" not in client.get(url).content.decode()


def test_restricting_an_action_takes_it_off_the_public_list_at_once(client):
    action = ActionFactory(text="Soon to be restricted")
    url = reverse("actions:action_list")
    assert "Soon to be restricted" in client.get(url).text

    action.restricted = True
    action.save()

    assert "Soon to be restricted" not in client.get(url).text


def test_each_copy_prefetches_through_querysets_of_its_own(client):
    """Django notes on a prefetch's queryset the instances it prefetched for: a copy's notes
    must not reach the kept queryset, or the next request's copy."""
    from meetings.visibility import Audience

    meeting = MeetingFactory()
    # A readable record with an attendance and a declaration: those are loaded after the
    # meeting (MeetingQuerySet.record_prefetches), through querysets that must be copied too.
    MinutesFactory(meeting=meeting, status=Minutes.Status.PUBLISHED)
    person = PersonFactory(given_name="Ann", family_name="Lee")
    AttendanceFactory(meeting=meeting, person=person)
    DeclarationFactory(meeting=meeting, person=person, all_items=True)
    first = Audience().meeting_records(minuted=False)
    second = Audience().meeting_records(minuted=False)
    list(first.filter(pk=meeting.pk))

    def querysets(queryset):
        lookups = (*queryset._prefetch_related_lookups, *getattr(queryset, "record_prefetches", ()))
        for lookup in lookups:
            if getattr(lookup, "queryset", None) is not None:
                yield lookup.queryset
                yield from querysets(lookup.queryset)

    used = list(querysets(first))
    record = [qs for qs in used if qs.model.__name__ in ("Attendance", "Declaration")]
    assert len(record) == 2 and all(qs._hints for qs in record)
    assert not any(qs._hints for qs in querysets(second))
    assert not {id(qs) for qs in used} & {id(qs) for qs in querysets(second)}
