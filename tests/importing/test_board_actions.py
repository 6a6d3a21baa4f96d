"""Seed 001: the Corporate Governance Board's "Actions arising" lists (items 7 and 8 of the
CGB report to the Panel of 9 October 2023), with the statuses the report states."""

import datetime

import pytest

from actions.importing import owners_for, split_status, status_for
from actions.models import Action
from meetings.importing.load import import_text
from meetings.importing.near_misses import ALL
from meetings.models import Meeting
from tests.importing import make_cgb, make_panel, make_people_2023, seed_text

pytestmark = pytest.mark.django_db

# Reference -> status, as the report words it (7a-7d: April CGB; 8a-8g: June CGB).
EXPECTED = {
    "7a": ("complete", "completed"),
    "7b": ("complete", "completed, on October agenda"),
    "7c": ("complete", "completed, added to the forward plan"),
    "7d": ("complete", "completed"),
    "8a": ("complete", "complete, attached as an appendix"),
    "8b": ("open", ""),
    "8c": ("complete", "complete"),
    "8d": ("awaiting_sign_off", "reviewed awaiting sign off"),
    "8e": ("complete", "completed"),
    "8f": ("complete", "completed"),
    "8g": ("complete", "completed, update to CGB in January"),
}


@pytest.fixture
def cgb():
    panel = make_panel()
    make_people_2023(panel)
    return make_cgb()


@pytest.fixture
def imported(cgb):
    return import_text(seed_text("001"), source="001.txt", confirm_names=ALL)


def test_eleven_actions_with_the_statuses_the_report_states(imported):
    recorded = {a.reference: (a.status, a.status_wording) for a in Action.objects.all()}
    assert recorded == EXPECTED


def test_nine_complete_one_awaiting_sign_off_one_open(imported):
    statuses = sorted(Action.objects.values_list("status", flat=True))
    assert statuses == ["awaiting_sign_off"] + ["complete"] * 9 + ["open"]


def test_actions_belong_to_the_april_and_june_board_meetings(imported, cgb):
    meetings = {a.reference: a.meeting for a in Action.objects.select_related("meeting")}
    april = Meeting.objects.get(body=cgb, date=datetime.date(2023, 4, 19))
    june = Meeting.objects.get(body=cgb, date=datetime.date(2023, 6, 21))
    assert {ref for ref, meeting in meetings.items() if meeting == april} == {
        "7a",
        "7b",
        "7c",
        "7d",
    }
    assert {ref for ref, meeting in meetings.items() if meeting == june} == {
        "8a", "8b", "8c", "8d", "8e", "8f", "8g",
    }  # fmt: skip
    assert (april.kind, april.status) == (Meeting.Kind.BOARD, Meeting.Status.HELD)


def test_each_action_has_history_from_its_import_to_its_reported_status(imported):
    action = Action.objects.get(reference="8d")
    assert [(e.from_status, e.to_status) for e in action.history.all()] == [
        ("", "open"),
        ("open", "awaiting_sign_off"),
    ]
    assert action.history.first().note == "Imported from 001.txt, line 1843."


def test_an_open_action_has_only_its_creation_in_history(imported):
    action = Action.objects.get(reference="8b")
    assert [(e.from_status, e.to_status) for e in action.history.all()] == [("", "open")]
    assert action.text == "OPCC to consider gaps in relation to specialist stalking victim support"


def test_follow_up_is_kept_apart_from_the_status(imported):
    assert Action.objects.get(reference="8g").follow_up == "update to CGB in January"


def test_owners_named_in_the_action_text(imported):
    owners = {a.reference: sorted(o.name for o in a.owners.all()) for a in Action.objects.all()}
    assert (owners["7a"], owners["8d"], owners["8g"], owners["8e"]) == (
        ["CC Nixon"],
        ["CFO"],
        ["Force", "PCC"],
        [],
    )


def test_reimporting_the_actions_changes_nothing(imported):
    events = Action.objects.count(), sum(a.history.count() for a in Action.objects.all())
    again = import_text(seed_text("001"), source="001.txt", confirm_names=ALL)
    assert again.nothing_changed
    assert (Action.objects.count(), sum(a.history.count() for a in Action.objects.all())) == events


def test_action_recorded_since_with_another_status_is_left_and_reported(imported):
    from actions import services

    action = Action.objects.get(reference="8d")
    june = action.meeting
    services.action_sign_off(action=action, user=None, meeting=june)
    again = import_text(seed_text("001"), source="001.txt", confirm_names=ALL)
    assert Action.objects.get(reference="8d").status == "complete"
    assert [a.line for a in again.report.of_kind("skipped")] == [1843]


def test_missing_board_is_refused_naming_the_line_of_the_list():
    from meetings.importing.report import ImportRefused

    panel = make_panel()
    make_people_2023(panel)
    with pytest.raises(ImportRefused) as refused:
        import_text(seed_text("001"), source="001.txt", confirm_names=ALL)
    assert refused.value.line == 1833
    assert "no body is recorded for \u201cCGB\u201d" in str(refused.value)
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("OPCC to consider gaps in relation to stalking \u2013", ("OPCC to consider gaps in relation to stalking", "")),
        ("Transformation paper to be brought to July CGB completed", ("Transformation paper to be brought to July CGB", "completed")),
        ("The OPCC to produce a report -completed, on October agenda", ("The OPCC to produce a report", "completed, on October agenda")),
        ("Carry forward requests to be reviewed by CFO **reviewed awaiting sign off**", ("Carry forward requests to be reviewed by CFO", "reviewed awaiting sign off")),
        ("OPCC to review the estates plan", ("OPCC to review the estates plan", "")),
    ],
)  # fmt: skip
def test_status_wording_is_split_from_the_action(printed, expected):
    assert split_status(printed) == expected


@pytest.mark.parametrize(
    ("wording", "status"),
    [
        ("", "open"),
        ("completed, on October agenda", "complete"),
        ("reviewed awaiting sign off", "awaiting_sign_off"),
        ("ongoing, update in March", "in_progress"),
        ("deferred to the new year", "open"),
    ],
)
def test_status_wording_maps_to_a_status(wording, status):
    assert status_for(wording)[0] == status


def test_unknown_status_wording_is_not_recognised():
    assert status_for("deferred to the new year") == ("open", False)


def test_owner_is_only_taken_when_the_text_names_an_office():
    assert owners_for("A further POCA meeting to be arranged to discuss the surplus") == ()
