"""The public pages: home, the meetings list, a meeting's page, sign-in and the site frame."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from actions import services as action_services
from actions.models import Action
from meetings.models import AgendaItem, Meeting, Minutes
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    ExemptItemFactory,
    MeetingFactory,
    MinutesFactory,
    OwnerFactory,
    PaperFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.markup import EXEMPT_PARAGRAPH_3, as_public_and_member, shown_markup


def page_text(response):
    """The visible text of a page, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|span|strong|em|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(response, heading, next_heading):
    """The visible text between two headings of a page."""
    text = page_text(response)
    return text[text.index(heading) : text.index(next_heading, text.index(heading))]


def meeting_url(meeting):
    return reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})


HOME = "/"
MEETINGS = "/meetings/"


# --- Home ----------------------------------------------------------------------------------


@time_machine.travel(datetime.date(2023, 11, 1))
def test_home_lists_the_next_meetings_only(client, record):
    next_meetings = section(client.get(HOME), "Next meetings", "All meetings")

    assert "Police and Crime Panel: Ordinary meeting Wednesday 13 December 2023, 1pm" in (
        next_meetings
    )
    assert "26 July 2023" not in next_meetings


def test_home_lists_confirmed_minutes_only(client, record):
    latest = section(client.get(HOME), "Latest confirmed minutes", "Recent decisions")

    assert "Minutes of the Police and Crime Panel, 26 July 2023" in latest
    assert "10 August 2023" not in latest


def test_home_recent_decisions_withhold_exempt_and_unpublished_ones(client, record):
    decisions = section(client.get(HOME), "Recent decisions", "Outstanding actions")

    assert "That the press and members of the public be excluded" in decisions
    assert "Claire Trewartha" not in decisions
    assert "draft wording" not in decisions


def test_home_recent_decisions_show_members_the_exempt_ones(member_client, record):
    decisions = section(member_client.get(HOME), "Recent decisions", "Outstanding actions")

    assert "That the proposed appointment of the candidate, Claire Trewartha" in decisions


def add_actions(record, count=1):
    owner = OwnerFactory(name="OPCC")
    due = {"red": datetime.date(2023, 10, 1), "amber": datetime.date(2023, 11, 8)}
    for n in range(count):
        for rag, due_date in {**due, "green": None}.items():
            action_services.action_create(
                meeting=record.july,
                item=record.july_items[2],
                reference=f"{rag}{n}",
                text=f"Bring S106 updates ({rag} {n})",
                due_date=due_date,
                owners=[owner],
            )
    action_services.action_create(
        meeting=record.august,
        item=record.august_private,
        reference=f"private{count}",
        text="Write to the candidate",
        due_date=due["red"],
        owners=[owner],
    )


@time_machine.travel(datetime.date(2023, 11, 1))
def test_home_counts_outstanding_actions_by_rag(client, record):
    add_actions(record, count=2)

    counts = section(client.get(HOME), "Outstanding actions", "The action log")

    assert "Red (overdue) 2" in counts
    assert "Amber (due within 14 days) 2" in counts
    assert "Green 2" in counts
    assert "Total outstanding 6" in counts


@time_machine.travel(datetime.date(2023, 11, 1))
def test_home_counts_restricted_actions_for_members(member_client, record):
    add_actions(record)

    counts = section(member_client.get(HOME), "Outstanding actions", "The action log")

    assert "Red (overdue) 2" in counts
    assert "Total outstanding 4" in counts


@pytest.mark.parametrize("rows", [1, 15])
@time_machine.travel(datetime.date(2023, 11, 1))
def test_home_query_count_does_not_grow_with_rows(client, record, django_assert_num_queries, rows):
    add_actions(record, count=rows)
    for n in range(rows):
        MeetingFactory(body=record.panel, date=datetime.date(2024, 1, 1 + n))

    # next meetings, latest minutes, recent decisions, action counts
    with django_assert_num_queries(4):
        client.get(HOME)


# --- Meetings list -------------------------------------------------------------------------


def test_meetings_list_groups_meetings_by_year(client, record):
    MeetingFactory(body=record.panel, kind="precept", date=datetime.date(2022, 2, 7), status="held")

    text = page_text(client.get(MEETINGS))

    assert "5 meetings." in text
    assert text.index("2023 Meetings in 2023") < text.index("2022 Meetings in 2022")
    assert text.index("13 December") < text.index("26 July") < text.index("7 February")


def test_meetings_list_filters_by_body(client, record):
    MeetingFactory(body=record.cgb, kind="board", date=datetime.date(2023, 9, 25))

    text = page_text(client.get(MEETINGS, {"body": "cgb"}))

    assert "1 meeting match your filters." in text
    assert "Board meeting Corporate Governance Board" in text
    assert "Annual meeting" not in text.split("match your filters.")[1]


def test_meetings_list_filters_by_year(client, record):
    MeetingFactory(body=record.panel, date=datetime.date(2022, 2, 7))

    text = page_text(client.get(MEETINGS, {"year": "2022"}))

    assert "1 meeting match your filters." in text
    assert "7 February" in text


def test_meetings_list_explains_an_unknown_year_and_lists_nothing(client, record):
    response = client.get(MEETINGS, {"year": "1999"})
    text = page_text(response)

    assert response.status_code == 200
    assert "There is a problem There are no meetings in 1999: choose a year from the list." in text
    assert "<title>Error: Meetings" in response.content.decode()
    assert "26 July" not in text


def test_meetings_list_links_only_published_minutes_for_the_public(client, record):
    text = page_text(client.get(MEETINGS))

    assert "Confirmed minutes of Annual meeting, 26 July 2023" in text
    assert "Draft minutes of Confirmation Hearing" in text
    assert (
        "9 October 1pm Ordinary meeting Leicester, Leicestershire and Rutland Police "
        "and Crime Panel Held \u2013" in text
    )


def test_meetings_list_links_draft_minutes_for_staff(staff_client, record):
    text = page_text(staff_client.get(MEETINGS))

    assert "Unpublished draft of Ordinary meeting, 9 October 2023" in text


def table_rows(response):
    """The meetings table's rows, with the line breaks and indents of the template's layout
    (which a browser does not show) taken out."""
    page = re.sub(r">\s*\n\s*|\s*\n\s*<", lambda m: m.group(0).strip(), response.content.decode())
    return re.findall(r'<tr class="govuk-table__row"><td data-label="Date".*?</tr>', page)


def meeting_row(meeting, *, day, time, status, minutes):
    cell = '<td data-label="{}" class="govuk-table__cell">{}</td>'
    return (
        '<tr class="govuk-table__row">'
        + cell.format("Date", f'{day}<br><span class="govuk-body-s">{time}</span>')
        + cell.format(
            "Meeting",
            f'<a class="govuk-link" href="{meeting.get_absolute_url()}">{meeting.heading}</a>'
            '<br><span class="govuk-body-s">Leicester, Leicestershire and Rutland Police and '
            "Crime Panel</span>",
        )
        + cell.format("Status", status)
        + cell.format("Minutes", minutes)
        + "</tr>"
    )


def test_meetings_list_rows_carry_date_time_link_status_and_minutes(staff_client, record):
    by_day = {m.date: m for m in Meeting.objects.all()}
    annual, hearing = by_day[datetime.date(2023, 7, 26)], by_day[datetime.date(2023, 8, 10)]
    october, december = by_day[datetime.date(2023, 10, 9)], by_day[datetime.date(2023, 12, 13)]
    held = '<strong class="govuk-tag govuk-tag--green">Held</strong>'

    def minutes_link(meeting, wording, when):
        return (
            f'<a class="govuk-link" href="{meeting.get_minutes_url()}">{wording}'
            f'<span class="govuk-visually-hidden"> of {meeting.heading}, {when}</span></a>'
        )

    with time_machine.travel(datetime.datetime(2024, 1, 10, 12, tzinfo=datetime.UTC)):
        public = table_rows(Client().get(MEETINGS))
        staff = table_rows(staff_client.get(MEETINGS))

    assert public == [
        meeting_row(
            december,
            day="13 December",
            time="1pm",
            status='<strong class="govuk-tag govuk-tag--grey">Past meeting</strong>',
            minutes="\u2013",
        ),
        meeting_row(october, day="9 October", time="1pm", status=held, minutes="\u2013"),
        meeting_row(
            hearing,
            day="10 August",
            time="10:30am",
            status=held,
            minutes=minutes_link(hearing, "Draft minutes", "10 August 2023"),
        ),
        meeting_row(
            annual,
            day="26 July",
            time="1pm",
            status=held,
            minutes=minutes_link(annual, "Confirmed minutes", "26 July 2023"),
        ),
    ]
    assert staff[1] == meeting_row(
        october,
        day="9 October",
        time="1pm",
        status=held,
        minutes=minutes_link(october, "Unpublished draft", "9 October 2023"),
    )


@pytest.mark.parametrize("extra", [0, 30])
def test_meetings_list_query_count_does_not_grow_with_rows(
    client, record, django_assert_num_queries, extra
):
    for n in range(extra):
        MeetingFactory(body=record.cgb, kind="board", date=datetime.date(2020, 1, 1 + n))

    # count, meetings with their minutes; the year and body choices of the filter form
    with django_assert_num_queries(4):
        client.get(MEETINGS)


# --- A meeting's page ----------------------------------------------------------------------


def test_meeting_page_shows_when_where_webcast_and_minutes(client, record):
    text = page_text(client.get(meeting_url(record.july)))

    assert "Date Wednesday 26 July 2023" in text
    assert "Time 1pm to 1:46pm" in text
    assert "Where City Hall, Charles Street, Leicester" in text
    assert "Webcast Watch the webcast of this meeting" in text
    assert "Minutes Read the minutes (confirmed as a correct record)" in text


def test_meeting_page_links_the_webcast(client, record):
    html = client.get(meeting_url(record.july)).content.decode()

    assert 'href="https://example.org/webcasts/pcp-2023-07-26"' in html


def test_meeting_page_lists_the_agenda_with_papers(client, record):
    agenda = section(client.get(meeting_url(record.august)), "Agenda", "Attendance")

    assert agenda.index("1. Welcome and introductions") < agenda.index(
        "3. Confirmation hearing for appointment to the role of Chief Executive Officer"
    )
    assert "Report of the Head of Law, report of the Head of Law" in agenda


def test_meeting_page_withholds_restricted_papers_from_the_public(client, record):
    html = client.get(meeting_url(record.august)).content.decode()

    assert "Curriculum vitae" not in html


def test_meeting_page_shows_members_restricted_papers_marked(member_client, record):
    agenda = section(member_client.get(meeting_url(record.august)), "Agenda", "Attendance")

    assert (
        "Curriculum vitae of the preferred candidate Restricted Official \u2013 sensitive" in agenda
    )


@pytest.mark.parametrize("tag", ["agenda_entry", "minute_entry"])
def test_an_item_not_loaded_for_a_reader_is_refused_by_the_record_tags(record, tag):
    """The agenda and the minutes print the papers and resolutions loaded with the item for
    its reader (``with_record``); an item loaded any other way would have every paper and
    resolution of it, the restricted CV included, so the tags refuse it."""
    from meetings.templatetags import record_text
    from meetings.views.meetings import AgendaEntry

    item = AgendaItem.objects.get(pk=record.august_items[2].pk)  # holds the restricted CV

    with pytest.raises(AttributeError, match="readable_"):
        getattr(record_text, tag)(AgendaEntry(outline=item, item=item))


def test_meeting_page_withholds_an_exempt_item_from_the_public(client, record):
    response = client.get(meeting_url(record.august))
    html = response.content.decode()

    assert (
        "4. Item considered in private This item was considered in private (exempt information "
        "under paragraphs 1 and 3 of Schedule 12A to the Local Government Act 1972)."
    ) in page_text(response)
    assert "deliberations on the preferred candidate" not in html


def test_meeting_page_shows_members_the_exempt_item(member_client, record):
    text = page_text(member_client.get(meeting_url(record.august)))

    assert "4. Private session: deliberations on the preferred candidate" in text
    assert (
        "Exempt (Schedule 12A), taken in private This item was considered in private (exempt "
        "information under paragraphs 1 and 3 of Schedule 12A to the Local Government Act 1972)."
        in text
    )


def test_meeting_page_shows_attendance_by_section(client, record):
    attendance = section(client.get(meeting_url(record.august)), "Attendance", "Declarations")

    assert attendance.index("Present Councillor Deborah Taylor (Chair)") < attendance.index(
        "Apologies Councillor Blackshaw Councillor Phillimore"
    )
    assert "Absent without apologies Parisha Chavda" in attendance
    assert "In attendance Mr Rupert Matthews \u2013 Police and Crime Commissioner" in attendance


def test_meeting_page_shows_attendance_for_named_minutes(client, record):
    chief = PersonFactory(slug="cc", family_name="Cole", given_name="Simon")
    attendance = AttendanceFactory(
        meeting=record.july, person=chief, status="in_attendance", role="Chief Constable"
    )
    attendance.items.add(*record.july_items[1:])

    text = page_text(client.get(meeting_url(record.july)))

    assert "Simon Cole \u2013 Chief Constable (for minutes 2 and 3)" in text


def test_meeting_page_shows_declarations(client, record):
    declarations = section(client.get(meeting_url(record.august)), "Declarations", "Actions")

    assert (
        "Councillor Joannou: other registrable interest in all substantive items as he had two "
        "close relatives that worked for Leicestershire Police"
    ) in declarations


def test_meeting_page_says_when_there_were_no_declarations(client, record):
    text = page_text(client.get(meeting_url(record.july)))

    assert "Declarations of interest There were no declarations." in text


def test_meeting_page_does_not_link_draft_minutes_for_the_public(client, record):
    response = client.get(meeting_url(record.october))

    assert "Minutes Not yet published" in page_text(response)
    assert reverse("meetings:minutes_detail", kwargs={"pk": record.october.pk}) not in (
        response.content.decode()
    )


@time_machine.travel(datetime.date(2023, 11, 1))
def test_meeting_page_lists_public_actions_arising(client, record):
    add_actions(record)

    actions = section(client.get(meeting_url(record.july)), "Actions arising", "Support links")

    assert "red0 Bring S106 updates (red 0) OPCC 1 Oct 2023 Open Red" in actions


def agenda_entries(response):
    """Each agenda entry's markup, as a browser shows it."""
    page = response.content.decode()
    agenda = shown_markup(
        page[page.index('id="agenda"') : page.index('<h2 class="govuk-heading-l" id="attendance"')]
    )
    return [
        '<div class="govuk-!-margin-bottom-6" ' + entry
        for entry in agenda.split('<div class="govuk-!-margin-bottom-6" ')[1:]
    ]


@pytest.mark.django_db
def test_each_agenda_entry_carries_its_number_title_text_and_papers(client, member_user):
    meeting = MeetingFactory(date=datetime.date(2024, 3, 6))
    AgendaItemFactory(
        meeting=meeting,
        order=1,
        number="1",
        title="Apologies & <substitutes>",
        description="Received from:\nCllr <Smith>",
    )
    plan = AgendaItemFactory(meeting=meeting, order=2, number="", title="Police and Crime Plan")
    PaperFactory(
        item=plan,
        title="Plan report",
        file="papers/plan.pdf",
        report_of="Police and Crime Commissioner",
    )
    PaperFactory(item=plan, title="Appendix A", is_restricted=True)
    PaperFactory(item=plan, title="Risk register", marking="official")
    custody = ExemptItemFactory(meeting=meeting, order=3, number="3", title="Custody contract")
    PaperFactory(item=custody, title="Tender report")

    public, member = as_public_and_member(client, member_user, meeting_url(meeting), agenda_entries)

    entry = '<div class="govuk-!-margin-bottom-6" id="item-{}">{}</div>'.format
    apologies = entry(
        1,
        '<h3 class="govuk-heading-m">1. Apologies &amp; &lt;substitutes&gt;</h3>'
        '<div class="govuk-body">Received from:<br>Cllr &lt;Smith&gt;</div>',
    )
    plan_report = (
        '<li><a class="govuk-link" href="/media/papers/plan.pdf">Plan report</a>, report of the '
        "Police and Crime Commissioner</li>"
    )
    official = '<li>Risk register <strong class="govuk-tag govuk-tag--grey">Official</strong></li>'
    papers = '<h4 class="govuk-heading-s">Papers</h4><ul class="govuk-list">{}</ul>'.format
    assert public == [
        apologies,
        entry(
            2,
            '<h3 class="govuk-heading-m">Police and Crime Plan</h3>'
            + papers(plan_report + official),
        ),
        entry(
            3,
            '<h3 class="govuk-heading-m">3. Item considered in private</h3>'
            f'<p class="govuk-body app-private-item">{EXEMPT_PARAGRAPH_3}</p>',
        ),
    ]
    assert member == [
        apologies,
        entry(
            2,
            '<h3 class="govuk-heading-m">Police and Crime Plan</h3>'
            + papers(
                plan_report
                + '<li>Appendix A <strong class="govuk-tag govuk-tag--grey">Restricted</strong></li>'
                + official
            ),
        ),
        entry(
            3,
            '<h3 class="govuk-heading-m">3. Custody contract</h3>'
            '<p class="govuk-body app-private-item"><strong class="govuk-tag govuk-tag--grey">'
            f"Exempt (Schedule 12A), taken in private</strong> {EXEMPT_PARAGRAPH_3}</p>"
            + papers("<li>Tender report</li>"),
        ),
    ]


def arising_rows(response):
    """The actions arising table's rows, without the line breaks and indents of the
    template's layout (which a browser does not show)."""
    page = re.sub(r">\s*\n\s*|\s*\n\s*<", lambda m: m.group(0).strip(), response.content.decode())
    return re.findall(r'<tr class="govuk-table__row"><td data-label="Ref\.".*?</tr>', page)


def arising_row(action, *, ref, text, owners, due, status):
    cell = '<td data-label="{}" class="govuk-table__cell">{}</td>'
    return (
        '<tr class="govuk-table__row">'
        + cell.format("Ref.", ref)
        + cell.format("Action", f'<a class="govuk-link" href="{action.get_absolute_url()}">{text}')
        + cell.format("Owner", owners)
        + cell.format("Due", due)
        + cell.format("Status", status)
        + "</tr>"
    )


@time_machine.travel(datetime.date(2023, 11, 1))
def test_each_action_arising_row_carries_its_reference_text_owners_due_date_and_status(
    client, member_user, record
):
    july = record.july
    opcc, force = OwnerFactory(name="OPCC"), OwnerFactory(name="Force")
    overdue = action_services.action_create(
        meeting=july,
        reference="4a",
        text="Bring the S106 <figures> & the " + "long " * 30 + "tail",
        due_date=datetime.date(2023, 10, 1),
        owners=[opcc, force],
    )
    back = action_services.action_create(
        meeting=july, reference="", text="Report back", target_meeting=record.october
    )
    Action.objects.filter(pk=back.pk).update(status_wording="added to the forward plan")
    soon = action_services.action_create(
        meeting=july, reference="4c", text="Soon", due_date=datetime.date(2023, 11, 8)
    )
    done = action_services.action_create(meeting=july, reference="4d", text="Done", owners=[opcc])
    Action.objects.filter(pk=done.pk).update(status=Action.Status.COMPLETE)
    secret = action_services.action_create(
        meeting=july, reference="4e", text="Brief the Chair", restricted=True
    )

    rows = arising_rows(client.get(meeting_url(july)))

    # The first 30 words, escaped.
    long_text = "Bring the S106 &lt;figures&gt; &amp; the " + "long " * 23 + "long …"
    assert rows == [
        arising_row(
            back,
            ref="\u2013",
            text="Report back</a>",
            owners="\u2013",
            due="Police and Crime Panel, 9 Oct 2023",
            status='Open <strong class="govuk-tag govuk-tag--green">Green</strong>'
            '<br><span class="govuk-body-s">\u201cadded to the forward plan\u201d</span>',
        ),
        arising_row(
            overdue,
            ref="4a",
            text=long_text + "</a>",
            owners="Force, OPCC",
            due="1 Oct 2023",
            status='Open <strong class="govuk-tag govuk-tag--red">Red</strong>',
        ),
        arising_row(
            soon,
            ref="4c",
            text="Soon</a>",
            owners="\u2013",
            due="8 Nov 2023",
            status='Open <strong class="govuk-tag govuk-tag--orange">Amber</strong>',
        ),
        arising_row(
            done, ref="4d", text="Done</a>", owners="OPCC", due="\u2013", status="Complete"
        ),
    ]
    client.force_login(member_user)
    member_rows = arising_rows(client.get(meeting_url(july)))
    assert (
        arising_row(
            secret,
            ref="4e",
            text='Brief the Chair</a> <strong class="govuk-tag govuk-tag--grey">Restricted</strong>',
            owners="\u2013",
            due="\u2013",
            status='Open <strong class="govuk-tag govuk-tag--green">Green</strong>',
        )
        in member_rows
    )


@time_machine.travel(datetime.date(2023, 11, 1))
def test_meeting_page_withholds_restricted_actions_from_the_public(client, record):
    add_actions(record)

    actions = section(client.get(meeting_url(record.august)), "Actions arising", "Support links")

    assert "Write to the candidate" not in actions
    assert "No actions are recorded as arising from this meeting." in actions


@time_machine.travel(datetime.date(2023, 11, 1))
def test_meeting_page_shows_members_restricted_actions(member_client, record):
    add_actions(record)

    text = page_text(member_client.get(meeting_url(record.august)))

    assert "Write to the candidate" in text


def test_meeting_page_says_a_meeting_was_cancelled(client, record):
    record.december.status = Meeting.Status.CANCELLED
    record.december.save()

    assert "Warning This meeting was cancelled." in page_text(
        client.get(meeting_url(record.december))
    )


def test_unknown_meeting_is_not_found(client, db):
    response = client.get("/meetings/999999/")

    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def add_agenda(meeting, count, people):
    for n in range(count):
        item = AgendaItemFactory(meeting=meeting, order=100 + n, title=f"Report {n}")
        PaperFactory(item=item, title=f"Paper {n}")
        PaperFactory(item=item, title=f"Appendix {n}", is_restricted=True)
        AgendaItemFactory(
            meeting=meeting,
            order=200 + n,
            title=f"Exempt {n}",
            confidentiality="exempt",
            exempt_paragraphs="3",
        )
        person = PersonFactory(slug=f"officer-{n}", family_name=f"Officer {n}")
        AttendanceFactory(meeting=meeting, person=person, status="also_present")


@pytest.mark.parametrize("extra", [0, 20])
@time_machine.travel(datetime.date(2023, 11, 1))
def test_meeting_page_query_count_does_not_grow_with_rows(
    client, record, django_assert_num_queries, extra
):
    add_agenda(record.august, extra, record.people)
    owner = OwnerFactory(name="Force")
    for n in range(extra + 1):
        action_services.action_create(
            meeting=record.august,
            item=record.august_items[2],
            text=f"Publish the hearing report ({n})",
            owners=[owner],
        )

    # meeting, with its minutes; outline, readable items, papers (not resolutions: the page
    # prints the agenda); attendance (no attendee here was there for named items only, so no
    # query for the items it names); declarations, their items; actions arising, their owners
    with django_assert_num_queries(9):
        client.get(meeting_url(record.august))


def a_minuted_meeting(*, status=Minutes.Status.PUBLISHED, **meeting):
    """A Panel meeting with minutes, two items, an attendee for the whole meeting and one
    who was there for item 2 only."""
    meeting = MeetingFactory(date=datetime.date(2024, 3, 6), **meeting)
    MinutesFactory(meeting=meeting, status=status)
    AgendaItemFactory(meeting=meeting, order=1, number="1", title="Apologies")
    budget = AgendaItemFactory(meeting=meeting, order=2, number="2", title="Budget")
    AttendanceFactory(
        meeting=meeting, person=PersonFactory(given_name="Ann", family_name="Whole"), order=1
    )
    part = AttendanceFactory(
        meeting=meeting, person=PersonFactory(given_name="Bo", family_name="Part"), order=2
    )
    return meeting, part, budget


@pytest.mark.django_db
def test_an_attendee_there_for_named_items_only_is_shown_so(client):
    meeting, part, budget = a_minuted_meeting()
    part.items.add(budget)

    attendance = section(client.get(meeting_url(meeting)), "Attendance", "Declarations")

    assert "Ann Whole" in attendance
    assert "Bo Part (for minute 2)" in attendance


@pytest.mark.django_db
def test_a_record_with_no_declarations_and_no_named_items_costs_no_query_for_them(
    client, django_assert_num_queries
):
    meeting, _, _ = a_minuted_meeting(no_declarations=True)

    # meeting (with its minutes, whether it has declarations, whether anyone was there for
    # named items only and whether it withholds items); readable items (every item, here:
    # also the outline), papers; attendance; actions arising
    with django_assert_num_queries(5):
        response = client.get(meeting_url(meeting))

    assert "Ann Whole Bo Part" in section(response, "Attendance", "Declarations")
    assert "There were no declarations." in page_text(response)


@pytest.mark.django_db
def test_an_item_withheld_from_the_public_costs_its_outline_a_query_and_shows_no_words(
    client, member_user, django_assert_num_queries
):
    meeting, _, _ = a_minuted_meeting(no_declarations=True)
    ExemptItemFactory(
        meeting=meeting,
        order=3,
        number="3",
        title="Award of the custody contract",
        description="Tenders from three firms.",
    )

    # as a meeting with every item public, and the outline of all its items
    with django_assert_num_queries(6):
        response = client.get(meeting_url(meeting))

    agenda = section(response, "Agenda", "Attendance")
    assert "1. Apologies" in agenda and "2. Budget" in agenda
    assert "3. Item considered in private" in agenda
    assert "Schedule 12A" in agenda
    assert "custody" not in response.text and "Tenders" not in response.text
    # A member reads the item.
    client.force_login(member_user)
    member_agenda = section(client.get(meeting_url(meeting)), "Agenda", "Attendance")
    assert "3. Award of the custody contract" in member_agenda


@pytest.mark.django_db
def test_a_record_not_yet_published_is_not_loaded_for_the_public(
    client, staff_user, django_assert_num_queries
):
    meeting, part, budget = a_minuted_meeting(status=Minutes.Status.DRAFT)
    part.items.add(budget)

    # meeting, with its minutes; readable items (also the outline), papers; actions
    # arising: no attendance
    with django_assert_num_queries(4):
        response = client.get(meeting_url(meeting))

    text = page_text(response)
    assert "Attendance is published with the minutes." in text
    assert "Declarations of interest are published with the minutes." in text
    assert "Whole" not in text and "Part" not in text
    # Officers, who keep the draft, read it.
    client.force_login(staff_user)
    assert "Bo Part (for minute 2)" in page_text(client.get(meeting_url(meeting)))


# --- Sign-in, sign-out and the site frame --------------------------------------------------


def test_anonymous_visitors_get_a_sign_in_link(client, record):
    html = client.get(meeting_url(record.july)).content.decode()

    assert f'href="/accounts/login/?next=/meetings/{record.july.pk}/"' in html


def test_signed_in_users_sign_out_with_a_post_form(member_client, record):
    html = member_client.get(HOME).content.decode()

    form = re.search(r'<form method="post" action="/accounts/logout/">.*?</form>', html, re.S)
    assert form is not None
    assert '<span class="govuk-visually-hidden">Signed in as </span>member' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(0)


def test_the_header_names_a_member_who_is_a_person_of_the_record(
    member_client, member_user, record
):
    record.people.taylor.user = member_user
    record.people.taylor.save()

    html = member_client.get(HOME).content.decode()

    assert "Signed in as </span>Deborah Taylor" in html
    assert 'href="/actions/mine/"' in html  # My actions in the navigation
    assert 'href="/bodies/"' in html  # the committees too


def test_signing_out_returns_home_signed_out(member_client, record):
    response = member_client.post("/accounts/logout/", {"next": "/"}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Sign in" in page_text(response)


def test_login_page_labels_each_field(client, db):
    html = client.get("/accounts/login/").content.decode()

    assert '<label class="govuk-label" for="id_username">Username</label>' in html
    assert '<label class="govuk-label" for="id_password">Password</label>' in html
    assert '<label class="govuk-label" for="id_otp_token">Security code</label>' in html


def test_signing_in_with_a_wrong_password_explains_the_problem(client, member_user):
    response = client.post("/accounts/login/", {"username": "member", "password": "wrong"})
    text = page_text(response)

    assert response.status_code == 200
    assert "<title>Error: Sign in" in response.content.decode()
    assert "There is a problem Please enter a correct username and password." in text


def test_signing_in_returns_to_the_page_asked_for(member_user, record):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"username": "member", "password": "demo-member-2023", "next": meeting_url(record.july)},
    )

    assert response.status_code == 302
    assert response["Location"] == meeting_url(record.july)


def test_pages_carry_the_csp_nonce_on_their_scripts(client, record):
    response = client.get(HOME)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())

    assert scripts
    assert all(f'nonce="{nonce}"' in attributes for attributes in scripts)


def test_govuk_frontend_is_loaded_as_a_module(client, record):
    html = client.get(HOME).content.decode()

    assert re.search(
        r'<script type="module" nonce="[^"]+">\s*import \{ initAll \} from '
        r'"/static/build/govuk-frontend.min.js"',
        html,
    )


def test_navigation_marks_the_current_section(client, record):
    html = client.get(MEETINGS).content.decode()

    current = re.findall(
        r'<a class="govuk-service-navigation__link" href="([^"]+)" '
        r'aria-current="page">',
        html,
    )
    assert current == [MEETINGS]


def test_pages_use_the_generic_header_without_the_crown(client, record):
    html = client.get(HOME).content.decode()

    assert "govuk-generic-header" in html
    assert "govuk-header__crown" not in html
    assert "govuk-footer__crown" not in html
    assert "Crown copyright" not in html
    assert "Open Government Licence" not in html


def test_home_recent_decisions_are_the_latest_five_newest_first(client, record):
    for month in range(1, 8):
        meeting = MeetingFactory(body=record.panel, date=datetime.date(2024, month, 10))
        MinutesFactory(meeting=meeting, status=Minutes.Status.PUBLISHED)
        item = AgendaItemFactory(meeting=meeting, order=1, number="1", title="Report")
        ResolutionFactory(item=item, number=1, text=f"Decision of month {month}.")

    decisions = section(client.get(HOME), "Recent decisions", "Outstanding actions")

    shown = re.findall(r"Decision of month (\d)", decisions)
    assert shown == ["7", "6", "5", "4", "3"]


def test_a_past_meeting_no_longer_says_scheduled(client, db, time_machine):
    from tests.factories import MeetingFactory

    time_machine.move_to(datetime.datetime(2023, 9, 1, 9, 0), tick=False)
    past = MeetingFactory(date=datetime.date(2023, 7, 26), status="scheduled")
    coming = MeetingFactory(date=datetime.date(2023, 9, 20), status="scheduled")

    assert "Past meeting" in client.get(past.get_absolute_url()).text
    assert "Scheduled" not in client.get(past.get_absolute_url()).text
    assert "Scheduled" in client.get(coming.get_absolute_url()).text


def test_staff_get_edit_in_admin_links_and_the_public_does_not(client, staff_client, record):
    url = meeting_url(record.july)
    admin_url = f"/admin/meetings/meeting/{record.july.pk}/change/"

    assert f'href="{admin_url}">Edit in admin' in staff_client.get(url).text
    staff_client.logout()
    assert "Edit in admin" not in client.get(url).text
