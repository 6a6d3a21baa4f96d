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
        "name": "Name matched, not exactly",
        "new_person": "Person not found",
        "ambiguous": "Name matches more than one person",
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

    def __iter__(self):
        return iter(self.sorted())

    def __len__(self):
        return len(self.anomalies)

    def as_text(self):
        if not self.anomalies:
            return "Nothing to report: every name and date was reconciled."
        return "\n".join(f"  {anomaly}" for anomaly in self.sorted())
