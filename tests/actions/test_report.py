"""The "Actions arising" report, worded as the Panel's report of 9 October 2023 (seed 001)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.urls import reverse

from actions import services
from actions.models import Owner
from actions.reports import actions_arising_report, letter
from meetings.models import AgendaItem, Body, Meeting
from meetings.visibility import Audience

pytestmark = pytest.mark.django_db

ANONYMOUS = AnonymousUser()
DASH = "\N{EN DASH}"  # the papers' separator between an action and its status

# Seed 001, "Actions arising from the June CGB meeting" (text, status, wording as printed).
JUNE_ACTIONS = [
    (
        "8a",
        "OPCC to work with the Force to produce a public facing summary of the work undertaken "
        "in relation to the East Leicester Review",
        "complete",
        "complete, attached as an appendix",
    ),
    ("8b", "OPCC to consider gaps in relation to specialist stalking victim support", "open", ""),
    (
        "8c",
        "A further POCA meeting to be arranged to discuss and agree a proposal for the surplus "
        "money, once agreed to be brought back to CGB in 6 months to review",
        "complete",
        "complete",
    ),
    (
        "8d",
        "Carry forward requests to be reviewed by CFO",
        "awaiting_sign_off",
        "reviewed awaiting sign off",
    ),
    ("8e", "Financial Update report to be added to July CGB", "complete", "completed"),
    ("8f", "Transformation paper to be brought to July CGB", "complete", "completed"),
    (
        "8g",
        "PCC and Force to meet regarding Neighbourhood Active",
        "complete",
        "completed, update to CGB in January",
    ),
]

JUNE_SECTION = f"""\
Actions arising from the June CGB meeting;
a. OPCC to work with the Force to produce a public facing summary of the work undertaken in \
relation to the East Leicester Review {DASH} complete, attached as an appendix
b. OPCC to consider gaps in relation to specialist stalking victim support {DASH} open
c. A further POCA meeting to be arranged to discuss and agree a proposal for the surplus money, \
once agreed to be brought back to CGB in 6 months to review {DASH} complete
d. Carry forward requests to be reviewed by CFO {DASH} reviewed awaiting sign off
e. Financial Update report to be added to July CGB {DASH} completed
f. Transformation paper to be brought to July CGB {DASH} completed
g. PCC and Force to meet regarding Neighbourhood Active {DASH} completed, update to CGB in January"""


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("officer", is_staff=True)


@pytest.fixture
def cgb():
    return Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )


def meeting(body, date, **kwargs):
    return Meeting.objects.create(body=body, date=date, **kwargs)


@pytest.fixture
def panel_meetings(panel):
    """The Panel's meetings of 26 July, 10 August and 9 October 2023."""
    return {
        "july": meeting(panel, datetime.date(2023, 7, 26), kind="annual"),
        "august": meeting(panel, datetime.date(2023, 8, 10), kind="confirmation"),
        "october": meeting(panel, datetime.date(2023, 10, 9)),
    }


def record(source, reference, text, status="open", wording="", *, user, **kwargs):
    """An action of ``source`` brought to ``status`` through the services."""
    action = services.action_create(meeting=source, reference=reference, text=text, **kwargs)
    wording = wording or None
    if status == "complete":
        services.action_complete(action=action, user=user, status_wording=wording)
    elif status == "awaiting_sign_off":
        services.action_submit_for_sign_off(action=action, user=user, status_wording=wording)
    elif status == "withdrawn":
        services.action_withdraw(action=action, user=user, reason="Overtaken by events")
    return action


@pytest.fixture
def june_board(cgb, officer, time_machine):
    """The June 2023 CGB meeting and its seven actions, updated in September 2023."""
    june = meeting(cgb, datetime.date(2023, 6, 21), kind="board")
    time_machine.move_to(datetime.datetime(2023, 9, 20, 10, 0), tick=False)
    opcc = Owner.objects.create(name="OPCC")
    for reference, text, status, wording in reversed(JUNE_ACTIONS):
        record(june, reference, text, status, wording, user=officer, owners=[opcc])
    return june


def report_text(meeting, user=ANONYMOUS):
    return actions_arising_report(meeting=meeting, audience=Audience(user)).as_text()


def test_the_june_2023_board_meeting_is_reported_as_the_panel_reports_it(
    june_board, panel_meetings
):
    assert report_text(panel_meetings["october"]) == JUNE_SECTION + "\n"


def test_sections_follow_the_meetings_in_date_order(
    june_board, panel_meetings, cgb, officer, time_machine
):
    april = meeting(cgb, datetime.date(2023, 4, 19), kind="board")
    record(
        april,
        "7c",
        "The annual homicide review to be brought back to CGB annually",
        "complete",
        "completed, added to the forward plan",
        user=officer,
    )

    text = report_text(panel_meetings["october"])

    assert text.startswith(
        "Actions arising from the April CGB meeting;\n"
        f"a. The annual homicide review to be brought back to CGB annually {DASH} completed, added "
        "to the forward plan\n\n"
        "Actions arising from the June CGB meeting;\n"
    )


def test_actions_closed_before_the_previous_report_are_left_out(
    cgb, panel_meetings, officer, time_machine
):
    april = meeting(cgb, datetime.date(2023, 4, 19), kind="board")
    time_machine.move_to(datetime.datetime(2023, 5, 2, 10, 0), tick=False)
    record(april, "7a", "Write to officers", "complete", user=officer)
    record(april, "7b", "Still to do", user=officer)
    time_machine.move_to(datetime.datetime(2023, 8, 10, 9, 0), tick=False)
    record(april, "7d", "Send the Chair the letter", "complete", user=officer)

    text = report_text(panel_meetings["october"])

    assert text == (
        "Actions arising from the April CGB meeting;\n"
        f"a. Still to do {DASH} open\n"
        f"b. Send the Chair the letter {DASH} complete\n"
    )


def test_with_no_earlier_meeting_of_the_body_every_closed_action_is_reported(
    cgb, panel, officer, time_machine
):
    april = meeting(cgb, datetime.date(2023, 4, 19), kind="board")
    time_machine.move_to(datetime.datetime(2023, 5, 2, 10, 0), tick=False)
    record(april, "7a", "Write to officers", "withdrawn", user=officer)
    first_panel = meeting(panel, datetime.date(2023, 6, 1))

    assert report_text(first_panel) == (
        "Actions arising from the April CGB meeting;\n"
        f"a. Write to officers {DASH} withdrawn: Overtaken by events\n"
    )


def test_actions_of_the_meeting_itself_and_later_meetings_are_left_out(
    cgb, panel_meetings, officer
):
    record(panel_meetings["october"], "5", "Arose at the meeting itself", user=officer)
    record(meeting(cgb, datetime.date(2023, 11, 1)), "1a", "Arose later", user=officer)

    assert report_text(panel_meetings["october"]) == (
        "There are no actions arising from previous meetings.\n"
    )


def test_actions_are_lettered_in_natural_reference_order(cgb, panel_meetings, officer):
    june = meeting(cgb, datetime.date(2023, 6, 21))
    for reference in ("10", "8b", "9"):
        record(june, reference, f"Action {reference}", user=officer)

    assert report_text(panel_meetings["october"]).splitlines()[1:] == [
        f"a. Action 8b {DASH} open",
        f"b. Action 9 {DASH} open",
        f"c. Action 10 {DASH} open",
    ]


def test_two_meetings_of_a_body_in_one_month_are_told_apart_by_day(cgb, panel_meetings, officer):
    record(meeting(cgb, datetime.date(2023, 6, 7)), "1", "First", user=officer)
    record(meeting(cgb, datetime.date(2023, 6, 21)), "1", "Second", user=officer)

    headings = [
        line for line in report_text(panel_meetings["october"]).splitlines() if "from" in line
    ]

    assert headings == [
        "Actions arising from the 7 June CGB meeting;",
        "Actions arising from the 21 June CGB meeting;",
    ]


def test_a_meeting_of_an_earlier_year_is_named_with_its_year(cgb, panel_meetings, officer):
    record(meeting(cgb, datetime.date(2022, 11, 16)), "4a", "Old action", user=officer)

    assert report_text(panel_meetings["october"]).startswith(
        "Actions arising from the November 2022 CGB meeting;\n"
    )


def test_restricted_actions_are_left_out_for_the_public_and_shown_to_members(
    cgb, panel_meetings, officer, django_user_model
):
    june = meeting(cgb, datetime.date(2023, 6, 21))
    item = AgendaItem.objects.create(
        meeting=june,
        order=5,
        number="5",
        title="Proceeds of crime",
        confidentiality=AgendaItem.Confidentiality.REDACTED,
    )
    record(june, "5a", "Review the POCA surplus bids", user=officer, item=item)
    record(june, "8b", "Public action", user=officer)
    member = django_user_model.objects.create_user("member")
    member.groups.add(Group.objects.get(name="Panel members"))

    public = report_text(panel_meetings["october"])
    for_members = report_text(panel_meetings["october"], user=member)

    assert "POCA" not in public
    assert f"a. Review the POCA surplus bids {DASH} open" in for_members


def test_letters_run_on_past_z():
    assert [letter(i) for i in (0, 1, 25, 26, 27)] == ["a", "b", "z", "aa", "ab"]


# The pages


def test_the_report_page_shows_headings_and_lettered_actions(client, june_board, panel_meetings):
    response = client.get(
        reverse("actions:action_report", kwargs={"meeting_pk": panel_meetings["october"].pk})
    )

    assert response.status_code == 200
    assert '<h2 class="govuk-heading-m">Actions arising from the June CGB meeting;</h2>' in (
        response.text
    )
    assert (
        f"Carry forward requests to be reviewed by CFO</a> {DASH} reviewed awaiting sign off"
        in (response.text)
    )
    assert "that closed since the Panel, 10 August 2023 meeting" in response.text


def test_the_plain_text_report_is_ready_to_paste(client, june_board, panel_meetings):
    response = client.get(
        reverse("actions:action_report_text", kwargs={"meeting_pk": panel_meetings["october"].pk})
    )

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == JUNE_SECTION + "\n"


def test_the_report_of_an_unknown_meeting_is_not_found(client):
    response = client.get(reverse("actions:action_report", kwargs={"meeting_pk": 999}))

    assert response.status_code == 404


def test_choosing_a_meeting_leads_to_its_report(client, panel_meetings):
    october = panel_meetings["october"]

    response = client.get(reverse("actions:action_report_choose"), {"meeting": october.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("actions:action_report", args=[october.pk])


def test_choosing_a_meeting_that_does_not_exist_says_so(client, panel_meetings):
    response = client.get(reverse("actions:action_report_choose"), {"meeting": "999"})

    assert response.status_code == 200
    assert "That meeting is not in the record: choose one from the list." in response.text
