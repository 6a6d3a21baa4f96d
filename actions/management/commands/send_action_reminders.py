"""Email action owners their actions due within 7 days or overdue: run daily by a scheduler."""

import argparse
import datetime

from django.core.management.base import BaseCommand, CommandError
from django.tasks import TaskResultStatus

from actions.tasks import send_action_reminders


def iso_date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: give it as YYYY-MM-DD, e.g. 2023-10-09."
        ) from None


class Command(BaseCommand):
    help = (
        "Email each action owner the actions that are overdue or due within 7 days. Sends at "
        "most one reminder per action and owner a day, so it is safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=iso_date,
            help="Send as if today were this date (YYYY-MM-DD). Defaults to today.",
        )

    def handle(self, *args, date=None, **options):
        result = send_action_reminders.enqueue(on=date.isoformat() if date else None)
        if result.status == TaskResultStatus.FAILED:
            error = result.errors[-1] if result.errors else None
            raise CommandError(
                "Sending reminders failed; no reminder was recorded for the emails that did "
                f"not go.\n{error.traceback if error else ''}"
            )
        if result.status != TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Reminders queued as task {result.id}.")
            return

        outcome = result.return_value
        for owner in outcome["unreachable"]:
            self.stderr.write(
                f"{owner['owner']} has no email address, so was not reminded of: "
                f"{', '.join(owner['actions'])}. Add an email to the owner (or their person)."
            )
        if not outcome["sent"]:
            self.stdout.write(f"No reminders to send on {outcome['on']}.")
            return
        for reminder in outcome["sent"]:
            count = len(reminder["actions"])
            self.stdout.write(
                f"Reminded {reminder['owner']} <{reminder['recipient']}> of {count} "
                f"action{'s' if count != 1 else ''}: {'; '.join(reminder['actions'])}"
            )
        total = sum(len(r["actions"]) for r in outcome["sent"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {len(outcome['sent'])} email{'s' if len(outcome['sent']) != 1 else ''} "
                f"covering {total} action{'s' if total != 1 else ''} on {outcome['on']}."
            )
        )
