"""Requests in the minutes of 26 July 2023 are proposed as actions, never created silently."""

import pytest

from actions.models import Action
from meetings.importing.load import import_text
from meetings.importing.near_misses import ALL
from meetings.importing.report import ImportRefused
from tests.importing import make_cgb, make_panel, make_people_2023, seed_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    panel = make_panel()
    make_cgb()
    return make_people_2023(panel)


def test_requests_are_proposed_with_their_references(people):
    result = import_text(seed_text("001"), source="001.txt", confirm_names=ALL, dry_run=True)
    assert [(p.reference, p.origin) for p in result.proposals] == [
        ("resolution 9.2", "resolution"),
        ("resolution 10.2", "resolution"),
        ("resolution 11.2", "resolution"),
        ("resolution 11.3", "resolution"),
        ("resolution 11.4", "resolution"),
        ("resolution 12.2", "resolution"),
        ("resolution 12.3", "resolution"),
        ("resolution 12.4", "resolution"),
        ("item 14", "discussion"),
        ("item 14", "discussion"),
    ]


def test_no_action_is_raised_from_a_request_unless_accepted(people):
    import_text(seed_text("001"), source="001.txt", confirm_names=ALL)
    assert not Action.objects.filter(meeting__body__slug="llr-pcp").exists()


def test_an_accepted_resolution_becomes_an_action_linked_to_it(people):
    import_text(seed_text("001"), source="001.txt", confirm_names=ALL, accept=["2023-07-26/11/r2"])
    action = Action.objects.get(meeting__body__slug="llr-pcp")
    assert (action.reference, action.resolution.text, action.item.number) == (
        "11.3",
        "That the Panel requests that the potential conflict of interest from the Chief "
        "Constable Chairing the LCJB be investigated.",
        "11",
    )


def test_an_accepted_request_from_the_discussion_becomes_an_action(people):
    import_text(seed_text("001"), source="001.txt", confirm_names=ALL, accept=["2023-07-26/14/q0"])
    action = Action.objects.get(meeting__body__slug="llr-pcp")
    assert action.text == (
        "It was requested that the slavery report scheduled for October include considerations "
        "of asylum seekers including details of Operation Tacit."
    )
    assert action.history.get().note.startswith("Raised on import from a request in the minutes")


def test_accepting_a_request_the_document_does_not_make_is_refused(people):
    with pytest.raises(ImportRefused, match="not proposed by this document"):
        import_text(
            seed_text("001"), source="001.txt", confirm_names=ALL, accept=["2023-07-26/99/r0"]
        )
    assert not Action.objects.exists()


def test_requests_are_not_proposed_again_once_the_minutes_are_recorded(people):
    import_text(seed_text("001"), source="001.txt", confirm_names=ALL)
    assert import_text(seed_text("001"), source="001.txt", confirm_names=ALL).proposals == []
