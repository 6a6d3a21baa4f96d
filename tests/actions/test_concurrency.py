"""Two officers completing the same action at once: one wins, the other is refused.

Needs PostgreSQL's row locks (SQLite serialises whole-database writes instead).
"""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from actions import services
from actions.models import Action, ActionEvent
from meetings.models import Body, Meeting

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: run under scripts/with-postgres")


@pytest.fixture
def action():
    cgb = Body.objects.create(name="Corporate Governance Board", slug="cgb", kind="board")
    june = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 6, 21))
    return services.action_create(meeting=june, reference="8d", text="Carry forward requests")


@pytest.fixture
def officers(django_user_model):
    return [django_user_model.objects.create_user(name) for name in ("first", "second")]


def backends_waiting_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def test_two_officers_completing_at_once_one_wins_and_one_is_refused(action, officers):
    first_holds_lock = threading.Event()
    let_first_commit = threading.Event()
    outcomes = {}

    def first():
        try:
            with transaction.atomic():
                services.action_complete(
                    action=Action.objects.get(pk=action.pk), user=officers[0], note="First"
                )
                first_holds_lock.set()
                let_first_commit.wait(timeout=30)
            outcomes["first"] = "completed"
        except services.TransitionNotAllowed as refused:
            outcomes["first"] = refused
        finally:
            connections.close_all()

    def second():
        try:
            services.action_complete(
                action=Action.objects.get(pk=action.pk), user=officers[1], note="Second"
            )
            outcomes["second"] = "completed"
        except services.TransitionNotAllowed as refused:
            outcomes["second"] = refused
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    threads[0].start()
    assert first_holds_lock.wait(timeout=30)
    threads[1].start()
    # Let the first commit only once the second is blocked on the row lock: the two really
    # act at once, and without the lock the second would read "open" and complete it too.
    for _ in range(600):
        if backends_waiting_for_a_lock():
            break
        threading.Event().wait(0.05)
    let_first_commit.set()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes["first"] == "completed"
    assert isinstance(outcomes["second"], services.TransitionNotAllowed)
    assert outcomes["second"].messages == [
        "Action 8d is complete: it cannot be marked complete (only an action that is open, in "
        "progress, awaiting sign-off can)."
    ]
    assert ActionEvent.objects.filter(action=action, to_status="complete").count() == 1
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETE


def test_completing_at_the_same_moment_lets_exactly_one_through(action, officers):
    start = threading.Barrier(2)
    outcomes = []

    def complete(user):
        try:
            start.wait(timeout=30)
            services.action_complete(action=Action.objects.get(pk=action.pk), user=user)
            outcomes.append("completed")
        except services.TransitionNotAllowed:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=complete, args=(user,)) for user in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["completed", "refused"]
    assert ActionEvent.objects.filter(action=action, to_status="complete").count() == 1
