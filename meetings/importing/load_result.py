"""What an import reports: its result, the requests it proposes, its wording of counts and dates."""

from dataclasses import dataclass, field

from meetings.importing.report import Report


@dataclass
class Proposal:
    """A request in the minutes that could become an action, if an officer accepts it."""

    key: str
    meeting: str
    reference: str
    text: str
    line: int
    origin: str


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), and what it could not reconcile."""

    source: str
    created: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    report: Report = field(default_factory=Report)
    proposals: list = field(default_factory=list)
    new_people: list = field(default_factory=list)
    # Spellings that look like someone without matching exactly (``near_misses.NearMiss``).
    near_misses: list = field(default_factory=list)
    dry_run: bool = False
    # What the minutes hold against what was written, and the shortfalls found (see
    # ``load_summary``): the report leads with them.
    summary: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    # The same counts, per set of minutes (recorded or not): [(what, seen, imported)], items
    # first; read by the bulk summary table of ``import_minutes``.
    tallies: list = field(default_factory=list)

    def total(self, what):
        """(seen, imported) of ``what`` over every set of minutes; None when there are none."""
        found = [(seen, got) for counts in self.tallies for w, seen, got in counts if w == what]
        if not found:
            return None
        return sum(seen for seen, _ in found), sum(got for _, got in found)

    @property
    def nothing_changed(self):
        return not self.created

    @property
    def headline(self):
        if self.nothing_changed:
            return (
                f"Nothing changed: everything in {self.source} is already recorded."
                if self.unchanged
                else f"Nothing to import from {self.source}."
            )
        verb = "Would import" if self.dry_run else "Imported"
        return f"{verb} {self.source}."

    def as_text(self):
        lines = [self.headline]
        if self.summary:
            lines.append("Seen in the minutes and imported:")
            lines += [f"  {line}" for line in self.summary]
        lines += [f"WARNING: {warning}" for warning in self.warnings]
        if self.created:
            lines.append("Would create:" if self.dry_run else "Created:")
            lines += [f"  {line}" for line in self.created]
        if self.unchanged:
            lines.append("Already recorded (unchanged):")
            lines += [f"  {line}" for line in self.unchanged]
        if self.proposals:
            lines.append("Requests that could become actions (not created unless accepted):")
            lines += [f"  [{p.key}] {p.meeting}, {p.reference}: {p.text}" for p in self.proposals]
        lines.append("Anomaly report:")
        lines.append(self.report.as_text())
        return "\n".join(lines)


def counted(number, singular, plural=None):
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _fmt(date):
    return f"{date:%-d %B %Y}"
