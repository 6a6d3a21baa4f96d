"""Reminders through the production task queue: the command queues a task row in the
database, and the worker (`make worker`, i.e. `manage.py db_worker`) sends the email once.

The suite's own TASKS run tasks at once; here they go through django-tasks-db as in
production. Transactional, because the worker commits and checks connections as it would
in its own process.
"""

import datetime
import io
import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from actions.models import Reminder
from tests.factories import ActionFactory, OwnerFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date(2023, 9, 1)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 9, 1, 7, 30), tick=False)


@pytest.fixture(autouse=True)
def signal_handlers():
    """The worker takes over SIGINT and SIGTERM to stop gracefully; give them back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.fixture
def overdue_action():
    owner = OwnerFactory(name="OPCC", email="opcc@example.org")
    return ActionFactory(
        reference="8b", due_date=TODAY - datetime.timedelta(days=3), owners=[owner]
    )


def queue_reminders():
    out = io.StringIO()
    call_command("send_action_reminders", stdout=out)
    return out.getvalue()


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_the_command_queues_a_task_row_and_sends_nothing_itself(mailoutbox, overdue_action):
    output = queue_reminders()

    task = DBTaskResult.objects.get()
    assert task.task_path == "actions.tasks.send_action_reminders"
    assert task.status == "READY"
    assert f"Reminders queued as task {task.id}." in output
    assert mailoutbox == []
    assert not Reminder.objects.exists()


def test_the_worker_sends_the_queued_reminder_once(mailoutbox, overdue_action):
    queue_reminders()

    run_worker()
    run_worker()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["opcc@example.org"]
    assert "8b" in mailoutbox[0].subject + mailoutbox[0].body
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    assert task.return_value["sent"][0]["actions"] == [f"8b ({overdue_action.meeting})"]
    assert Reminder.objects.filter(action=overdue_action, sent_on=TODAY).count() == 1


def test_reminders_queued_twice_in_a_day_are_emailed_once(mailoutbox, overdue_action):
    queue_reminders()
    queue_reminders()

    run_worker()

    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert len(mailoutbox) == 1
