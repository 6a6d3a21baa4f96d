"""Import minutes, agenda packs and board action lists from text converted from PDF.

A file the importer cannot read is refused with the line at fault and how to fix it, on
stderr; the others are still imported, and the command then exits with an error naming the
refused files. Each file is imported whole or not at all.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from meetings.importing.load import import_text
from meetings.importing.report import ImportRefused
from meetings.importing.text import read_upload
from meetings.models import Body


class Command(BaseCommand):
    help = (
        "Import the text of minutes or agenda packs (converted from PDF). Each file is imported "
        "whole or not at all; the anomaly report lists every name or date that could not be "
        "reconciled exactly."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="Text files to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and the anomaly report; write nothing.",
        )
        parser.add_argument(
            "--create-people",
            action="store_true",
            help="Create a person for each name that matches nobody recorded.",
        )
        parser.add_argument(
            "--accept-requests",
            action="store_true",
            help="Raise an action for every request in the minutes (by default they are listed only).",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="The log-in credited in the history of the minutes and actions imported "
            "(by default the history names no one).",
        )
        parser.add_argument(
            "--body",
            metavar="SLUG",
            help="The body the minutes and agendas are for, when their heading does not name "
            "a recorded body exactly.",
        )

    def handle(self, *args, files, dry_run, create_people, accept_requests, body, user, **options):
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"No user has the user name {user!r}.")
        chosen_body = None
        if body:
            chosen_body = Body.objects.filter(slug=body).first()
            if chosen_body is None:
                slugs = ", ".join(Body.objects.values_list("slug", flat=True)) or "none recorded"
                raise CommandError(f"No body has the slug {body!r}. Bodies: {slugs}.")
        failed = []
        for name in files:
            path = Path(name)
            try:
                try:
                    data = path.read_bytes()
                except OSError as error:
                    raise ImportRefused(f"{name} cannot be read: {error.strerror}.") from None
                text = read_upload(data, name=path.name)
                accept = ()
                if accept_requests:
                    preview = import_text(text, source=path.name, body=chosen_body, dry_run=True)
                    accept = [proposal.key for proposal in preview.proposals]
                result = import_text(
                    text,
                    source=path.name,
                    body=chosen_body,
                    user=importer,
                    create_people=create_people,
                    accept=accept,
                    dry_run=dry_run,
                )
            except ImportRefused as refusal:
                failed.append(name)
                self.stderr.write(self.style.ERROR(f"{path.name}: not imported. {refusal}"))
                continue
            self.stdout.write(result.as_text())
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(files)} file(s) not imported: {', '.join(failed)}."
            )
