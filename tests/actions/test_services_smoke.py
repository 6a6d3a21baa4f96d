import datetime

import pytest

from actions import services
from actions.models import Action
from meetings.models import Body, Meeting


@pytest.mark.django_db
def test_complete_writes_one_history_row_and_refuses_twice(django_user_model):
    officer = django_user_model.objects.create_user("officer")
    body = Body.objects.create(name="Corporate Governance Board", slug="cgb", kind="board")
    meeting = Meeting.objects.create(body=body, kind="board", date=datetime.date(2023, 6, 21))
    action = services.action_create(meeting=meeting, text="Carry forward requests", reference="8d")

    services.action_complete(action=action, user=officer, note="Reviewed by the CFO")

    assert action.status == Action.Status.COMPLETE
    assert [(e.from_status, e.to_status, e.actor) for e in action.history.all()] == [
        ("", "open", None),
        ("open", "complete", officer),
    ]
    with pytest.raises(services.TransitionNotAllowed, match="8d is complete"):
        services.action_complete(action=action, user=officer)
    assert action.history.count() == 2
