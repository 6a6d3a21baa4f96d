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


@pytest.mark.parametrize("who", ["public", "member"])
def test_every_list_reads_as_drf_would(monkeypatch, member_user, who):
    meeting, _ = build(4)
    client = Client()
    if who == "member":
        client.force_login(member_user)
    urls = [*LIST_URLS, f"/api/v1/events/{meeting.pk}/"]

    quick = {url: client.get(url, {"page_size": 200}).json() for url in urls}
    monkeypatch.setattr(QuickRead, "to_representation", drf_reading)
    plain = {url: client.get(url, {"page_size": 200}).json() for url in urls}

    for url in urls:
        assert quick[url] == plain[url], url
    assert quick["/api/v1/actions/"]["results"][0]["history"]  # nested rows were compared
