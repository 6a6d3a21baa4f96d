"""Taking the register: one screen marks every member, pre-filled from the membership."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Membership
from tests.factories import (
    AttendanceFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(panel):
    """A Panel meeting with a chair, three members, a standing attendee, a substitute, and
    a member whose seat ended before the meeting."""
    meeting = MeetingFactory(body=panel, date=datetime.date(2023, 7, 26))
    people = {}
    for slug, family, role in [
        ("chair", "Bray", Membership.Role.CHAIR),
        ("a", "Ahmed", Membership.Role.MEMBER),
        ("b", "Baker", Membership.Role.MEMBER),
        ("c", "Cole", Membership.Role.MEMBER),
        ("pcc", "Hadley", Membership.Role.ATTENDEE),
        ("sub", "Sood", Membership.Role.SUBSTITUTE),
    ]:
        people[slug] = PersonFactory(slug=slug, family_name=family)
        MembershipFactory(person=people[slug], body=panel, role=role)
    people["gone"] = PersonFactory(slug="gone", family_name="Gone")
    MembershipFactory(person=people["gone"], body=panel, end_date=datetime.date(2023, 6, 1))
    meeting.people = people
    return meeting


def url(meeting):
    return reverse("admin:meetings_meeting_register", args=[meeting.pk])


def rows_of(response):
    return [form.initial for form in response.context["formset"].forms if form.initial]


def post_data(response, marks=None, substitutes=None, chair=""):
    """The register as shown, with ``marks`` (slug -> mark) and ``substitutes`` changed."""
    marks, substitutes = marks or {}, substitutes or {}
    formset = response.context["formset"]
    data = {
        "register-TOTAL_FORMS": str(len(formset.forms)),
        "register-INITIAL_FORMS": str(formset.initial_form_count()),
        "chair": chair,
    }
    for i, form in enumerate(formset.forms):
        person = form.initial.get("person")
        slug = person.slug if person else None
        data[f"register-{i}-person"] = person.pk if person else ""
        data[f"register-{i}-mark"] = marks.get(slug, form.initial.get("mark", ""))
        sub = substitutes.get(slug)
        data[f"register-{i}-substitute"] = sub.pk if sub else ""
    return data


def test_register_lists_members_on_the_day_prefilled_present(staff_client, meeting):
    response = staff_client.get(url(meeting))
    assert response.status_code == 200
    rows = {row["person"].slug: row["mark"] for row in rows_of(response)}
    # Members present, the standing attendee in attendance; no named substitute, no past member.
    assert rows == {
        "chair": "present",
        "a": "present",
        "b": "present",
        "c": "present",
        "pcc": "in_attendance",
    }
    assert '<th scope="row">' in response.text and "Chair</span>" in response.text


def test_register_saved_in_one_post(staff_client, staff_user, meeting):
    people = meeting.people
    page = staff_client.get(url(meeting))
    data = post_data(
        page,
        marks={"b": "apologies", "c": "substituted"},
        substitutes={"c": people["sub"]},
        chair=people["chair"].pk,
    )
    response = staff_client.post(url(meeting), data)
    assert response.status_code == 302
    recorded = {
        row.person.slug: (row.status, row.is_chair, row.substitute_for and row.substitute_for.slug)
        for row in meeting.attendances.select_related("person", "substitute_for")
    }
    assert recorded == {
        "chair": ("present", True, None),
        "a": ("present", False, None),
        "b": ("apologies", False, None),
        "c": ("apologies", False, None),
        "sub": ("present", False, "c"),
        "pcc": ("in_attendance", False, None),
    }
    # The admin history of the meeting (and the admin home's Recent actions) say so.
    entry = LogEntry.objects.get(object_id=str(meeting.pk))
    assert entry.user == staff_user
    assert "Took the register" in entry.get_change_message()
    assert "1 substitute" in entry.get_change_message()


def test_register_shows_what_is_recorded_when_taken_again(staff_client, meeting):
    people = meeting.people
    AttendanceFactory(meeting=meeting, person=people["a"], status="present", is_chair=True)
    AttendanceFactory(meeting=meeting, person=people["c"], status="apologies")
    AttendanceFactory(
        meeting=meeting, person=people["sub"], status="present", substitute_for=people["c"]
    )
    response = staff_client.get(url(meeting))
    rows = {row["person"].slug: (row["mark"], row["substitute"]) for row in rows_of(response)}
    assert rows["a"] == ("present", None)
    assert rows["c"] == ("substituted", people["sub"])
    assert rows["b"] == ("", None)  # attendance taken already: no longer assumed present
    assert "sub" not in rows  # shown as the substitute of c, not as a row of their own
    assert response.context["chair_form"].initial["chair"] == people["a"]


def test_someone_else_added_in_attendance(staff_client, meeting):
    officer = PersonFactory(slug="officer", family_name="Officer")
    page = staff_client.get(url(meeting))
    data = post_data(page)
    blank = len(rows_of(page))
    data[f"register-{blank}-person"] = officer.pk
    data[f"register-{blank}-mark"] = "in_attendance"
    assert staff_client.post(url(meeting), data).status_code == 302
    assert meeting.attendances.get(person=officer).status == "in_attendance"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"marks": {"c": "substituted"}}, "choose who substituted"),
        ({"substitutes": {"b": "sub"}}, "a substitute is named but the mark"),
        ({"marks": {"c": "substituted"}, "substitutes": {"c": "a"}}, "a person attends once"),
        ({"marks": {"chair": "apologies"}, "chair": "chair"}, "so mark them present"),
    ],
)
def test_refusals_change_nothing_and_keep_the_marks(staff_client, meeting, change, message):
    people = meeting.people
    page = staff_client.get(url(meeting))
    substitutes = {k: people[v] for k, v in change.get("substitutes", {}).items()}
    chair = people[change["chair"]].pk if "chair" in change else ""
    data = post_data(page, marks=change.get("marks"), substitutes=substitutes, chair=chair)
    response = staff_client.post(url(meeting), data)
    assert response.status_code == 200
    assert message in response.text
    assert "nothing was changed" in response.text
    assert not meeting.attendances.exists()
    # What was marked is still marked.
    for slug, mark in change.get("marks", {}).items():
        assert f'value="{mark}"' in response.text
        index = next(i for i, row in enumerate(rows_of(page)) if row["person"].slug == slug)
        assert response.context["formset"].forms[index]["mark"].value() == mark


def test_a_declarer_cannot_be_marked_away(staff_client, meeting):
    people = meeting.people
    AttendanceFactory(meeting=meeting, person=people["b"], status="present")
    DeclarationFactory(meeting=meeting, person=people["b"])
    page = staff_client.get(url(meeting))
    data = post_data(page, marks={"b": "apologies"})
    response = staff_client.post(url(meeting), data)
    assert "declared an interest at this meeting" in response.text
    assert meeting.attendances.get(person=people["b"]).status == "present"


def test_published_minutes_refuse_the_register(staff_client, staff_user, meeting):
    people = meeting.people
    AttendanceFactory(meeting=meeting, person=people["a"], status="present")
    minutes = services.minutes_create(meeting=meeting, user=staff_user)
    services.minutes_step(minutes=minutes, step="publish", user=staff_user)
    page = staff_client.get(url(meeting))
    response = staff_client.post(url(meeting), post_data(page, marks={"a": "apologies"}))
    assert "changes only through a correction" in response.text
    assert meeting.attendances.get(person=people["a"]).status == Attendance.Status.PRESENT


def test_register_linked_from_the_meeting_page(staff_client, meeting):
    change = staff_client.get(reverse("admin:meetings_meeting_change", args=[meeting.pk]))
    assert f'href="{url(meeting)}"' in change.text


def test_members_cannot_take_the_register(member_client, meeting):
    response = member_client.get(url(meeting))
    assert response.status_code == 302  # the admin sends non-staff to its log-in page
    assert not meeting.attendances.exists()


def test_the_register_page_costs_the_same_queries_for_a_bigger_body(
    staff_client, meeting, panel, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        staff_client.get(url(meeting))
    for n in range(10):
        MembershipFactory(person=PersonFactory(slug=f"extra-{n}"), body=panel)
    with django_assert_max_num_queries(len(small)):
        response = staff_client.get(url(meeting))
    assert len(rows_of(response)) == 15
