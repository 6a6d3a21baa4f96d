"""What each audience is shown, surface by surface, for the kinds of confidential material that
once reached the public: the minuted record of unpublished minutes, declarations about
private business, actions tied to private or unpublished resolutions, the action list's
drop-downs, paper files, and action owners' own restricted actions."""

import datetime
import html

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from actions import services as action_services
from actions.models import Action, Owner
from actions.tasks import send_action_reminders
from meetings.models import Attendance, Declaration, Paper

ANONYMOUS = "anonymous"


@pytest.fixture
def owner_user(django_user_model):
    user = django_user_model.objects.create_user("opcc", password="demo-owner-2023")
    Owner.objects.create(name="OPCC", email="opcc@example.org").users.add(user)
    return user


@pytest.fixture
def as_role(client, member_user, staff_user, owner_user):
    users = {"member": member_user, "staff": staff_user, "owner": owner_user}

    def log_in(role):
        client.logout()
        if role != ANONYMOUS:
            client.force_login(users[role])
        return client

    return log_in


def text_of(response):
    return html.unescape(response.content.decode())


# 1. The attendance and declarations of unpublished minutes.


@pytest.fixture
def october_record(record):
    """The 9 October meeting (draft minutes) with a declaration and a role as the minutes
    would give them."""
    Attendance.objects.filter(meeting=record.october, person=record.people.taylor).update(
        role="Chair of the Panel, in the Chair (draft)"
    )
    Declaration.objects.create(
        meeting=record.october,
        person=record.people.allnatt,
        interest_type=Declaration.InterestType.OTHER_REGISTRABLE,
        all_items=True,
        reason="as his spouse chairs the draft-minutes charity",
    )
    return record


@pytest.mark.parametrize(
    ("role", "shown"), [(ANONYMOUS, False), ("member", False), ("staff", True)]
)
def test_attendance_and_declarations_of_draft_minutes_are_for_staff(
    as_role, october_record, role, shown
):
    page = text_of(as_role(role).get(october_record.october.get_absolute_url()))
    event = as_role(role).get(f"/api/v1/events/{october_record.october.pk}/").json()

    assert ("Chair of the Panel, in the Chair (draft)" in page) is shown
    assert ("draft-minutes charity" in page) is shown
    assert ("Attendance is published with the minutes." in page) is not shown
    assert (event["attendance"] is not None) is shown
    assert (event["declarations"] is not None) is shown


def test_attendance_of_a_meeting_with_no_minutes_is_not_public(client, record):
    Attendance.objects.create(
        meeting=record.december, person=record.people.joannou, role="Early attender"
    )

    page = text_of(client.get(record.december.get_absolute_url()))

    assert "Early attender" not in page
    assert "Joannou" not in page


# 2. Declarations about exempt business only.


@pytest.fixture
def private_declaration(record):
    declaration = Declaration.objects.create(
        meeting=record.august,
        person=record.people.allnatt,
        interest_type=Declaration.InterestType.NON_REGISTRABLE,
        reason="as he had once employed the preferred candidate",
    )
    declaration.items.add(record.august_private)
    return declaration


@pytest.mark.parametrize(("role", "shown"), [(ANONYMOUS, False), ("member", True), ("staff", True)])
def test_declaration_about_private_business_only_is_for_members_and_staff(
    as_role, record, private_declaration, role, shown
):
    page = text_of(as_role(role).get(record.august.get_absolute_url()))
    event = as_role(role).get(f"/api/v1/events/{record.august.pk}/").json()

    assert ("once employed the preferred candidate" in page) is shown
    assert ("once employed the preferred candidate" in str(event["declarations"])) is shown
    # The declaration about all items stays public: the rule withholds only the private one.
    assert "two close relatives" in page


# 3 and 4. Actions tied to a private resolution, or raised from unpublished minutes.


@pytest.fixture
def hidden_actions(record, staff_user):
    from_private = action_services.action_create(
        meeting=record.august,
        resolution=record.private_resolution,
        reference="P1",
        text="Write to the candidate about the private deliberations",
        user=staff_user,
    )
    from_draft = action_services.action_from_resolution(
        resolution=record.draft_resolution, user=staff_user
    )
    return from_private, from_draft


PUBLIC_SURFACES = [
    "/actions/",
    "/actions/?status=open",
    "/actions/export.csv",
    "/api/v1/actions/",
    "/api/v1/actions/?format=csv",
]


def test_actions_from_private_or_unpublished_resolutions_never_reach_the_public(
    client, record, hidden_actions
):
    report = reverse("actions:action_report_text", kwargs={"meeting_pk": record.december.pk})

    for action in hidden_actions:
        assert client.get(action.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/actions/{action.pk}/").status_code == 404
    for url in [*PUBLIC_SURFACES, report]:
        content = text_of(client.get(url))
        assert "private deliberations" not in content, url
        assert "draft wording" not in content, url
    # Restricted-ness is derived, whatever the checkbox says.
    assert Action.objects.filter(restricted=False).count() == 2
    assert not Action.objects.public().exists()


def test_members_see_those_actions_but_not_the_draft_resolution_behind_one(
    as_role, record, hidden_actions
):
    from_private, from_draft = hidden_actions
    member = as_role("member")

    private_page = text_of(member.get(from_private.get_absolute_url()))
    draft_page = member.get(from_draft.get_absolute_url())

    assert "Write to the candidate about the private deliberations" in private_page
    assert "Restricted" in private_page
    assert draft_page.status_code == 200
    # The action's text is the resolution's; the page does not print it again as the
    # resolution, which members may not read until the minutes are published.
    assert "Resolution:" not in text_of(draft_page)
    staff_page = text_of(as_role("staff").get(from_draft.get_absolute_url()))
    assert "Resolution: That the Panel notes the report (draft wording)." in staff_page


def test_publishing_the_minutes_makes_the_raised_action_public(client, record, hidden_actions):
    _, from_draft = hidden_actions
    record.october_minutes.status = "published"
    record.october_minutes.save()

    assert client.get(from_draft.get_absolute_url()).status_code == 200


# 5. The action list's drop-downs.


def test_action_list_offers_only_meetings_and_owners_with_actions_the_visitor_may_see(
    as_role, record, staff_user
):
    cfo = Owner.objects.create(name="Chief Finance Officer")
    force = Owner.objects.create(name="Force")
    action_services.action_create(
        meeting=record.october,
        text="A restricted action",
        restricted=True,
        owners=[cfo],
        user=staff_user,
    )
    action_services.action_create(
        meeting=record.july, text="A public action", owners=[force], user=staff_user
    )

    public = text_of(as_role(ANONYMOUS).get("/actions/"))
    member = text_of(as_role("member").get("/actions/"))

    assert ">Force<" in public and ">Chief Finance Officer<" not in public
    assert "9 October 2023" not in public
    assert ">Chief Finance Officer<" in member and "9 October 2023" in member


# 9. Paper files.


@pytest.fixture
def papers(record, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    public = Paper.objects.get(title="Report of the Head of Law")
    public.file.save("Head of Law report.pdf", ContentFile(b"%PDF-1.4 public report"))
    restricted = record.restricted_paper
    restricted.file.save("CV of the candidate.pdf", ContentFile(b"%PDF-1.4 the CV"))
    return public, restricted


def test_papers_are_stored_under_unguessable_names_and_keep_their_own(papers):
    public, restricted = papers

    assert "Head of Law" not in public.file.name
    assert public.file.name.startswith("papers/") and public.file.name.endswith(".pdf")
    assert public.original_name == "Head of Law report.pdf"
    assert public.file.name != restricted.file.name


@pytest.mark.parametrize(
    ("role", "restricted_status"),
    [(ANONYMOUS, 404), ("owner", 404), ("member", 200), ("staff", 200)],
)
def test_paper_files_download_for_those_entitled_and_are_404_for_others(
    as_role, record, papers, role, restricted_status
):
    public, restricted = papers
    visitor = as_role(role)

    public_response = visitor.get(public.file.url)
    restricted_response = visitor.get(restricted.file.url)

    assert public_response.status_code == 200
    assert b"".join(public_response.streaming_content) == b"%PDF-1.4 public report"
    assert 'filename="Head of Law report.pdf"' in public_response["Content-Disposition"]
    assert public_response["X-Content-Type-Options"] == "nosniff"
    assert restricted_response.status_code == restricted_status
    if restricted_status == 200:
        assert b"".join(restricted_response.streaming_content) == b"%PDF-1.4 the CV"
        assert restricted_response["Cache-Control"] == "private, no-store"


def test_paper_links_on_pages_and_api_lead_to_the_files(client, record, papers):
    public, restricted = papers

    page = text_of(client.get(record.august.get_absolute_url()))
    event = client.get(f"/api/v1/events/{record.august.pk}/").json()
    urls = [p["url"] for item in event["agenda"] for p in (item["papers"] or [])]

    assert f'href="{public.file.url}"' in page
    assert restricted.file.url not in page
    assert urls == [f"http://testserver{public.file.url}"]
    assert client.get(urls[0]).status_code == 200


def test_nothing_else_under_media_is_served(client, papers, settings):
    (settings.MEDIA_ROOT / "papers" / "stray.txt").write_text("not a paper")

    assert client.get("/media/papers/stray.txt").status_code == 404
    assert client.get("/media/../manage.py").status_code == 404


# 10. Action owners and their restricted actions.


@pytest.fixture
def owners_restricted_action(record, staff_user):
    action = action_services.action_create(
        meeting=record.october,
        reference="R1",
        text="Brief the Panel privately on the vetting backlog",
        restricted=True,
        owners=[Owner.objects.get(name="OPCC")],
        due_date=datetime.date(2023, 10, 20),
        user=staff_user,
    )
    return action


def test_owners_see_their_restricted_actions_and_the_public_does_not(
    as_role, owner_user, owners_restricted_action
):
    url = owners_restricted_action.get_absolute_url()

    assert as_role(ANONYMOUS).get(url).status_code == 404
    owner = as_role("owner")
    assert owner.get(url).status_code == 200
    assert "vetting backlog" in text_of(owner.get(reverse("actions:action_mine")))
    assert "vetting backlog" in text_of(owner.get("/actions/"))
    assert "vetting backlog" in str(owner.get("/api/v1/actions/").json())


def test_reminder_links_open_for_the_owner(
    as_role, owner_user, owners_restricted_action, time_machine
):
    time_machine.move_to(datetime.datetime(2023, 10, 18, 8, 0), tick=False)

    send_action_reminders.call()

    (email,) = mail.outbox
    link = next(line.strip() for line in email.body.splitlines() if "/actions/" in line)
    path = link[link.index("/actions/") :]
    assert as_role("owner").get(path).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["public", "member", "staff"])
def test_minutes_loaded_with_their_meeting_are_judged_as_the_querysets_judge_them(request, role):
    """A meeting's page loads its minutes with it and decides in Python whether they, and the
    minuted record, may be read (``MinutesReader``): the same answer, for every status and for
    a meeting with no minutes, as ``Audience.minutes`` and ``Audience.minuted_meetings``."""
    from meetings.models import Meeting, Minutes
    from meetings.visibility import Audience
    from tests.factories import (
        AgendaItemFactory,
        MeetingFactory,
        MinutesFactory,
        ResolutionFactory,
    )

    user = {"public": None, "member": "member_user", "staff": "staff_user"}[role]
    audience = Audience(request.getfixturevalue(user) if user else None)
    meetings = [MeetingFactory()]  # no minutes yet
    for status in Minutes.Status.values:
        meetings.append(MeetingFactory())
        confirmed_by = None
        if status == Minutes.Status.CONFIRMED:
            confirmed_by = ResolutionFactory(item=AgendaItemFactory(meeting=MeetingFactory()))
        MinutesFactory(meeting=meetings[-1], status=status, confirmed_by=confirmed_by)
    reader = audience.minutes_reader

    readable = set(audience.minutes().values_list("meeting", flat=True))
    minuted = set(audience.minuted_meetings().values_list("pk", flat=True))
    for meeting in Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related(
        "minutes"
    ):
        minutes = getattr(meeting, "minutes", None)
        assert reader.may_read_minutes(minutes) == (meeting.pk in readable), minutes
        assert reader.may_read_record(minutes) == (meeting.pk in minuted), minutes
    assert readable and (role == "staff") == (len(readable) == len(meetings) - 1)


@pytest.mark.django_db
def test_draft_minutes_loaded_with_their_meeting_are_forgotten_for_the_public():
    from meetings.models import Minutes
    from meetings.visibility import Audience
    from tests.factories import MeetingFactory, MinutesFactory

    meeting = MeetingFactory()
    MinutesFactory(meeting=meeting, status=Minutes.Status.DRAFT)

    loaded = Audience().meeting_records().get(pk=meeting.pk)

    assert loaded.visible_minutes is None and loaded.record_visible is False
    assert "minutes" not in loaded._state.fields_cache
