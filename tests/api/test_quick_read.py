"""The API's serializers read plain columns directly (panel/quick_read.py): every list and a
meeting's detail answer exactly what DRF's own field-by-field reading gives."""

import pytest
from django.test import Client
from rest_framework import serializers

from panel.quick_read import QuickRead
from tests.api.test_query_counts import LIST_URLS, build

pytestmark = pytest.mark.django_db


def drf_reading(self, instance):
    return serializers.Serializer.to_representation(self, instance)


def drf_fields(self):
    # DRF's own: ModelSerializer's for a model's serializer, Serializer's for a plain one.
    return super(QuickRead, self).get_fields()


@pytest.mark.parametrize("who", ["public", "member"])
def test_every_list_reads_as_drf_would(monkeypatch, member_user, who):
    meeting, _ = build(4)
    client = Client()
    if who == "member":
        client.force_login(member_user)
    urls = [*LIST_URLS, f"/api/v1/events/{meeting.pk}/"]

    quick = {url: client.get(url, {"page_size": 200}).json() for url in urls}
    monkeypatch.setattr(QuickRead, "to_representation", drf_reading)
    monkeypatch.setattr(QuickRead, "get_fields", drf_fields)
    monkeypatch.setattr(
        QuickRead, "serializer_field_mapping", serializers.ModelSerializer.serializer_field_mapping
    )
    plain = {url: client.get(url, {"page_size": 200}).json() for url in urls}

    for url in urls:
        assert quick[url] == plain[url], url
    assert quick["/api/v1/actions/"]["results"][0]["history"]  # nested rows were compared


def test_serializers_made_together_each_read_their_own_context(staff_user):
    """Fields are built once per class and copied for each serializer: two serializers made
    side by side, one for the public and one for staff, each answer for their own reader."""
    from actions import services
    from actions.models import Action
    from actions.serializers import ActionSerializer
    from meetings.visibility import Audience
    from tests.factories import MeetingFactory

    action = services.action_create(meeting=MeetingFactory(), text="Report back")
    services.action_start(action=action, user=staff_user, note="Begun")
    action = Action.objects.with_rag().prefetch_related("history__actor").get(pk=action.pk)
    public, staff = (
        ActionSerializer(context={"audience": Audience(user), "show_actors": shown})
        for user, shown in ((None, False), (staff_user, True))
    )

    assert public.fields["history"].child is not staff.fields["history"].child
    assert [event["actor"] for event in staff.to_representation(action)["history"]] == [
        None,
        staff_user.get_username(),
    ]
    assert [event["actor"] for event in public.to_representation(action)["history"]] == [None, None]


def nested_serializers(serializer):
    """The serializers a serializer's fields hold, however deep (a list's child too)."""
    for field in serializer.fields.values():
        held = getattr(field, "child", field)
        if isinstance(held, serializers.BaseSerializer):
            yield held
            yield from nested_serializers(held)


@pytest.mark.parametrize("url", LIST_URLS)
def test_every_serializer_a_list_nests_reads_quickly(rf, url):
    """A serializer nested in a list's rows reads once for each row: each is a QuickRead,
    which works out how to read its fields once rather than on every row."""
    from django.urls import resolve

    viewset = resolve(url).func.cls(action="list")
    serializer = viewset.get_serializer_class()(context={"request": rf.get(url)})

    nested = list(nested_serializers(serializer))
    assert isinstance(serializer, QuickRead)
    assert [type(s).__name__ for s in nested if not isinstance(s, QuickRead)] == []


def test_a_meetings_items_share_one_serializer_for_their_papers_and_one_for_their_motions(
    monkeypatch, member_user
):
    from meetings.serializers.events import MotionSerializer, PaperSerializer
    from tests.factories import AgendaItemFactory, PaperFactory, ResolutionFactory

    meeting, _ = build(2)
    for order in (10, 11, 12):
        item = AgendaItemFactory(meeting=meeting, order=order, number=str(order))
        PaperFactory(item=item, title=f"Report {order}")
        ResolutionFactory(item=item, text=f"That report {order} be noted.")
    made = []
    for cls in (MotionSerializer, PaperSerializer):
        original = cls.__init__
        monkeypatch.setattr(
            cls,
            "__init__",
            lambda self, *a, _cls=cls, _init=original, **k: (
                made.append(_cls.__name__) or _init(self, *a, **k)
            ),
        )
    client = Client()
    client.force_login(member_user)

    answer = client.get(f"/api/v1/events/{meeting.pk}/").json()

    written = [item for item in answer["agenda"] if item["motions"]]
    assert len(written) >= 3
    assert {p["title"] for item in answer["agenda"] for p in item["papers"] or []} >= {
        "Report 10",
        "Report 12",
    }
    assert sorted(made) == ["MotionSerializer", "PaperSerializer"]
