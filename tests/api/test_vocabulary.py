"""The API in the vocabulary of Open Civic Data and Popolo (docs/open-data.md), as each role
receives it: identifiers, jurisdiction and division, results, statuses, votes, documents,
media and sources. What the public may not read never appears, in any of these.

Uses the shared ``record`` fixture (tests/conftest.py): the 10 August 2023 hearing has a
restricted paper and an exempt item, its minutes are published; the 9 October minutes are
still a draft.
"""

import re
import uuid

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test import Client
from django.test.utils import CaptureQueriesContext

import panel.prebuilt
from meetings import ocd
from meetings.models import Meeting, Paper, RecordedVote, Resolution
from meetings.serializers import EventSerializer
from meetings.visibility import Audience
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinutesFactory,
    PaperFactory,
    PersonFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db

UUID5 = r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


def with_file(paper, name):
    """Give ``paper`` a stored file (the name only: nothing here downloads it)."""
    Paper.objects.filter(pk=paper.pk).update(file=f"papers/{name}", original_name=name)


@pytest.fixture
def papers(record):
    """Files for the August papers: the public report, the restricted CV, and a paper laid
    for the exempt item (not itself marked restricted)."""
    public = Paper.objects.get(title="Report of the Head of Law")
    with_file(public, "head-of-law.pdf")
    with_file(record.restricted_paper, "cv.pdf")
    exempt = PaperFactory(item=record.august_private, title="Interview notes")
    with_file(exempt, "interview-notes.docx")
    return record


def vote(resolution, person, how):
    RecordedVote.objects.create(resolution=resolution, person=person, vote=how)


@pytest.fixture
def votes(record):
    """Recorded votes on a public published motion, the exempt item's and the draft's."""
    people = record.people
    updates = record.july_resolutions[2]
    Resolution.objects.filter(pk=updates.pk).update(outcome=Resolution.Outcome.CARRIED)
    vote(updates, people.taylor, "for")
    vote(updates, people.allnatt, "against")
    vote(updates, people.russell, "for")
    vote(updates, people.joannou, "abstain")
    secret = PersonFactory(slug="secret-voter", given_name="", family_name="Secret")
    vote(record.private_resolution, secret, "for")
    vote(record.draft_resolution, people.blackshaw, "against")
    return record


def motion_in(event, resolution):
    return next(
        motion
        for item in event["agenda"]
        for motion in item["motions"] or ()
        if motion["id"] == resolution.pk
    )


# --- Identifiers ----------------------------------------------------------------------------


def test_ids_follow_the_documented_scheme(anonymous, record):
    """uuid5 of the fixed namespace and "<jurisdiction>/<kind>/<id>": a re-user can check."""
    person = anonymous.get(f"/api/v1/people/{record.people.taylor.pk}/").json()

    name = f"{ocd.DEFAULT_JURISDICTION_ID}/person/{record.people.taylor.pk}"
    assert person["ocd_id"] == f"ocd-person/{uuid.uuid5(ocd.NAMESPACE, name)}"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/api/v1/organizations/", "organization"),
        ("/api/v1/people/", "person"),
        ("/api/v1/memberships/", "membership"),
        ("/api/v1/events/", "event"),
        ("/api/v1/motions/", "vote"),
    ],
)
def test_every_resource_has_a_distinct_ocd_id(anonymous, record, url, kind):
    rows = anonymous.get(url, {"page_size": 100}).json()["results"]

    ids = [row["ocd_id"] for row in rows]
    assert all(re.fullmatch(f"ocd-{kind}/{UUID5}", ocd_id) for ocd_id in ids)
    assert len(set(ids)) == len(rows) > 0


def test_ids_do_not_depend_on_the_host_or_the_request(record, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example.org"]
    first = Client().get("/api/v1/events/").json()["results"]
    second = Client(headers={"host": "other.example.org"}).get("/api/v1/events/").json()

    assert [e["ocd_id"] for e in first] == [e["ocd_id"] for e in second["results"]]


def test_references_carry_the_ocd_id_of_what_they_name(anonymous, record):
    membership = anonymous.get("/api/v1/memberships/").json()["results"][0]
    person = anonymous.get(f"/api/v1/people/{membership['person']['id']}/").json()
    organization = anonymous.get(f"/api/v1/organizations/{membership['organization']['id']}/")
    organization = organization.json()

    assert membership["person"]["ocd_id"] == person["ocd_id"]
    assert membership["organization"]["ocd_id"] == organization["ocd_id"]


def test_organizations_and_events_name_the_division_and_jurisdiction(anonymous, record):
    body = anonymous.get(f"/api/v1/organizations/{record.panel.pk}/").json()
    event = anonymous.get(f"/api/v1/events/{record.july.pk}/").json()

    assert body["division_id"] == "ocd-division/country:gb/part:eng/pfa:leicestershire"
    assert body["jurisdiction_id"] == (
        "ocd-jurisdiction/country:gb/part:eng/pfa:leicestershire/police_and_crime_panel"
    )
    assert event["jurisdiction_id"] == body["jurisdiction_id"]


def test_another_panel_sets_its_own_division_and_jurisdiction(anonymous, record, settings):
    before = anonymous.get(f"/api/v1/organizations/{record.panel.pk}/").json()
    settings.OCD_DIVISION_ID = "ocd-division/country:gb/part:eng/pfa:derbyshire"
    settings.OCD_JURISDICTION_ID = (
        "ocd-jurisdiction/country:gb/part:eng/pfa:derbyshire/police_and_crime_panel"
    )

    body = anonymous.get(f"/api/v1/organizations/{record.panel.pk}/").json()

    assert body["division_id"] == settings.OCD_DIVISION_ID
    assert body["jurisdiction_id"] == settings.OCD_JURISDICTION_ID
    # Two Panels running this software never share identifiers.
    assert body["ocd_id"] != before["ocd_id"]


# --- Results and statuses -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "result"),
    [
        ("carried", "pass"),
        ("carried_unanimously", "pass"),
        ("lost", "fail"),
        ("withdrawn", None),
        ("", None),
    ],
)
def test_motion_result_in_ocd_terms_beside_ours(anonymous, record, outcome, result):
    resolution = record.july_resolutions[1]
    Resolution.objects.filter(pk=resolution.pk).update(outcome=outcome)

    motion = anonymous.get(f"/api/v1/motions/{resolution.pk}/").json()

    assert motion["ocd_result"] == result
    assert motion["result"] == (outcome or None)


@pytest.mark.parametrize(
    ("status", "ocd_status"),
    [
        ("scheduled", "confirmed"),
        ("held", "passed"),
        ("postponed", "tentative"),
        ("cancelled", "cancelled"),
    ],
)
def test_event_status_in_ocd_terms_beside_ours(anonymous, record, status, ocd_status):
    Meeting.objects.filter(pk=record.december.pk).update(status=status)

    detail = anonymous.get(f"/api/v1/events/{record.december.pk}/").json()
    listed = anonymous.get("/api/v1/events/").json()["results"]

    assert (detail["status"], detail["ocd_status"]) == (status, ocd_status)
    assert next(e for e in listed if e["id"] == record.december.pk)["ocd_status"] == ocd_status


# --- Votes ------------------------------------------------------------------------------------


def test_anyone_reads_how_each_member_voted_on_a_published_public_motion(anonymous, votes):
    updates = votes.july_resolutions[2]

    motion = anonymous.get(f"/api/v1/motions/{updates.pk}/").json()

    assert [(v["voter"]["slug"], v["vote"], v["option"]) for v in motion["votes"]] == [
        ("deborah-taylor", "for", "yes"),
        ("sarah-russell", "for", "yes"),
        ("allnatt", "against", "no"),
        ("joannou", "abstain", "abstain"),
    ]
    assert motion["votes"][0]["voter_name"] == "Deborah Taylor"
    assert motion["votes"][0]["voter"]["ocd_id"] == ocd.ocd_id("person", votes.people.taylor.pk)
    # No totals printed: the recorded vote's tally is the count.
    assert motion["counts"] == [
        {"option": "yes", "value": 2},
        {"option": "no", "value": 1},
        {"option": "abstain", "value": 1},
    ]
    event = anonymous.get(f"/api/v1/events/{votes.july.pk}/").json()
    assert motion_in(event, updates)["votes"] == motion["votes"]


def test_printed_totals_stay_the_counts(anonymous, votes):
    updates = votes.july_resolutions[2]
    Resolution.objects.filter(pk=updates.pk).update(votes_for=6, votes_against=1)

    motion = anonymous.get(f"/api/v1/motions/{updates.pk}/").json()

    assert motion["counts"] == [{"option": "yes", "value": 6}, {"option": "no", "value": 1}]


def test_a_motion_without_a_recorded_vote_has_no_votes(anonymous, votes):
    motion = anonymous.get(f"/api/v1/motions/{votes.july_resolutions[1].pk}/").json()

    assert (motion["votes"], motion["counts"]) == ([], [])


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_votes_in_draft_minutes_are_not_published(role, request, votes):
    client = request.getfixturevalue(role)

    assert client.get(f"/api/v1/motions/{votes.draft_resolution.pk}/").status_code == 404
    listed = client.get("/api/v1/motions/", {"page_size": 100}).json()["results"]
    assert votes.draft_resolution.pk not in {m["id"] for m in listed}
    assert "blackshaw" not in client.get(f"/api/v1/events/{votes.october.pk}/").content.decode()


def test_votes_on_an_exempt_item_are_withheld_from_the_public(anonymous, votes):
    body = anonymous.get(f"/api/v1/events/{votes.august.pk}/").content.decode()

    assert anonymous.get(f"/api/v1/motions/{votes.private_resolution.pk}/").status_code == 404
    assert "secret-voter" not in body


def test_staff_read_every_recorded_vote(staff, votes):
    draft = staff.get(f"/api/v1/motions/{votes.draft_resolution.pk}/").json()
    hearing = staff.get(f"/api/v1/events/{votes.august.pk}/").json()

    assert [v["voter"]["slug"] for v in draft["votes"]] == ["blackshaw"]
    assert [v["voter"]["slug"] for v in motion_in(hearing, votes.private_resolution)["votes"]] == [
        "secret-voter"
    ]


# --- Documents, media and sources -------------------------------------------------------------


def documents(event):
    return [(d["classification"], d["note"], d["url"], d["media_type"]) for d in event["documents"]]


def test_the_public_gets_the_agenda_published_minutes_and_public_papers(anonymous, papers):
    detail = anonymous.get(f"/api/v1/events/{papers.august.pk}/").json()
    listed = anonymous.get("/api/v1/events/").json()["results"]

    page = f"http://testserver/meetings/{papers.august.pk}/"
    assert documents(detail) == [
        ("agenda", "Agenda", page, "text/html"),
        (
            "minutes",
            "Minutes: Published as draft, subject to confirmation",
            f"{page}minutes/",
            "text/html",
        ),
        (
            "minutes",
            "Minutes: Published as draft, subject to confirmation (PDF)",
            f"{page}minutes.pdf",
            "application/pdf",
        ),
        (
            "paper",
            "Report of the Head of Law",
            "http://testserver/media/papers/head-of-law.pdf",
            "application/pdf",
        ),
    ]
    assert (
        next(e for e in listed if e["id"] == papers.august.pk)["documents"] == (detail["documents"])
    )


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/events/{pk}/"])
def test_withheld_papers_never_appear_in_the_publics_documents(anonymous, papers, url):
    body = anonymous.get(url.format(pk=papers.august.pk), {"format": "json"}).content.decode()

    assert "cv.pdf" not in body
    assert "interview-notes" not in body
    assert "Curriculum vitae" not in body


@pytest.mark.parametrize("role", ["member", "staff"])
def test_members_and_staff_get_every_paper_they_may_read(role, request, papers):
    client = request.getfixturevalue(role)

    for url in ("/api/v1/events/", f"/api/v1/events/{papers.august.pk}/"):
        response = client.get(url).json()
        event = (
            response
            if "id" in response
            else next(e for e in response["results"] if e["id"] == papers.august.pk)
        )
        assert [d["note"] for d in event["documents"] if d["classification"] == "paper"] == [
            "Report of the Head of Law",
            "Curriculum vitae of the preferred candidate",
            "Interview notes",
        ]
        notes = next(d for d in event["documents"] if d["note"] == "Interview notes")
        assert notes["media_type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_draft_minutes_are_not_a_document_or_source_before_publication(role, request, record):
    client = request.getfixturevalue(role)

    for event in (
        client.get(f"/api/v1/events/{record.october.pk}/").json(),
        next(
            e
            for e in client.get("/api/v1/events/").json()["results"]
            if e["id"] == record.october.pk
        ),
    ):
        assert [d["classification"] for d in event["documents"]] == ["agenda"]
        assert [s["url"] for s in event["sources"]] == [
            f"http://testserver/meetings/{record.october.pk}/"
        ]


def test_staff_see_draft_minutes_among_the_documents(staff, record):
    event = staff.get(f"/api/v1/events/{record.october.pk}/").json()

    minutes = [d for d in event["documents"] if d["classification"] == "minutes"]
    assert [d["note"] for d in minutes] == [
        "Minutes: Draft (not published)",
        "Minutes: Draft (not published) (PDF)",
    ]


def test_a_webcast_is_the_events_media(anonymous, record):
    july = anonymous.get(f"/api/v1/events/{record.july.pk}/").json()
    august = anonymous.get(f"/api/v1/events/{record.august.pk}/").json()

    assert july["media"] == [
        {
            "classification": "webcast",
            "note": "Webcast",
            "url": "https://example.org/webcasts/pcp-2023-07-26",
            "media_type": "text/html",
        }
    ]
    assert august["media"] == []


def test_sources_are_the_sites_pages_as_full_addresses(anonymous, record):
    person = anonymous.get(f"/api/v1/people/{record.people.taylor.pk}/").json()
    body = anonymous.get(f"/api/v1/organizations/{record.panel.pk}/").json()
    motion = anonymous.get(f"/api/v1/motions/{record.july_resolutions[0].pk}/").json()
    july = anonymous.get(f"/api/v1/events/{record.july.pk}/").json()

    assert [s["url"] for s in person["sources"]] == [person["html_url"]]
    assert [s["url"] for s in body["sources"]] == [body["html_url"]]
    minutes = f"http://testserver/meetings/{record.july.pk}/minutes/"
    assert [s["url"] for s in motion["sources"]] == [minutes]
    assert [s["url"] for s in july["sources"]] == [july["html_url"], minutes]


# --- Cost -----------------------------------------------------------------------------------


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"page_size": 200}).status_code == 200
    return len(captured)


def meetings_with_votes_and_papers(count, panel, person):
    for n in range(count):
        meeting = MeetingFactory(body=panel, status="held")
        MinutesFactory(meeting=meeting, status="published")
        item = AgendaItemFactory(meeting=meeting, order=1, number="1")
        with_file(PaperFactory(item=item), f"paper-{meeting.pk}-{n}.pdf")
        motion = ResolutionFactory(item=item, outcome="carried")
        vote(motion, person, "for")


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/motions/"])
def test_votes_and_papers_cost_the_same_for_one_row_as_for_many(anonymous, record, url):
    person = PersonFactory(slug="voter", given_name="", family_name="Voter")
    meetings_with_votes_and_papers(1, record.panel, person)
    few = queries(anonymous, url)
    meetings_with_votes_and_papers(20, record.panel, person)

    assert queries(anonymous, url) == few


def test_a_page_of_events_builds_its_papers_query_once_per_kind_of_reader(
    anonymous, member, papers, monkeypatch
):
    """The papers' query of a page of events is built once per process and kind of reader,
    and each copy still reads the papers as they are now."""
    monkeypatch.setattr(panel.prebuilt, "_built", {})  # as a new process starts
    built = []
    papers_of = Audience.papers
    monkeypatch.setattr(Audience, "papers", lambda self: built.append(self.kind) or papers_of(self))

    def notes(client):
        event = next(
            e
            for e in client.get("/api/v1/events/").json()["results"]
            if e["id"] == papers.august.pk
        )
        return [d["note"] for d in event["documents"] if d["classification"] == "paper"]

    assert notes(anonymous) == ["Report of the Head of Law"]
    assert notes(member) == [
        "Report of the Head of Law",
        "Curriculum vitae of the preferred candidate",
        "Interview notes",
    ]
    with_file(PaperFactory(item=papers.august_items[2], title="Late paper"), "late.pdf")

    assert notes(anonymous) == ["Report of the Head of Law", "Late paper"]
    assert "Late paper" in notes(member)
    assert built == ["public", "member"]


# --- Without a request (an export) ------------------------------------------------------------


def test_without_a_request_addresses_come_from_site_url_and_papers_are_the_publics(
    papers, settings
):
    settings.SITE_URL = "https://panel.example.org"
    meetings = Meeting.objects.filter(pk=papers.august.pk).prefetch_related(
        Prefetch("minutes", queryset=Audience().minutes(), to_attr="visible_minutes")
    )

    (event,) = EventSerializer(meetings, many=True).data

    assert event["html_url"] == f"https://panel.example.org/meetings/{papers.august.pk}/"
    assert [d["url"] for d in event["documents"] if d["classification"] == "paper"] == [
        "https://panel.example.org/media/papers/head-of-law.pdf"
    ]
