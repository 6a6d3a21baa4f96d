"""Shared fixtures: the roles, a user for each, the Panel and a board, and a small record drawn
from the seed papers (built with the factories of tests/factories.py).

``record`` holds the Leicester, Leicestershire and Rutland Police and Crime Panel's summer
2023: the annual meeting of 26 July (minutes confirmed on 9 October), the confirmation
hearing of 10 August with its exempt private session (minutes published as a draft), the
9 October meeting (minutes still a draft) and the 13 December meeting still to come.
"""

import datetime
import os
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from hypothesis import HealthCheck, settings

from actions.roles import MEMBER_GROUP, STAFF_GROUP
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Resolution,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BoardFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesEventFactory,
    MinutesFactory,
    PaperFactory,
    PersonAliasFactory,
    PersonFactory,
    ResolutionFactory,
)

# Hypothesis, for the forms fuzz and the schemathesis run. Both profiles are derandomised, so
# a run tries the same inputs every time and a failure reproduces. "default" (every `make
# test`) tries a few examples per test; "deep" (`make test-deep`, CI's nightly run) many more.
# Tests set only what their kind of check needs (e.g. a health check), never the count.
_COMMON = {
    "derandomize": True,
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile("default", max_examples=10, **_COMMON)
settings.register_profile("deep", max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: fragments keyed on the record version (footer,
    RAG counts) or sessions must not carry from one test's data into another's."""
    from django.core.cache import cache

    from panel import record_version

    cache.clear()
    record_version._per_version.clear()
    yield


def pytest_report_header(config):
    return f"hypothesis profile: {settings.get_current_profile_name()}"


@pytest.fixture
def staff_group(db):
    """The democratic services role, as every migrate or flush leaves it."""
    return Group.objects.get(name=STAFF_GROUP)


@pytest.fixture
def member_group(db):
    """The Panel members role."""
    return Group.objects.get(name=MEMBER_GROUP)


@pytest.fixture
def member_user(django_user_model, member_group):
    user = django_user_model.objects.create_user("member", password="demo-member-2023")
    user.groups.add(member_group)
    return user


@pytest.fixture
def staff_user(django_user_model, staff_group):
    user = django_user_model.objects.create_user(
        "officer", password="demo-officer-2023", is_staff=True
    )
    user.groups.add(staff_group)
    return user


@pytest.fixture
def member_client(client, member_user):
    client.force_login(member_user)
    return client


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def panel(db):
    """The Police and Crime Panel, and nothing else."""
    return BodyFactory()


@pytest.fixture
def board(db):
    """The Corporate Governance Board, a board reporting to the Panel."""
    return BoardFactory()


def _person(slug, family, given="", honorific="Councillor", **extra):
    return PersonFactory(
        slug=slug, family_name=family, given_name=given, honorific=honorific, **extra
    )


def _item(meeting, order, title, minutes_text="", **extra):
    return AgendaItemFactory(
        meeting=meeting,
        order=order,
        number=str(order),
        title=title,
        minutes_text=minutes_text,
        **extra,
    )


def _attend(meeting, people, status, start=0, **extra):
    for offset, person in enumerate(people):
        AttendanceFactory(
            meeting=meeting, person=person, status=status, order=start + offset, **extra
        )


def _minutes(meeting, status, **extra):
    minutes = MinutesFactory(meeting=meeting, status=status, **extra)
    MinutesEventFactory(minutes=minutes, from_status="", to_status=Minutes.Status.DRAFT)
    if status != Minutes.Status.DRAFT:
        MinutesEventFactory(
            minutes=minutes, from_status=Minutes.Status.DRAFT, to_status=Minutes.Status.PUBLISHED
        )
    if status == Minutes.Status.CONFIRMED:
        MinutesEventFactory(
            minutes=minutes,
            from_status=Minutes.Status.PUBLISHED,
            to_status=Minutes.Status.CONFIRMED,
        )
    return minutes


@pytest.fixture
def record(db):
    """The Panel's record of summer and autumn 2023 (see the module docstring)."""
    panel = BodyFactory(
        name="Leicester, Leicestershire and Rutland Police and Crime Panel",
        short_name="Police and Crime Panel",
        slug="llr-pcp",
        kind=Body.Kind.PANEL,
    )
    cgb = BodyFactory(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind=Body.Kind.BOARD
    )
    people = SimpleNamespace(
        taylor=_person("deborah-taylor", "Taylor", "Deborah"),
        russell=_person("sarah-russell", "Russell", "Sarah"),
        allnatt=_person("allnatt", "Allnatt"),
        joannou=_person("joannou", "Joannou"),
        agath=_person("agath", "Agath"),
        blackshaw=_person("blackshaw", "Blackshaw"),
        phillimore=_person("phillimore", "Phillimore"),
        chavda=_person("parisha-chavda", "Chavda", "Parisha", honorific=""),
        matthews=_person("rupert-matthews", "Matthews", "Rupert", honorific="Mr"),
        trewartha=_person("claire-trewartha", "Trewartha", "Claire", honorific="Ms"),
        james=_person("anita-james", "James", "Anita", honorific="Mrs"),
    )
    PersonAliasFactory(person=people.allnatt, name="Councillor Alnatt")
    start = datetime.date(2023, 7, 26)
    MembershipFactory(
        person=people.taylor, body=panel, role=Membership.Role.CHAIR, start_date=start
    )
    MembershipFactory(
        person=people.russell, body=panel, role=Membership.Role.VICE_CHAIR, start_date=start
    )
    for person in (people.allnatt, people.joannou, people.agath, people.blackshaw):
        MembershipFactory(person=person, body=panel, start_date=datetime.date(2023, 5, 1))
    MembershipFactory(
        person=people.chavda,
        body=panel,
        role=Membership.Role.INDEPENDENT,
        start_date=datetime.date(2021, 6, 1),
    )

    # 26 July 2023: the annual meeting. Minutes confirmed on 9 October.
    july = MeetingFactory(
        body=panel,
        kind=Meeting.Kind.ANNUAL,
        date=datetime.date(2023, 7, 26),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(13, 46),
        venue="City Hall, Charles Street, Leicester",
        status=Meeting.Status.HELD,
        webcast_url="https://example.org/webcasts/pcp-2023-07-26",
        no_declarations=True,
    )
    AttendanceFactory(
        meeting=july, person=people.taylor, status=Attendance.Status.PRESENT, is_chair=True
    )
    AttendanceFactory(
        meeting=july,
        person=people.russell,
        status=Attendance.Status.PRESENT,
        role="Vice-Chair",
        order=1,
    )
    _attend(july, [people.allnatt, people.joannou, people.chavda], "present", start=2)
    _attend(july, [people.blackshaw], "apologies", start=10)
    AttendanceFactory(
        meeting=july,
        person=people.matthews,
        status=Attendance.Status.IN_ATTENDANCE,
        role="Police and Crime Commissioner",
        order=20,
    )
    AttendanceFactory(
        meeting=july,
        person=people.james,
        status=Attendance.Status.ALSO_PRESENT,
        role="Senior Democratic Support Officer",
        order=30,
    )
    july_chair = _item(
        july,
        1,
        "Election of Chair for 2023-24 municipal year",
        "Nominations for the role of Chair of the Panel were invited.",
    )
    july_chair_resolution = ResolutionFactory(
        item=july_chair,
        text="That Deborah Taylor be elected as Chair of the Leicester, Leicestershire and "
        "Rutland Police and Crime Panel for the municipal year 2023-24.",
        kind=Resolution.Kind.ELECTION,
        is_motion=True,
        mover=people.russell,
        seconder=people.allnatt,
        outcome=Resolution.Outcome.CARRIED_UNANIMOUSLY,
    )
    july_apologies = _item(
        july, 2, "Apologies for absence", "Apologies were received from Councillor Blackshaw."
    )
    july_s106 = _item(
        july,
        3,
        "S106 funding post review update",
        "The Panel received a report to provide an update on how the Force was implementing "
        "the recommendations of the S106 funding review.\n\nThe Chair requested that an update "
        "on this work be brought to every Panel meeting for the immediate future.",
        description="Report of the Police and Crime Commissioner.",
    )
    PaperFactory(
        item=july_s106,
        title="S106 funding post review update",
        report_of="Police and Crime Commissioner",
    )
    s106_noted = ResolutionFactory(
        item=july_s106, number=1, text="That the contents of the report be noted."
    )
    s106_updates = ResolutionFactory(
        item=july_s106,
        number=2,
        text="That regular updates on S106 funding be brought to the Panel.",
        kind=Resolution.Kind.REQUEST,
    )

    # 10 August 2023: confirmation hearing, with an exempt private session.
    august = MeetingFactory(
        body=panel,
        kind=Meeting.Kind.CONFIRMATION,
        title="Confirmation Hearing for appointment to the role of Chief Executive Officer",
        date=datetime.date(2023, 8, 10),
        start_time=datetime.time(10, 30),
        end_time=datetime.time(11, 32),
        venue="City Hall, Charles Street, Leicester",
        status=Meeting.Status.HELD,
        quorate=True,
    )
    AttendanceFactory(
        meeting=august, person=people.taylor, status=Attendance.Status.PRESENT, is_chair=True
    )
    _attend(august, [people.russell, people.allnatt, people.joannou, people.agath], "present", 1)
    _attend(august, [people.blackshaw, people.phillimore], "apologies", start=10)
    _attend(august, [people.chavda], "absent", start=15)
    AttendanceFactory(
        meeting=august,
        person=people.matthews,
        status=Attendance.Status.IN_ATTENDANCE,
        role="Police and Crime Commissioner",
        order=20,
    )
    AttendanceFactory(
        meeting=august,
        person=people.trewartha,
        status=Attendance.Status.IN_ATTENDANCE,
        role="preferred candidate",
        order=21,
    )
    AttendanceFactory(
        meeting=august,
        person=people.james,
        status=Attendance.Status.ALSO_PRESENT,
        role="Senior Democratic Support Officer",
        order=30,
    )
    august_welcome = _item(
        august,
        1,
        "Welcome and introductions",
        "The Chair welcomed those present and explained the procedure for the meeting.",
    )
    august_declarations = _item(
        august,
        2,
        "Declarations of interest",
        "Members were asked to disclose any pecuniary or other interests they may have in "
        "the business to be discussed.",
    )
    DeclarationFactory(
        meeting=august,
        person=people.joannou,
        interest_type=Declaration.InterestType.OTHER_REGISTRABLE,
        all_items=True,
        reason="as he had two close relatives that worked for Leicestershire Police",
    )
    august_hearing = _item(
        august,
        3,
        "Confirmation hearing for appointment to the role of Chief Executive Officer",
        "The Panel held a Confirmation Hearing in accordance with Schedule 1 of the Police "
        "Reform and Social Responsibility Act 2011.",
    )
    PaperFactory(item=august_hearing, title="Report of the Head of Law", report_of="Head of Law")
    restricted_paper = PaperFactory(
        item=august_hearing,
        title="Curriculum vitae of the preferred candidate",
        is_restricted=True,
        marking=Paper.Marking.OFFICIAL_SENSITIVE,
    )
    exclusion = ResolutionFactory(
        item=august_hearing,
        text="That the press and members of the public be excluded from the meeting during "
        "the Panel's deliberations.",
        kind=Resolution.Kind.PROCEDURAL,
    )
    august_private = _item(
        august,
        4,
        "Private session: deliberations on the preferred candidate",
        "Members felt that the candidate was very credible and met the standards of "
        "professional competence and personal independence.",
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="1,3",
    )
    private_resolution = ResolutionFactory(
        item=august_private,
        text="That the proposed appointment of the candidate, Claire Trewartha, be supported.",
        kind=Resolution.Kind.APPROVED,
    )

    # 9 October 2023: confirms the July minutes; its own minutes are still a draft.
    october = MeetingFactory(
        body=panel,
        date=datetime.date(2023, 10, 9),
        start_time=datetime.time(13, 0),
        end_time=datetime.time(15, 10),
        venue="City Hall, Charles Street, Leicester",
        status=Meeting.Status.HELD,
    )
    _attend(october, [people.taylor, people.russell, people.allnatt], "present")
    october_minutes_item = _item(
        october,
        3,
        "Minutes of the last meeting",
        "The minutes of the meetings held on 26 July 2023 and 10 August 2023 were considered.",
    )
    confirming = ResolutionFactory(
        item=october_minutes_item,
        text="That the minutes of the meeting held on 26 July 2023 be confirmed as a correct "
        "record.",
        kind=Resolution.Kind.APPROVED,
    )
    october_report = _item(
        october,
        4,
        "Corporate Governance Board report",
        "Draft text: the Panel received a report of the Corporate Governance Board.",
    )
    draft_resolution = ResolutionFactory(
        item=october_report, text="That the Panel notes the report (draft wording)."
    )

    # 13 December 2023: still to come.
    december = MeetingFactory(
        body=panel,
        date=datetime.date(2023, 12, 13),
        start_time=datetime.time(13, 0),
        status=Meeting.Status.SCHEDULED,
    )
    _item(december, 1, "Apologies for absence")

    return SimpleNamespace(
        panel=panel,
        cgb=cgb,
        people=people,
        july=july,
        august=august,
        october=october,
        december=december,
        july_items=[july_chair, july_apologies, july_s106],
        july_resolutions=[july_chair_resolution, s106_noted, s106_updates],
        august_items=[august_welcome, august_declarations, august_hearing, august_private],
        august_private=august_private,
        private_resolution=private_resolution,
        exclusion=exclusion,
        restricted_paper=restricted_paper,
        confirming=confirming,
        draft_resolution=draft_resolution,
        july_minutes=_minutes(july, Minutes.Status.CONFIRMED, confirmed_by=confirming),
        august_minutes=_minutes(august, Minutes.Status.PUBLISHED),
        october_minutes=_minutes(october, Minutes.Status.DRAFT),
    )
