"""Build the bulk download of the public record now: for cron, or after a deploy."""

from django.core.management.base import BaseCommand, CommandError

from panel.bulk_archive import archive_path
from panel.bulk_tasks import build_open_data


class Command(BaseCommand):
    help = (
        "Build the open data archive (/api/bulk/record.zip): every list the API gives the "
        "public, as JSON Lines and CSV, with its datapackage.json. Downloads rebuild it when "
        "the record changes; this builds it at once, in this process."
    )

    def handle(self, *args, **options):
        try:
            # The task's own function, called here: a deploy wants the archive before it
            # finishes, not a queued task.
            built = build_open_data.call()
        except Exception as error:
            raise CommandError(
                f"The open data archive could not be built ({type(error).__name__}: {error}). "
                f"The previous archive, if any, is still at {archive_path()}."
            ) from error
        rows = ", ".join(f"{name} {count}" for name, count in built["rows"].items())
        self.stdout.write(
            f"Built {archive_path()} ({built['bytes']} bytes) from record version "
            f"{built['record_version']}: {rows}."
        )
