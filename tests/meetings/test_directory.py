"""Members, bodies, the decisions register, the work programme and search, as each role sees them."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from meetings.models import (
    AgendaItem,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    Resolution,
    WorkProgrammeEntry,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PersonFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC

ROLES = ["anonymous", "member", "staff"]
PRIVATE_TITLE = "Appointment of the Chief Executive: candidate's references"
PRIVATE_MINUTE = "The Panel examined the candidate's previous employment record"
PRIVATE_DECISION = "That the candidate's salary be set at the top of the grade"
DRAFT_MINUTE = "Members queried the overspend on vehicle fleet maintenance"
DRAFT_DECISION = "That the fleet overspend be reported back in January"


@pytest.fixture(autouse=True)
def today():
    moment = datetime.datetime(2023, 10, 1, 12, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield moment.date()


@pytest.fixture
def client_as(client, member_user, staff_user):
    def log_in(role):
        if role != "anonymous":
            client.force_login({"member": member_user, "staff": staff_user}[role])
        return client

    return log_in


def person(given, family, slug=None):
    return PersonFactory(
        honorific="Councillor",
        given_name=given,
        family_name=family,
        slug=slug or f"{given}-{family}".lower(),
    )


def meeting(body, date, **fields):
    fields.setdefault("start_time", datetime.time(10, 0))
    fields.setdefault(
        "status", Meeting.Status.HELD if date < datetime.date(2023, 10, 1) else "scheduled"
    )
    return MeetingFactory(body=body, date=date, **fields)


def published(meeting_):
    MinutesFactory(meeting=meeting_, status=Minutes.Status.PUBLISHED)
    return meeting_


def item(meeting_, order, title, **fields):
    return AgendaItemFactory(
        meeting=meeting_, order=order, number=str(order), title=title, **fields
    )


def private_item(meeting_, order):
    return item(
        meeting_,
        order,
        PRIVATE_TITLE,
        minutes_text=PRIVATE_MINUTE,
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="1,3",
    )


def page_text(response):
    """The page as a reader hears it: tags removed, white space collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    markup = re.sub(r"</?mark>", "", markup)  # a highlighted word is still one word
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture
def s106(panel):
    """The 26 July 2023 meeting, minutes published, with one public and one private decision."""
    july = published(meeting(panel, datetime.date(2023, 7, 26), title="Annual Meeting"))
    public = item(
        july,
        10,
        "S106 Funding Update",
        minutes_text="The PCC introduced the report on S106 contributions.",
    )
    ResolutionFactory(item=public, number=1, text="That the contents of the report be noted")
    ResolutionFactory(
        item=public,
        number=2,
        kind=Resolution.Kind.REQUEST,
        text="That regular updates on S106 funding be brought to the Panel.",
    )
    private = private_item(july, 16)
    ResolutionFactory(item=private, text=PRIVATE_DECISION, kind=Resolution.Kind.APPROVED)
    return july


@pytest.fixture
def draft_meeting(panel):
    """A meeting held last month whose minutes are still a draft."""
    september = meeting(panel, datetime.date(2023, 9, 14))
    MinutesFactory(meeting=september, status=Minutes.Status.DRAFT)
    fleet = item(september, 5, "Fleet review", minutes_text=DRAFT_MINUTE)
    ResolutionFactory(item=fleet, text=DRAFT_DECISION)
    return september


# Members


@pytest.fixture
def members(panel, board):
    taylor = person("Deborah", "Taylor")
    russell = person("Lee", "Russell")
    MembershipFactory(
        person=taylor,
        body=panel,
        role=Membership.Role.CHAIR,
        council="Leicestershire County Council",
        start_date=datetime.date(2023, 5, 25),
    )
    MembershipFactory(
        person=russell,
        body=panel,
        role=Membership.Role.MEMBER,
        start_date=datetime.date(2021, 5, 1),
        end_date=datetime.date(2023, 5, 24),
    )
    MembershipFactory(
        person=russell,
        body=board,
        role=Membership.Role.ATTENDEE,
        title="Chief Finance Officer",
        start_date=datetime.date(2023, 6, 1),
    )
    return taylor, russell


@pytest.mark.parametrize("role", ROLES)
def test_members_page_lists_current_and_past_members_with_roles_and_terms(client_as, role, members):
    response = client_as(role).get(reverse("meetings:person_list"))

    text = page_text(response)
    assert response.status_code == 200
    panel_part = text[text.index("Police and Crime Panel Current members") :]
    assert (
        "Current members Name Role Council or post Party Term Councillor Deborah Taylor Chair "
        "Leicestershire County Council From 25 May 2023"
    ) in panel_part
    assert "Past members Name Role Council or post Party Term Councillor Lee Russell Member" in (
        panel_part
    )
    assert "1 May 2021 to 24 May 2023" in panel_part


def test_members_page_shows_current_members_of_one_body(client, members):
    response = client.get(reverse("meetings:person_list"), {"body": "pcp", "status": "current"})

    text = page_text(response)
    assert "Deborah Taylor" in text
    assert "Lee Russell" not in text
    assert "Corporate Governance Board Current members" not in text


def test_members_page_finds_a_member_by_name(client, members):
    response = client.get(reverse("meetings:person_list"), {"q": "russell"})

    text = page_text(response)
    assert "Lee Russell" in text
    assert "Deborah Taylor" not in text


def test_members_page_refuses_an_unknown_body_with_a_message(client, members):
    response = client.get(reverse("meetings:person_list"), {"body": "no-such-body"})

    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()
    assert "Choose a body from the list." in page_text(response)
    assert "Deborah Taylor" not in page_text(response)


# A member's page


@pytest.fixture
def attendance_history(panel, board, members):
    """Councillor Taylor joined the Panel on 25 May 2023; her record since then.

    Attendance is part of the minutes: it counts once the minutes are published (for staff,
    once taken), and a meeting whose attendance was never taken is not counted at all."""
    taylor, someone_else = members

    def attended(date, status, body=panel, minutes=Minutes.Status.PUBLISHED, **fields):
        m = meeting(body, date, **fields)
        AttendanceFactory(meeting=m, person=taylor, status=status)
        MinutesFactory(meeting=m, status=minutes)
        return m

    attended(datetime.date(2023, 4, 20), "present")  # before she joined
    attended(datetime.date(2023, 6, 8), "present")
    attended(datetime.date(2023, 7, 26), "present")
    attended(datetime.date(2023, 8, 10), "apologies")
    absent = published(meeting(panel, datetime.date(2023, 9, 14)))  # taken, she is not on it
    AttendanceFactory(meeting=absent, person=someone_else, status="present")
    attended(datetime.date(2023, 9, 21), "present", minutes=Minutes.Status.DRAFT)
    meeting(panel, datetime.date(2023, 9, 25))  # attendance never taken: not counted
    meeting(panel, datetime.date(2023, 9, 28), status=Meeting.Status.CANCELLED)
    meeting(panel, datetime.date(2023, 10, 9))  # not yet held
    attended(datetime.date(2023, 6, 21), "in_attendance", body=board)  # not a board member
    return taylor


@pytest.mark.parametrize(
    "role, counts",
    [("anonymous", "4 2 1 1"), ("member", "4 2 1 1"), ("staff", "5 3 1 1")],
)
def test_member_page_counts_attendance_taken_and_published(
    client_as, role, counts, attendance_history
):
    response = client_as(role).get(attendance_history.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert (
        f"Body Expected Present Apologies Absent without apologies Police and Crime Panel {counts}"
    ) in text
    assert "Corporate Governance Board 1" not in text


@pytest.mark.postgres_only
def test_the_attendance_record_reads_only_the_meetings_of_the_persons_seats(
    client, attendance_history
):
    """Each seat's meetings are found by body and dates in the (body, date) index, so the
    record costs the person's meetings, not a test of every meeting on the site."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Another body's meetings, minuted, years of them: a site's worth, so that the planner
    # plans for one.
    other = MeetingFactory().body
    start = datetime.date(2010, 1, 1)
    held = Meeting.objects.bulk_create(
        Meeting(body=other, date=start + datetime.timedelta(days=n), status="held")
        for n in range(2000)
    )
    Minutes.objects.bulk_create(
        Minutes(meeting=meeting, status=Minutes.Status.PUBLISHED) for meeting in held
    )
    with CaptureQueriesContext(connection) as queries:
        client.get(attendance_history.get_absolute_url())
    [sql] = [q["sql"] for q in queries.captured_queries if '"expected"' in q["sql"]]

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    # The meetings are found through an index, by body or date, not all read and tested.
    found = re.search(r"Scan using \S+ on meetings_meeting  .*\n\s+Index Cond: \(\(?(\w+)", plan)
    assert found and found.group(1) in ("body_id", "date"), plan
    assert not re.search(r"Seq Scan on meetings_meeting ", plan), plan


def test_a_person_with_no_members_seat_is_expected_at_no_meeting(client):
    officer = PersonFactory(given_name="Paul", family_name="Hindson")
    held = MeetingFactory(date=datetime.date(2023, 6, 21), status="held")
    MinutesFactory(meeting=held, status=Minutes.Status.PUBLISHED)
    MembershipFactory(
        person=officer,
        body=held.body,
        role=Membership.Role.ATTENDEE,
        start_date=datetime.date(2023, 1, 1),
    )
    AttendanceFactory(meeting=held, person=officer, status="in_attendance")

    response = client.get(officer.get_absolute_url())

    assert response.status_code == 200
    assert response.context["attendance_record"] == []
    assert "Standing attendee" in page_text(response)


def test_member_page_lists_roles(client, members):
    _, russell = members

    text = page_text(client.get(russell.get_absolute_url()))

    assert (
        "Corporate Governance Board Standing attendee Current Chief Finance Officer "
        "From 1 June 2023"
    ) in text
    assert "Police and Crime Panel Member 1 May 2021 to 24 May 2023" in text


@pytest.fixture
def declarations(panel, members, s106):
    taylor, _ = members
    AttendanceFactory(meeting=s106, person=taylor, status="present")
    public, private = s106.items.order_by("order")
    on_public = DeclarationFactory(
        meeting=s106,
        person=taylor,
        interest_type=Declaration.InterestType.OTHER_REGISTRABLE,
        reason="as a member of a planning committee",
    )
    on_public.items.add(public)
    on_private = DeclarationFactory(
        meeting=s106,
        person=taylor,
        interest_type=Declaration.InterestType.NON_REGISTRABLE,
        reason="as she had worked with one of the candidates",
    )
    on_private.items.add(private)
    return taylor


def test_member_page_shows_declarations_on_public_items(client, declarations):
    text = page_text(client.get(declarations.get_absolute_url()))

    assert (
        "PCP, 26 July 2023 Other registrable interest 10. S106 Funding Update "
        "as a member of a planning committee"
    ) in text


def test_a_declaration_on_public_and_private_items_lists_them_as_one_phrase(
    client, declarations, s106
):
    public, private = s106.items.order_by("order")
    both = DeclarationFactory(
        meeting=s106,
        person=declarations,
        interest_type=Declaration.InterestType.OTHER_REGISTRABLE,
        reason="as a governor",
    )
    both.items.add(public, private)

    text = page_text(client.get(declarations.get_absolute_url()))

    assert "10. S106 Funding Update; 1 item taken in private as a governor" in text


def test_member_page_withholds_private_business_of_a_declaration_from_the_public(
    client, declarations
):
    text = page_text(client.get(declarations.get_absolute_url()))

    # A declaration only about private business is not listed at all: its reason, or even
    # its existence next to the meeting, could disclose that business.
    assert "taken in private" not in text
    assert "worked with one of the candidates" not in text
    assert PRIVATE_TITLE not in text


@pytest.mark.parametrize("role", ["member", "staff"])
def test_member_page_shows_declarations_on_private_items_to_members_and_staff(
    client_as, role, declarations
):
    text = page_text(client_as(role).get(declarations.get_absolute_url()))

    assert "as she had worked with one of the candidates" in text
    assert PRIVATE_TITLE in text


def test_unknown_member_is_not_found(client):
    assert (
        client.get(reverse("meetings:person_detail", kwargs={"slug": "nobody"})).status_code == 404
    )


# A body's page


@pytest.mark.parametrize("role", ROLES)
def test_body_page_shows_description_members_now_and_meetings(client_as, role, panel, members):
    panel.description = "Scrutinises the Police and Crime Commissioner."
    panel.save()
    meeting(panel, datetime.date(2023, 7, 26), title="Annual Meeting")
    meeting(panel, datetime.date(2023, 10, 9))
    meeting(panel, datetime.date(2023, 11, 20), status=Meeting.Status.CANCELLED)

    response = client_as(role).get(panel.get_absolute_url())

    text = page_text(response)
    assert response.status_code == 200
    assert "Scrutinises the Police and Crime Commissioner." in text
    members_part = text[text.index("Members") : text.index("Coming up")]
    assert "Deborah Taylor Chair" in members_part
    assert "Lee Russell" not in members_part
    coming = text[text.index("Coming up") : text.index("Recent meetings")]
    assert "Monday 9 October 2023, 10am: Ordinary meeting" in coming
    assert "Monday 20 November 2023, 10am: Ordinary meeting Cancelled" in coming
    assert "Wednesday 26 July 2023, 10am: Annual Meeting" in text[text.index("Recent meetings") :]


@pytest.mark.parametrize("role", ROLES)
def test_bodies_page_lists_every_body(client_as, role, panel, board):
    board.is_active = False
    board.save()

    text = page_text(client_as(role).get(reverse("meetings:body_list")))

    assert "Police and Crime Panel Corporate Governance Board No longer meets" in text


# The decisions register


@pytest.mark.parametrize("role", ROLES)
def test_decisions_register_lists_public_decisions(client_as, role, s106):
    text = page_text(client_as(role).get(reverse("meetings:resolution_list")))

    assert (
        "PCP, 26 July 2023 10. S106 Funding Update 2. That regular updates on S106 funding be "
        "brought to the Panel. Request"
    ) in text


def test_decisions_register_withholds_private_decisions_from_the_public(client, s106):
    text = page_text(client.get(reverse("meetings:resolution_list")))

    assert PRIVATE_DECISION not in text
    assert PRIVATE_TITLE not in text
    assert "2 decisions" in text


@pytest.mark.parametrize("role", ["member", "staff"])
def test_decisions_register_shows_private_decisions_to_members_and_staff(client_as, role, s106):
    text = page_text(client_as(role).get(reverse("meetings:resolution_list")))

    assert PRIVATE_DECISION in text
    assert "3 decisions" in text


@pytest.mark.parametrize(
    ("role", "shown"), [("anonymous", False), ("member", False), ("staff", True)]
)
def test_decisions_of_draft_minutes_are_shown_to_staff_only(client_as, role, shown, draft_meeting):
    text = page_text(client_as(role).get(reverse("meetings:resolution_list")))

    assert (DRAFT_DECISION in text) is shown


@pytest.fixture
def decisions_over_years(panel, board, s106):
    older = published(meeting(panel, datetime.date(2022, 2, 3), kind=Meeting.Kind.PRECEPT))
    precept = item(older, 4, "Proposed precept 2022/23")
    ResolutionFactory(
        item=precept, text="That the proposed precept be supported", kind=Resolution.Kind.APPROVED
    )
    board_meeting = published(meeting(board, datetime.date(2023, 6, 21), kind="board"))
    actions = item(board_meeting, 8, "Actions arising")
    ResolutionFactory(item=actions, text="That the stalking review be noted")


def test_decisions_register_filters_by_year(client, decisions_over_years):
    text = page_text(client.get(reverse("meetings:resolution_list"), {"year": "2022"}))

    assert "That the proposed precept be supported" in text
    assert "S106" not in text
    assert "1 decision" in text


def test_decisions_register_filters_by_body(client, decisions_over_years):
    text = page_text(client.get(reverse("meetings:resolution_list"), {"body": "cgb"}))

    assert "That the stalking review be noted" in text
    assert "S106" not in text


def test_decisions_register_filters_by_kind(client, decisions_over_years):
    text = page_text(client.get(reverse("meetings:resolution_list"), {"kind": "approved"}))

    assert "That the proposed precept be supported" in text
    assert "That the stalking review be noted" not in text


def test_decisions_register_filters_by_date_range(client, decisions_over_years):
    response = client.get(
        reverse("meetings:resolution_list"), {"date_from": "01/06/2023", "date_to": "30/06/2023"}
    )

    text = page_text(response)
    assert "That the stalking review be noted" in text
    assert "S106" not in text
    assert "precept" not in text


def test_decisions_register_finds_words_in_the_decision(client, decisions_over_years):
    text = page_text(client.get(reverse("meetings:resolution_list"), {"q": "s106 FUNDING"}))

    assert "That regular updates on S106 funding be brought to the Panel." in text
    assert "precept" not in text


def test_decisions_text_search_does_not_reach_private_decisions_for_the_public(client, s106):
    text = page_text(client.get(reverse("meetings:resolution_list"), {"q": "salary"}))

    assert PRIVATE_DECISION not in text
    assert "0 decisions" in text


def test_decisions_register_explains_a_year_that_is_not_a_number(client, s106):
    response = client.get(reverse("meetings:resolution_list"), {"year": "abc"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Decisions" in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_year">Enter the year as four digits, for example 2023.</a>' in html
    assert 'aria-describedby="id_year_error"' in html
    assert "S106" not in page_text(response)


def test_decisions_register_explains_dates_in_the_wrong_order(client, s106):
    response = client.get(
        reverse("meetings:resolution_list"), {"date_from": "2023-08-01", "date_to": "2023-07-01"}
    )

    assert response.status_code == 200
    assert "The “to” date must be the same as or after the “from” date." in page_text(response)


def test_decisions_register_explains_a_date_that_is_not_real(client, s106):
    response = client.get(reverse("meetings:resolution_list"), {"date_from": "31/02/2023"})

    assert "Enter a real date, for example 26/07/2023." in page_text(response)


def test_decisions_register_pages_keep_the_filter(client, panel):
    big = published(meeting(panel, datetime.date(2023, 3, 1)))
    for order in range(1, 31):
        ResolutionFactory(item=item(big, order, f"Report {order}"), text=f"Noted {order}")

    first = client.get(reverse("meetings:resolution_list"), {"body": "pcp"})
    second = client.get(reverse("meetings:resolution_list"), {"body": "pcp", "page": "2"})

    assert len(first.context["resolutions"]) == 25
    assert len(second.context["resolutions"]) == 5
    assert 'href="?body=pcp&amp;page=2"' in first.content.decode()


# Work programme


@pytest.fixture
def work_programme(panel, board):
    october = meeting(panel, datetime.date(2023, 10, 9))
    WorkProgrammeEntryFactory(
        body=panel,
        meeting=october,
        title="Modern slavery report",
        comments="To include asylum seekers and Operation Tacit",
    )
    WorkProgrammeEntryFactory(
        body=panel, meeting=october, title="Old idea", status=WorkProgrammeEntry.Status.DROPPED
    )
    meeting(board, datetime.date(2023, 10, 18), kind="board")
    WorkProgrammeEntryFactory(
        body=panel,
        kind=WorkProgrammeEntry.Kind.SUGGESTED,
        status=WorkProgrammeEntry.Status.TO_BE_SCHEDULED,
        title="Police approach to mental health",
    )
    meeting(panel, datetime.date(2023, 7, 26))  # past: not in the programme


@pytest.mark.parametrize("role", ROLES)
def test_work_programme_lists_coming_meetings_with_their_items(client_as, role, work_programme):
    text = page_text(client_as(role).get(reverse("meetings:workprogramme_list")))

    assert (
        "Police and Crime Panel Monday 9 October 2023: Ordinary meeting "
        "Items planned for 9 October 2023 Item Comments Modern slavery report To include asylum seekers and Operation Tacit"
    ) in text
    assert (
        "Corporate Governance Board Wednesday 18 October 2023: Board meeting No items planned yet"
        in (text)
    )
    assert "Old idea" not in text
    assert "26 July 2023" not in text


def test_work_programme_lists_items_to_be_scheduled(client, work_programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list")))

    assert (
        "To be scheduled Police and Crime Panel Item Kind Comments "
        "Police approach to mental health Other suggested item"
    ) in text


def test_work_programme_shows_one_body(client, work_programme):
    text = page_text(client.get(reverse("meetings:workprogramme_list"), {"body": "cgb"}))

    assert "Wednesday 18 October 2023" in text
    assert "Modern slavery report" not in text
    assert "Police approach to mental health" not in text


def test_work_programme_explains_an_unknown_body(client, work_programme):
    response = client.get(reverse("meetings:workprogramme_list"), {"body": "nonsense"})

    text = page_text(response)
    assert response.status_code == 200
    assert "There is a problem Choose a body from the list." in text
    assert "Modern slavery report" not in text
    assert "Police approach to mental health" not in text


# Search


@pytest.mark.parametrize("role", ROLES)
def test_search_groups_results_by_kind(client_as, role, s106):
    response = client_as(role).get(reverse("meetings:search"), {"q": "s106"})

    text = page_text(response)
    assert "Meetings (0)" in text
    assert "Agenda items (1) 10. S106 Funding Update Police and Crime Panel, 26 July 2023" in text
    assert "Decisions (1) PCP, 26 July 2023: minute 10, resolution 2" in text
    assert "Minutes (1) 10. S106 Funding Update" in text
    assert "The PCC introduced the report on S106 contributions." in text
    html_ = response.content.decode()
    assert f'href="{s106.get_absolute_url()}#item-10"' in html_
    assert f'href="/meetings/{s106.pk}/minutes/#item-10"' in html_


def test_search_finds_meetings_by_title(client, s106):
    text = page_text(client.get(reverse("meetings:search"), {"q": "annual"}))

    assert "Meetings (1) Annual Meeting Police and Crime Panel, 26 July 2023" in text


@pytest.mark.parametrize("words", ["candidate", "salary", "references"])
def test_search_withholds_private_business_from_the_public(client, s106, words):
    text = page_text(client.get(reverse("meetings:search"), {"q": words}))

    assert PRIVATE_TITLE not in text
    assert PRIVATE_MINUTE not in text
    assert PRIVATE_DECISION not in text
    assert "Agenda items (0)" in text
    assert "Decisions (0)" in text
    assert "Minutes (0)" in text


@pytest.mark.parametrize("role", ["member", "staff"])
def test_search_finds_private_business_for_members_and_staff(client_as, role, s106):
    text = page_text(client_as(role).get(reverse("meetings:search"), {"q": "candidate"}))

    assert f"Agenda items (1) 16. {PRIVATE_TITLE}" in text
    assert PRIVATE_MINUTE in text
    assert PRIVATE_DECISION in text


@pytest.mark.parametrize(
    ("role", "shown"), [("anonymous", False), ("member", False), ("staff", True)]
)
def test_search_finds_draft_minutes_for_staff_only(client_as, role, shown, draft_meeting):
    text = page_text(client_as(role).get(reverse("meetings:search"), {"q": "overspend"}))

    assert (DRAFT_MINUTE in text) is shown
    assert (DRAFT_DECISION in text) is shown


def test_search_explains_an_empty_query(client):
    response = client.get(reverse("meetings:search"), {"q": ""})

    assert response.status_code == 200
    assert "<title>Error: Search" in response.content.decode()
    assert "Enter a word or phrase to search for." in page_text(response)
    assert "Results" not in page_text(response)


# Query counts: a page's queries do not grow with the rows it lists.


def add_decisions(body, count, start):
    for n in range(count):
        m = published(meeting(body, start + datetime.timedelta(days=n)))
        ResolutionFactory(item=item(m, 1, f"Report {n}"), text=f"Noted {n}")


def test_decisions_register_query_count_is_fixed(client, panel, django_assert_num_queries):
    url = reverse("meetings:resolution_list")
    add_decisions(panel, 1, datetime.date(2022, 1, 1))
    with django_assert_num_queries(3):
        client.get(url)
    add_decisions(panel, 20, datetime.date(2022, 2, 1))
    with django_assert_num_queries(3):
        client.get(url)


def test_decisions_register_query_count_is_fixed_for_members(
    client, member_user, panel, django_assert_num_queries
):
    client.force_login(member_user)
    url = reverse("meetings:resolution_list")
    add_decisions(panel, 1, datetime.date(2022, 1, 1))
    # The session comes from the cache (cached_db sessions), so it costs no query; the
    # header names the signed-in person (one).
    with django_assert_num_queries(7):
        client.get(url)
    add_decisions(panel, 20, datetime.date(2022, 2, 1))
    with django_assert_num_queries(7):
        client.get(url)


def add_members(body, count, prefix):
    for n in range(count):
        someone = person(prefix, f"Member{n}")
        MembershipFactory(person=someone, body=body, start_date=datetime.date(2023, 5, 25))
        MembershipFactory(
            person=someone,
            body=body,
            start_date=datetime.date(2019, 5, 1),
            end_date=datetime.date(2023, 5, 24),
        )


def test_members_page_query_count_is_fixed(client, panel, board, django_assert_num_queries):
    url = reverse("meetings:person_list")
    add_members(panel, 1, "Ann")
    with django_assert_num_queries(3):
        client.get(url)
    add_members(board, 15, "Bea")
    with django_assert_num_queries(3):
        client.get(url)


def test_member_page_query_count_is_fixed(
    client, panel, board, declarations, django_assert_num_queries
):
    url = declarations.get_absolute_url()
    with django_assert_num_queries(5):
        client.get(url)
    for n in range(10):
        m = published(meeting(board, datetime.date(2023, 8, 1) + datetime.timedelta(days=n)))
        Membership.objects.get_or_create(
            person=declarations, body=board, defaults={"start_date": datetime.date(2023, 5, 1)}
        )
        AttendanceFactory(meeting=m, person=declarations, status="present")
        d = DeclarationFactory(
            meeting=m, person=declarations, interest_type="personal", reason=f"Reason {n}"
        )
        d.items.add(item(m, 1, f"Report {n}"), private_item(m, 2))
    with django_assert_num_queries(5):
        client.get(url)


def test_body_page_query_count_is_fixed(client, panel, members, django_assert_num_queries):
    url = panel.get_absolute_url()
    meeting(panel, datetime.date(2023, 7, 26))
    with django_assert_num_queries(4):
        client.get(url)
    add_members(panel, 10, "Cat")
    for n in range(12):
        meeting(panel, datetime.date(2023, 1, 1) + datetime.timedelta(days=n))
        meeting(panel, datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    with django_assert_num_queries(4):
        client.get(url)


def test_work_programme_query_count_is_fixed(client, panel, board, django_assert_num_queries):
    url = reverse("meetings:workprogramme_list")

    def add(body, count):
        for n in range(count):
            m = meeting(body, datetime.date(2023, 11, 1) + datetime.timedelta(days=n))
            WorkProgrammeEntryFactory(body=body, meeting=m, title=f"Report {n}")
            WorkProgrammeEntryFactory(
                body=body, title=f"Idea {n}", status=WorkProgrammeEntry.Status.TO_BE_SCHEDULED
            )
            held = meeting(body, datetime.date(2023, 9, 1) - datetime.timedelta(days=n))
            WorkProgrammeEntryFactory(body=body, meeting=held, title=f"Past report {n}")

    # Coming meetings and their entries, to be scheduled, past meetings and their entries.
    add(panel, 1)
    with django_assert_num_queries(7):
        client.get(url)
    add(board, 12)
    with django_assert_num_queries(7):
        client.get(url)


# The meetings page's filter


def test_meetings_page_selects_one_body_in_one_year(client, panel, board):
    wanted = meeting(panel, datetime.date(2023, 7, 26))
    meeting(panel, datetime.date(2022, 7, 27))
    meeting(board, datetime.date(2023, 6, 21))

    response = client.get(reverse("meetings:meeting_list"), {"body": "pcp", "year": "2023"})

    assert list(response.context["meetings"]) == [wanted]


# Every page of this module over the seed record: nothing private reaches the public.

SEED_SECRETS = [
    "Private session: deliberations on the preferred candidate",
    "very credible",
    "Claire Trewartha, be supported",
    "draft wording",
    "Draft text: the Panel received",
]
SEED_PAGES = [
    ("meetings:person_list", {}, {}),
    ("meetings:person_detail", {"slug": "deborah-taylor"}, {}),
    ("meetings:person_detail", {"slug": "joannou"}, {}),
    ("meetings:body_list", {}, {}),
    ("meetings:body_detail", {"slug": "llr-pcp"}, {}),
    ("meetings:resolution_list", {}, {}),
    ("meetings:resolution_list", {}, {"q": "candidate"}),
    ("meetings:workprogramme_list", {}, {}),
    ("meetings:search", {}, {"q": "candidate"}),
    ("meetings:search", {}, {"q": "credible"}),
    ("meetings:search", {}, {"q": "draft"}),
    ("meetings:calendar", {}, {}),
    ("meetings:body_calendar", {"slug": "llr-pcp"}, {}),
]


@pytest.mark.parametrize(("name", "kwargs", "query"), SEED_PAGES)
def test_no_page_shows_the_public_private_or_draft_business(client, record, name, kwargs, query):
    response = client.get(reverse(name, kwargs=kwargs), query)

    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert [secret for secret in SEED_SECRETS if secret in content] == []


def test_members_find_the_private_session_in_decisions_and_search(client_as, record):
    member = client_as("member")

    decisions = page_text(member.get(reverse("meetings:resolution_list")))
    found = page_text(member.get(reverse("meetings:search"), {"q": "credible"}))

    assert "That the proposed appointment of the candidate, Claire Trewartha, be supported." in (
        decisions
    )
    assert "Private session: deliberations on the preferred candidate" in found
    assert "draft wording" not in decisions


def test_seed_record_counts_the_absence_without_apologies(client, record):
    url = reverse("meetings:person_detail", kwargs={"slug": "parisha-chavda"})
    with time_machine.travel(datetime.datetime(2023, 11, 1, 12, tzinfo=UTC), tick=False):
        text = page_text(client.get(url))

    # Present on 26 July; absent without apologies on 10 August; 9 October not counted (its
    # minutes, and so its attendance, are still a draft); 13 December not yet held.
    assert "Leicester, Leicestershire and Rutland Police and Crime Panel 2 1 0 1" in text


def test_the_members_list_shows_fifty_members_a_page_and_the_rest_on_the_next(client):
    body = MembershipFactory(person=PersonFactory(given_name="Ann", family_name="Chair")).body
    for n in range(60):
        MembershipFactory(
            body=body, person=PersonFactory(given_name="Bo", family_name=f"Member{n:02}")
        )
    url = reverse("meetings:person_list")

    first, second = client.get(url), client.get(url, {"page": 2})

    assert len(first.context["memberships"]) == 50
    assert len(second.context["memberships"]) == 11
    assert 'aria-label="Page 2"' in first.text and 'rel="next"' in first.text
    names = [
        m.person.family_name
        for m in [*first.context["memberships"], *second.context["memberships"]]
    ]
    assert len(set(names)) == 61


def test_each_member_row_carries_its_link_role_seat_party_and_term(
    client, members, board, django_assert_num_queries
):
    taylor, _ = members
    MembershipFactory(
        person=person("Amrit", "Sood"),
        body=board,
        role=Membership.Role.MEMBER,
        council="Rutland <County> Council",
        party="Labour & Co-operative",
        start_date=datetime.date(2023, 6, 1),
    )

    # Every cell comes with the page's rows: the count, the page and the bodies to choose from.
    with django_assert_num_queries(3):
        response = client.get(reverse("meetings:person_list"))
    # Markup as the browser reads it: white space between tags is not compared.
    page = re.sub(r">\s+<", "><", response.content.decode())

    cell = '<td data-label="{}" class="govuk-table__cell">{}</td>'
    assert (
        '<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">'
        f'<a class="govuk-link" href="{taylor.get_absolute_url()}">Councillor Deborah Taylor</a>'
        "</th>"
        + "".join(
            cell.format(label, value)
            for label, value in (
                ("Role", "Chair"),
                ("Council or post", "Leicestershire County Council"),
                ("Party", ""),
                ("Term", "From 25 May 2023"),
            )
        )
        + "</tr>"
    ) in page
    # No council: the post is printed in its place.
    assert cell.format("Council or post", "Chief Finance Officer") in page
    assert cell.format("Role", "Standing attendee") in page
    # What an officer typed is escaped.
    assert cell.format("Council or post", "Rutland &lt;County&gt; Council") in page
    assert cell.format("Party", "Labour &amp; Co-operative") in page
    assert cell.format("Term", "1 May 2021 to 24 May 2023") in page
