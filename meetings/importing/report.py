"""What the importer could not reconcile, and the refusal it gives when it cannot go on."""

from dataclasses import dataclass, field


class ImportRefused(Exception):
    """The document cannot be imported; nothing was written. Says where and what was expected."""

    def __init__(self, message, *, line=None):
        self.line = line
        self.detail = message
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass(frozen=True, slots=True)
class Anomaly:
    """One doubt the officer should check: a name matched loosely, a date that disagrees."""

    kind: str
    message: str
    line: int | None = None

    KINDS = {
        "shortfall": "Fewer imported than the minutes hold",
        "unread": "Not a name: not imported",
        "missed": "Decision or vote not read",
        "count": "Printed count disagrees",
        "name": "Name matched, not exactly",
        "new_person": "Person not found",
        "ambiguous": "Name matches more than one person",
        "near_miss": "Same person? Confirm the name",
        "declared_absent": "Declared an interest, not listed as present",
        "honorific": "Title does not fit the person",
        "duplicate": "Listed twice",
        "not_present": "Not listed as present",
        "unresolved": "Could not be identified",
        "date": "Dates disagree",
        "status": "Status wording not recognised",
        "skipped": "Already recorded",
        "note": "Note",
    }

    @property
    def label(self):
        return self.KINDS.get(self.kind, self.kind)

    def __str__(self):
        where = f"line {self.line}: " if self.line else ""
        return f"[{self.label}] {where}{self.message}"


@dataclass
class Report:
    """The anomaly report of one document, in the order the lines appear."""

    anomalies: list = field(default_factory=list)

    def add(self, kind, message, line=None):
        anomaly = Anomaly(kind, message, line)
        if anomaly not in self.anomalies:
            self.anomalies.append(anomaly)
        return anomaly

    def extend(self, other):
        for anomaly in other.anomalies:
            self.add(anomaly.kind, anomaly.message, anomaly.line)

    def sorted(self):
        return sorted(self.anomalies, key=lambda a: (a.line or 0, a.kind, a.message))

    def of_kind(self, *kinds):
        return [a for a in self.sorted() if a.kind in kinds]

    def grouped(self):
        """The anomalies with the ones that matter most first, each group in line order.

        A shortfall, a name that could not be read, a decision or vote not read come before
        the loose matches, and "person not found" (expected on a first import) comes last.
        """
        order = {kind: position for position, kind in enumerate(PRIORITY)}
        return sorted(
            self.anomalies,
            key=lambda a: (order.get(a.kind, len(PRIORITY)), a.line or 0, a.message),
        )

    def __iter__(self):
        return iter(self.grouped())

    def __len__(self):
        return len(self.anomalies)

    def as_text(self):
        if not self.anomalies:
            return "Nothing to report: every name and date was reconciled."
        grouped = self.grouped()
        new = [a for a in grouped if a.kind == "new_person"]
        lines = [f"  {a}" for a in grouped if a.kind != "new_person" or len(new) <= COLLAPSED]
        if len(new) > COLLAPSED:
            # Expected on a first import from a new body: one line, so it buries nothing.
            names = ", ".join(a.message.split("\u201d")[0].lstrip("\u201c") for a in new)
            lines.append(
                f"  [{new[0].label}] {len(new)} names match nobody recorded (first at line "
                f"{min(a.line or 0 for a in new)}): {names}. New people will be created if you "
                "confirm that (the box on the import page, or --create-people)."
            )
        return "\n".join(lines)


# More "person not found" lines than this are given as one line in the text report.
COLLAPSED = 5
PRIORITY = (
    "shortfall", "unread", "missed", "count", "ambiguous", "near_miss", "declared_absent",
    "not_present", "honorific",
    "duplicate", "date", "name", "unresolved", "status", "skipped", "note", "new_person",
)  # fmt: skip
