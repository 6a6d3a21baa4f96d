"""Reminder emails to action owners, as a task of Django's tasks framework.

The management command ``send_action_reminders`` enqueues the task; a scheduler (cron, a
systemd timer) runs the command each morning on one machine. The task waits as a row in the
database queue (django-tasks-db) until a worker (``make worker``, ``manage.py db_worker``)
on any machine claims and runs it; in the test suite's ImmediateBackend it runs at once in
the command's process.

Each owner gets one email listing their actions that are overdue or due within seven days.
An action is claimed for an owner and a day by a Reminder row (unique per action, owner and
day) before the email goes, in the same transaction: running the job twice on one day sends
nothing new, and an email that fails to send releases its claims for the next run.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from actions.models import Action, Owner, Reminder

REMINDER_DAYS = 7


def actions_needing_reminders(on):
    """Outstanding actions that are overdue or due within REMINDER_DAYS of ``on``."""
    return (
        Action.objects.outstanding()
        .filter(due_date__lte=on + datetime.timedelta(days=REMINDER_DAYS))
        .select_related("meeting__body")
        .order_by("due_date", "meeting__date", "reference_key", "pk")
    )


def _claim(*, action, owner, on, recipient):
    """Record the reminder; False when another run already sent it today."""
    try:
        with transaction.atomic():
            Reminder.objects.create(action=action, owner=owner, sent_on=on, recipient=recipient)
    except IntegrityError:
        return False
    return True


def _due_phrase(action, on):
    days = (action.due_date - on).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' if days != 1 else ''}"


def reminder_email(*, owner, recipient, actions, on):
    """The email for one owner: each action with its meeting, due date and page."""
    context = {
        "owner": owner,
        "actions": actions,
        "rows": [(action, _due_phrase(action, on)) for action in actions],
        "site_name": settings.SITE_NAME,
        "site_url": getattr(settings, "SITE_URL", "").rstrip("/"),
        "reminder_days": REMINDER_DAYS,
    }
    return EmailMessage(
        subject=render_to_string("actions/email/reminder_subject.txt", context).strip(),
        body=render_to_string("actions/email/reminder_body.txt", context).rstrip("\n"),
        to=[recipient],
    )


@task
def send_action_reminders(on=None):
    """Email each owner their actions due within 7 days or overdue, once per action a day.

    ``on`` is an ISO date (task arguments must be JSON); it defaults to today. Returns what
    was sent and which owners could not be reminded because they have no email address.
    """
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    due = actions_needing_reminders(day)
    owners = (
        Owner.objects.filter(actions__in=due)
        .distinct()
        .select_related("person")
        .prefetch_related(Prefetch("actions", queryset=due, to_attr="due_actions"))
        .order_by("name")
    )
    already_sent = set(Reminder.objects.filter(sent_on=day).values_list("action_id", "owner_id"))
    sent, unreachable = [], []
    for owner in owners:
        recipient = owner.reminder_address
        if not recipient:
            unreachable.append(
                {"owner": owner.name, "actions": [_label(a) for a in owner.due_actions]}
            )
            continue
        with transaction.atomic():
            claimed = [
                action
                for action in owner.due_actions
                if (action.pk, owner.pk) not in already_sent
                and _claim(action=action, owner=owner, on=day, recipient=recipient)
            ]
            if claimed:
                # Sent inside the transaction: if sending fails, the claims roll back.
                reminder_email(owner=owner, recipient=recipient, actions=claimed, on=day).send()
        if claimed:
            sent.append(
                {
                    "owner": owner.name,
                    "recipient": recipient,
                    "actions": [_label(a) for a in claimed],
                }
            )
    return {"on": day.isoformat(), "sent": sent, "unreachable": unreachable}


def _label(action):
    reference = action.reference or f"#{action.pk}"
    return f"{reference} ({action.meeting})"
