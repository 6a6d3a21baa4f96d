"""Officers see each member's recorded vote on the resolution's admin page, read-only."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from meetings.models import RecordedVote
from tests.factories import PersonFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def motion():
    resolution = ResolutionFactory(is_motion=True, votes_for=1, votes_against=1)
    cole = PersonFactory(honorific="Mr", given_name="Paul", family_name="Cole")
    meade = PersonFactory(honorific="Ms", given_name="Jenny", family_name="Meade")
    RecordedVote.objects.create(resolution=resolution, person=cole, vote="for")
    RecordedVote.objects.create(resolution=resolution, person=meade, vote="against")
    return resolution


def vote_cells(html):
    """(member, vote) of each row of the members' votes table."""
    table = html[html.index('id="recorded_votes-group"') :].split("</table>")[0]
    rows = table.split('<tr class="form-row')[1:]
    return [
        tuple(
            strip_tags(row.split(f'<td class="field-{name}">')[1].split("</td>")[0]).strip()
            for name in ("person", "vote")
        )
        for row in rows
    ]


def test_the_resolution_page_lists_each_members_vote(admin_client, motion):
    url = reverse("admin:meetings_resolution_change", args=[motion.pk])
    html = admin_client.get(url).content.decode()
    assert "Members&#x27; votes (read-only" in html or "Members' votes (read-only" in html
    assert vote_cells(html) == [("Jenny Meade", "Against"), ("Paul Cole", "For")]


def test_the_votes_cannot_be_changed_added_or_deleted_there(admin_client, motion):
    url = reverse("admin:meetings_resolution_change", args=[motion.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="recorded_votes-0-vote"' not in html
    assert 'name="recorded_votes-0-DELETE"' not in html
    assert "recorded_votes-empty" not in html
