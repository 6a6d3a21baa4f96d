import io
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction

from actions.models import Action
from meetings.models import AgendaItem, Attendance, Meeting, Minutes, Person, Resolution

pytestmark = pytest.mark.django_db

DEMO_LOGINS = [
    ("admin", "demo-admin-2023"),
    ("officer", "demo-officer-2023"),
    ("member", "demo-member-2023"),
    ("owner", "demo-owner-2023"),
]


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded_once(django_db_setup, django_db_blocker):
    """Load the demo once for this module, inside a transaction rolled back at its end.

    Each test then runs in a savepoint within it (as Django's TestCase.setUpTestData does), so
    tests see the loaded record, may change it, and leave nothing behind for other modules.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_load_demo()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_once):
    return loaded_once


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def panel_meeting(date):
    return Meeting.objects.get(body__slug="llr-pcp", date=date)


def test_first_run_reports_what_it_created(demo):
    assert "Demo data loaded" in demo
    assert "19 actions" in demo
    assert Meeting.objects.filter(body__slug="cgb", kind="board", status="held").count() == 3


def test_minutes_are_read_from_the_committed_pack_by_the_importer(demo):
    minutes = Minutes.objects.get(meeting=panel_meeting("2023-07-26"))

    assert (
        minutes.history.order_by("pk")
        .first()
        .note.startswith("Imported from 001_1d8090acbeee358d.txt (lines ")
    )


def test_second_run_changes_no_row_count_and_says_so(demo):
    before = row_counts()

    second = run_load_demo()

    assert row_counts() == before
    assert "already loaded" in second


def test_annual_meeting_attendance(demo):
    rows = Attendance.objects.filter(meeting=panel_meeting("2023-07-26")).select_related("person")

    chair = rows.get(is_chair=True)
    assert (chair.person.formal_name, chair.status) == ("Councillor Deborah Taylor", "present")
    assert [a.person.family_name for a in rows.filter(status="apologies")] == ["Wyatt"]
    assert [(a.person.name, a.role) for a in rows.filter(status="in_attendance")] == [
        ("Rupert Matthews", "Police and Crime Commissioner"),
        ("Rani Mahal", "Deputy Police and Crime Commissioner"),
        ("Elizabeth Starr", "Director of Performance and Governance"),
    ]
    assert [a.role for a in rows.filter(status="also_present")] == [
        "Monitoring Officer",
        "Senior Democratic Support Officer",
    ]
    assert rows.filter(status="present").count() == 13


def test_annual_meeting_has_its_fifteen_items_in_order(demo):
    items = AgendaItem.objects.filter(meeting=panel_meeting("2023-07-26")).order_by("order")

    assert [i.number for i in items] == [str(n) for n in range(1, 16)]
    # The importer title-cases the minutes' capitals; the hand-typed demo used sentence case.
    assert items.first().title == "Election of Chair for 2023-24 Municipal Year"
    assert items.last().minutes_text.endswith("the meeting closed at 1.46pm.")


def test_item_11_has_four_numbered_resolutions_three_of_them_requests(demo):
    resolutions = Resolution.objects.filter(
        item__meeting=panel_meeting("2023-07-26"), item__number="11"
    )

    assert [(r.number, r.kind) for r in resolutions] == [
        (1, "noted"),
        (2, "request"),
        (3, "request"),
        (4, "request"),
    ]


def test_private_session_is_exempt_under_paragraphs_1_and_3(demo):
    meeting = panel_meeting("2023-08-10")
    private = AgendaItem.objects.get(meeting=meeting, number="5")

    assert (private.confidentiality, private.paragraph_list) == ("exempt", [1, 3])
    assert private not in AgendaItem.objects.public()
    exclusion = Resolution.objects.get(item__meeting=meeting, item__number="4")
    assert exclusion.kind == "procedural"


def test_minutes_of_july_and_august_are_published_not_confirmed(demo):
    statuses = Minutes.objects.filter(meeting__body__slug="llr-pcp").values_list(
        "meeting__date", "status"
    )

    assert sorted((str(date), status) for date, status in statuses) == [
        ("2023-07-26", "published"),
        ("2023-08-10", "published"),
    ]


def test_board_sections_marked_redacted_or_sensitive_are_withheld(demo):
    withheld = AgendaItem.objects.filter(meeting__body__slug="cgb").exclude(
        confidentiality="public"
    )

    assert sorted((str(i.meeting.date), i.number, i.confidentiality) for i in withheld) == [
        ("2023-04-19", "4.ii", "official_sensitive"),
        ("2023-04-19", "4.iii", "official_sensitive"),
        ("2023-07-17", "3", "redacted"),
        ("2023-07-17", "4.i", "redacted"),
    ]


def test_board_actions_reach_their_reported_statuses(demo):
    actions = Action.objects.filter(meeting__body__slug="cgb")

    assert Counter(actions.values_list("status", flat=True)) == {
        "complete": 9,
        "awaiting_sign_off": 1,
        "open": 1,
    }
    assert actions.get(status="open").reference == "8b"
    awaiting = actions.get(status="awaiting_sign_off")
    assert (awaiting.reference, awaiting.status_wording) == ("8d", "reviewed awaiting sign off")
    assert [(e.from_status, e.to_status) for e in awaiting.history.all()] == [
        ("", "open"),
        ("open", "awaiting_sign_off"),
    ]


def test_each_panel_request_becomes_an_opcc_action_due_at_the_next_meeting(demo):
    actions = Action.objects.filter(meeting=panel_meeting("2023-07-26")).order_by("id")

    assert [a.reference for a in actions] == [
        "9.2",
        "10.2",
        "11.2",
        "11.3",
        "11.4",
        "12.2",
        "12.3",
        "12.4",
    ]
    assert {str(a.due_date) for a in actions} == {"2023-10-09"}
    assert {o.name for a in actions for o in a.owners.all()} == {"OPCC"}


@pytest.mark.parametrize(
    ("spelling", "person"),
    [
        ("Alnatt", "Allnatt"),
        ("Salma Mansoor", "Salma Manzoor"),
        ("Mr R Matthews", "Rupert Matthews"),
    ],
)
def test_people_are_found_by_the_other_spellings_the_papers_use(demo, spelling, person):
    assert [p.name for p in Person.objects.search(spelling)] == [person]


@pytest.mark.parametrize(("username", "password"), DEMO_LOGINS)
def test_demo_users_can_log_in(demo, client, username, password):
    assert client.login(username=username, password=password)


def test_member_is_councillor_taylor_and_owner_answers_for_the_opcc(demo, django_user_model):
    member = django_user_model.objects.get(username="member")
    owner = django_user_model.objects.get(username="owner")

    assert (member.person.slug, member.is_staff) == ("deborah-taylor", False)
    assert list(member.groups.values_list("name", flat=True)) == ["Panel members"]
    mine = Action.objects.owned_by_user(owner)
    assert mine.count() == Action.objects.filter(owners__name="OPCC").count() == 11


def test_a_rerun_restores_a_changed_demo_password(demo, client, django_user_model):
    officer = django_user_model.objects.get(username="officer")
    officer.set_password("something-else-entirely")
    officer.save()

    run_load_demo()

    assert client.login(username="officer", password="demo-officer-2023")
