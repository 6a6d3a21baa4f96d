"""Every internal link on every page type answers, and every #fragment it names exists.

The pages are those of the ``record`` fixture (tests/conftest.py) with a public and a
restricted action, loaded as the public and as democratic services staff. A link is internal
when its ``href`` starts with ``/`` or ``#``; it must answer 200, or 302 to the sign-in page,
and a ``#fragment`` must be the ``id`` of an element of the page it leads to.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urldefrag

import pytest
from django.urls import reverse

from actions import services as action_services

LOGIN_URL = reverse("login")


class _Anchors(HTMLParser):
    """The internal ``href`` values and the ``id`` values of an HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.ids = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        href = attrs.get("href") or ""
        if tag in ("a", "link") and href.startswith(("/", "#")):
            self.links.add(href)


def anchors(response):
    parser = _Anchors()
    if response["Content-Type"].startswith("text/html"):
        parser.feed(response.content.decode())
    return parser


@pytest.fixture
def actions(record, staff_user):
    """A public action on a July item and a restricted one on the August private session."""
    public = action_services.action_create(
        meeting=record.july,
        item=record.july_items[2],
        text="Bring an update on S106 funding to every meeting.",
        due_date=datetime.date(2023, 10, 9),
        user=staff_user,
    )
    restricted = action_services.action_create(
        meeting=record.august,
        item=record.august_private,
        text="Write to the candidate with the Panel's recommendation.",
        restricted=True,
        user=staff_user,
    )
    return public, restricted


def pages(record, actions, *, staff):
    """Every page type, with each meeting, each minutes page and each action it may read."""
    public_action, restricted_action = actions
    urls = [
        reverse("meetings:home"),
        reverse("meetings:meeting_list"),
        reverse("meetings:resolution_list"),
        reverse("meetings:person_list"),
        reverse("meetings:person_detail", kwargs={"slug": record.people.taylor.slug}),
        reverse("meetings:body_list"),
        reverse("meetings:body_detail", kwargs={"slug": record.panel.slug}),
        reverse("meetings:workprogramme_list"),
        reverse("meetings:search") + "?q=report",
        reverse("actions:action_list"),
        public_action.get_absolute_url(),
    ]
    meetings = [record.july, record.august, record.october, record.december]
    urls += [meeting.get_absolute_url() for meeting in meetings]
    readable_minutes = meetings[:3] if staff else meetings[:2]
    urls += [reverse("meetings:minutes_detail", kwargs={"pk": m.pk}) for m in readable_minutes]
    if staff:
        urls.append(restricted_action.get_absolute_url())
    return urls


def broken_links(client, urls):
    """(page, link, what is wrong) for each internal link of ``urls`` that does not work."""
    client.raise_request_exception = False  # a link that fails is reported, not raised
    loaded = {}

    def load(url):
        if url not in loaded:
            loaded[url] = client.get(url)
        return loaded[url]

    broken = []
    for page in urls:
        assert load(page).status_code == 200, page
        for link in sorted(anchors(load(page)).links):
            target, fragment = urldefrag(link)
            problem = _problem(load(target or page), fragment)
            if problem:
                broken.append((page, link, problem))
    return broken


def _problem(response, fragment):
    if response.status_code == 302:
        if response["Location"].startswith(LOGIN_URL):
            return None
        return f"redirects to {response['Location']}"
    if response.status_code != 200:
        return f"answers {response.status_code}"
    if fragment and fragment not in anchors(response).ids:
        return f"has no id {fragment!r}"
    return None


def test_every_internal_link_works_for_the_public(client, record, actions):
    assert broken_links(client, pages(record, actions, staff=False)) == []


def test_every_internal_link_works_for_staff(staff_client, record, actions):
    assert broken_links(staff_client, pages(record, actions, staff=True)) == []


def test_the_link_check_finds_a_missing_fragment(client, record):
    page = record.july.get_absolute_url()

    assert _problem(client.get(page), "item-999") == "has no id 'item-999'"
    assert _problem(client.get(page), "item-1") is None
