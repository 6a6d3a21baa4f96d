"""Nothing confidential is ever served from the public cache.

The planted-marker crawl of tests/test_confidentiality.py, run with the public cache on: each
audience still finds exactly the markers it is entitled to, whichever crawled first and so
filled the cache, and the public's second crawl, served from the cache, finds the same. After a
restriction (an item made exempt, minutes withdrawn) the public's next crawl finds what a
crawl with no cache at all finds.
"""

import pytest
from django.core.cache import cache
from django.test import Client

from actions.models import Action
from meetings import services as minutes_services
from meetings.models import AgendaItem, Minutes
from tests import test_confidentiality as confidentiality
from tests.test_confidentiality import MARKERS, Crawl, describe, entry_points, guessable_addresses

# The record with every marker planted, as the confidentiality crawl builds it.
owner_user = confidentiality.owner_user
planted = confidentiality.planted


@pytest.fixture(autouse=True)
def public_cache_on(settings):
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": True}
    cache.clear()
    yield
    cache.clear()


class CountingClient(Client):
    """A client that counts how each of its answers was served (the X-Cache header)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.served = {}

    def get(self, *args, **kwargs):
        response = super().get(*args, **kwargs)
        how = response.get("X-Cache", "not cached")
        self.served[how] = self.served.get(how, 0) + 1
        return response


def crawl_as(audience, planted):
    client = CountingClient()
    user = planted.users[audience]
    if user is not None:
        client.force_login(user)
    return Crawl(client).run([*entry_points(), *guessable_addresses()])


def entitled(audience):
    return {marker.text for marker in MARKERS.values() if audience in marker.audiences}


def test_each_audience_sees_exactly_its_markers_whoever_filled_the_cache(planted):
    order = ["public", "staff", "member", "owner", "public"]
    crawls = [(audience, crawl_as(audience, planted)) for audience in order]

    for audience, crawl in crawls:
        assert set(crawl.found) == entitled(audience), describe(audience, crawl)
        assert not crawl.errors, crawl.errors
    first_public, *signed_in, second_public = (crawl for _, crawl in crawls)
    assert first_public.client.served.get("miss", 0) > confidentiality.MIN_ADDRESSES
    assert second_public.client.served.get("hit", 0) > confidentiality.MIN_ADDRESSES
    assert second_public.found == first_public.found
    for crawl in signed_in:
        assert "hit" not in crawl.client.served


def restrict(planted, staff):
    """Make the public item exempt and withdraw the minutes of its meeting."""
    item = AgendaItem.objects.get(title__contains=MARKERS["PUBLIC-ITEM-TITLE"].text)
    item.confidentiality = AgendaItem.Confidentiality.EXEMPT
    item.exempt_paragraphs = "3"
    item.save()
    minutes = Minutes.objects.get(meeting=planted.july)
    minutes_services.minutes_unpublish(minutes=minutes, user=staff, note="Published too early.")


def test_after_a_restriction_the_public_sees_what_an_uncached_site_shows(
    planted, settings, django_capture_on_commit_callbacks
):
    before = crawl_as("public", planted)
    assert MARKERS["PUBLIC-ITEM-TITLE"].text in before.found

    with django_capture_on_commit_callbacks(execute=True):
        restrict(planted, planted.users["staff"])
    after = crawl_as("public", planted)
    settings.PUBLIC_CACHE = {**settings.PUBLIC_CACHE, "ENABLED": False}
    uncached = crawl_as("public", planted)

    for name in ("PUBLIC-ITEM-TITLE", "PUBLIC-MINUTES", "PUBLIC-RESOLUTION", "PUBLIC-ACTION"):
        assert MARKERS[name].text not in after.found, describe("public", after)
    assert after.found == uncached.found


def test_after_an_action_is_restricted_the_public_no_longer_sees_it(
    planted, django_capture_on_commit_callbacks
):
    marker = MARKERS["PUBLIC-CLOSED-ACTION"].text
    assert marker in crawl_as("public", planted).found
    action = Action.objects.get(text__contains=marker)

    with django_capture_on_commit_callbacks(execute=True):
        action.restricted = True
        action.save()

    assert marker not in crawl_as("public", planted).found
