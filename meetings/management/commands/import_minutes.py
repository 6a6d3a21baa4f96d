"""Import minutes, agenda packs and board action lists: PDF, Word (.docx) or text.

Give files, or a folder to import every PDF, Word and text file in it (bulk mode). A file the
importer cannot read is refused with the line at fault and how to fix it, on stderr; the
others are still imported, and the command then exits with an error naming the refused files.
Each file is imported whole or not at all. With more than one file, a progress line per file
goes to stderr and one table of what each file held and what became of it ends the output:
its counts are those the report's summary gives ("RESOLVED seen 7, imported 7"), a count
shown as "6/7" when only 6 of the 7 seen were imported.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from meetings.importing.load import import_text
from meetings.importing.near_misses import ALL
from meetings.importing.pdf_text import page_count
from meetings.importing.report import ImportRefused
from meetings.importing.styles import check_style
from meetings.importing.text import clip, page_of_line, read_document
from meetings.models import Body

READABLE_SUFFIXES = (".pdf", ".docx", ".txt")


# The counted columns of the summary table: (heading, what ``load_summary`` calls it).
COUNTED = (
    ("Items", "items"),
    ("RESOLVED", "RESOLVED"),
    ("Motions", "motions"),
    ("Votes", "recorded votes"),
    ("Present", "PRESENT names"),
    ("Apologies", "apologies"),
    ("Declarations", "declarations"),
)


@dataclass
class Outcome:
    """What became of one file: a row of the summary table."""

    name: str
    pages: int | None = None
    result: object = None
    anomalies: int | None = None
    verdict: str = "refused"
    reason: str = ""

    COLUMNS = ("File", "Pages", *(heading for heading, _ in COUNTED), "Anomalies", "Outcome")

    def cells(self):
        verdict = f"{self.verdict}: {clip(self.reason, 90)}" if self.reason else self.verdict
        counts = [self.result.total(what) if self.result else None for _, what in COUNTED]
        return (
            self.name,
            "-" if self.pages is None else str(self.pages),
            *(_count_cell(count) for count in counts),
            "-" if self.anomalies is None else str(self.anomalies),
            verdict,
        )


def _count_cell(count):
    """ "7" when all 7 seen were imported, "6/7" when only 6 were, "-" when nothing was read."""
    if count is None:
        return "-"
    seen, imported = count
    return str(seen) if imported >= seen else f"{imported}/{seen}"


class Command(BaseCommand):
    help = (
        "Import minutes or agenda packs from PDF, Word (.docx) or text files, or from every such "
        "file in a folder. Each file is imported whole or not at all; the anomaly report lists "
        "every name or date that could not be reconciled exactly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="PDF, Word (.docx) or text files, or folders of them, to import.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be created and the anomaly report; write nothing.",
        )
        parser.add_argument(
            "--create-people",
            action="store_true",
            help="Create a person for each name that matches nobody recorded (including a "
            "near miss not confirmed with --confirm-names).",
        )
        parser.add_argument(
            "--confirm-names",
            action="store_true",
            help='Accept every near miss as the person it looks like ("Councillor Alnatt" for '
            "Councillor Allnatt), for scripted imports: each is matched and saved as another "
            "spelling of that person. Without it, a near miss is matched only when confirmed on "
            "the import page, and is otherwise taken as someone new. Run with --dry-run first: "
            "the anomaly report lists every near miss.",
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
        parser.add_argument(
            "--style",
            metavar="NAME",
            help="Read every file in this house style instead of the one its layout suggests.",
        )

    def handle(self, *args, files, user, body, **options):
        settings = {
            "user": _user(user),
            "body": _body(body),
            "dry_run": options["dry_run"],
            "create_people": options["create_people"],
            "confirm_names": ALL if options["confirm_names"] else (),
            "accept_requests": options["accept_requests"],
            "style": _style(options.get("style")),
        }
        paths = _expand(files)
        bulk = len(paths) != 1 or any(Path(name).is_dir() for name in files)
        outcomes = []
        for position, path in enumerate(paths, start=1):
            started = time.perf_counter()
            outcome = self._import_file(path, settings)
            outcomes.append(outcome)
            if bulk:
                took = time.perf_counter() - started
                self.stderr.write(
                    f"[{position:>{len(str(len(paths)))}}/{len(paths)}] {path.name}: "
                    f"{outcome.verdict} ({took:.1f} s)"
                )
        if bulk:
            self.stdout.write(summary_table(outcomes))
        failed = [
            str(path) for path, o in zip(paths, outcomes, strict=True) if o.verdict == "refused"
        ]
        if failed:
            raise CommandError(
                f"{len(failed)} of {len(paths)} file(s) not imported: {', '.join(failed)}."
            )

    def _import_file(self, path, settings):
        outcome, page_starts = Outcome(path.name), None
        try:
            try:
                data = path.read_bytes()
            except OSError as error:
                raise ImportRefused(f"{path} cannot be read: {error.strerror}.") from None
            outcome.pages = page_count(data)
            text, page_starts = read_document(data, name=path.name)
            result = _import(text, source=path.name, settings=settings)
        except ImportRefused as refusal:
            outcome.reason = str(refusal) + _page_note(refusal.line, page_starts)
            self.stderr.write(self.style.ERROR(f"{path.name}: not imported. {outcome.reason}"))
            return outcome
        self.stdout.write(result.as_text())
        outcome.result = result
        outcome.anomalies = len(result.report)
        if result.nothing_changed:
            outcome.verdict = "unchanged" if result.unchanged else "nothing to import"
        else:
            outcome.verdict = "would import" if result.dry_run else "imported"
        return outcome


def _page_note(line, page_starts):
    """Where a line of the text read from a PDF is printed, so a person can find it."""
    page = page_of_line(line, page_starts)
    return f" (line {line} of the text read from the PDF is on page {page})" if page else ""


def _user(username):
    if not username:
        return None
    found = get_user_model().objects.filter(username=username).first()
    if found is None:
        raise CommandError(f"No user has the user name {username!r}.")
    return found


def _body(slug):
    if not slug:
        return None
    found = Body.objects.filter(slug=slug).first()
    if found is None:
        slugs = ", ".join(Body.objects.values_list("slug", flat=True)) or "none recorded"
        raise CommandError(f"No body has the slug {slug!r}. Bodies: {slugs}.")
    return found


def _style(name):
    try:
        return check_style(name)
    except ImportRefused as refusal:
        raise CommandError(str(refusal)) from None


def _expand(names):
    """The files to import: each file named, and the readable files of each folder named."""
    paths = []
    for name in names:
        path = Path(name)
        if not path.is_dir():
            paths.append(path)
            continue
        found = sorted(
            child
            for child in path.iterdir()
            if child.is_file() and child.suffix.lower() in READABLE_SUFFIXES
        )
        if not found:
            raise CommandError(
                f"The folder {name} holds no PDF, Word (.docx) or text (.txt) files to import."
            )
        paths += found
    return paths


def _import(text, *, source, settings):
    body, style = settings["body"], settings["style"]
    accept = ()
    confirm_names = settings["confirm_names"]
    if settings["accept_requests"]:
        preview = import_text(
            text,
            source=source,
            body=body,
            dry_run=True,
            style=style,
            confirm_names=confirm_names,
        )
        accept = [proposal.key for proposal in preview.proposals]
    return import_text(
        text,
        source=source,
        body=body,
        user=settings["user"],
        create_people=settings["create_people"],
        accept=accept,
        dry_run=settings["dry_run"],
        style=style,
        confirm_names=confirm_names,
    )


def summary_table(outcomes):
    """The outcomes as a plain-text table, one row a file, then the totals."""
    rows = [Outcome.COLUMNS, *(outcome.cells() for outcome in outcomes)]
    refused = sum(outcome.verdict == "refused" for outcome in outcomes)
    widths = [max(len(row[column]) for row in rows) for column in range(len(Outcome.COLUMNS))]
    numeric = range(1, len(Outcome.COLUMNS) - 1)
    lines = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(f"{len(outcomes)} file(s): {len(outcomes) - refused} read, {refused} refused.")
    if any("/" in cell for row in rows[1:] for cell in row[1:-1]):
        lines.append(
            "A count n/m: only n of the m the minutes hold were imported (see the report)."
        )
    return "\n".join(["", "Summary:", *lines])
