"""The minutes of a meeting, their lifecycle and its append-only history."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from meetings.models.changes import updated_at_field
from meetings.models.meetings import Meeting
from meetings.models.stored_visibility import TracksVisibilityInputs, refresh_visibility
from panel.choice_labels import ChoiceLabels


class MinutesQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status__in=Minutes.PUBLISHED_STATUSES)


class Minutes(TracksVisibilityInputs, ChoiceLabels, models.Model):
    """The minutes of one meeting, and where they stand in their lifecycle."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (not published)"
        PUBLISHED = "published", "Published as draft, subject to confirmation"
        CONFIRMED = "confirmed", "Confirmed as a correct record"

    PUBLISHED_STATUSES = (Status.PUBLISHED, Status.CONFIRMED)

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    confirmed_by = models.ForeignKey(
        "meetings.Resolution",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="confirmed_minutes",
        help_text="The resolution of a later meeting confirming them as a correct record.",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    objects = MinutesQuerySet.as_manager()

    updated_at = updated_at_field()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_by__isnull=False),
                name="minutes_confirmed_by_resolution",
                violation_error_message="Confirmed minutes must name the resolution that "
                "confirmed them.",
            ),
        ]

    def __str__(self):
        return f"Minutes of {self.meeting}"

    # Publishing or withdrawing the minutes publishes or withdraws the meeting's resolutions
    # and the actions arising from them.
    visibility_inputs = ("status", "meeting_id")

    def visibility_inputs_saved(self, *, adding):
        refresh_visibility(meeting_ids=[self.loaded_input("meeting_id"), self.meeting_id])

    def history_for(self, audience):
        """The minutes' history as ``audience`` (a meetings.visibility.Audience) may read it.

        The public sees when the minutes were published, confirmed and corrected, with the
        note and earlier text of a correction unless it touched an item they may not read.
        Steps while the minutes were a draft, and the notes on other steps, are for staff.
        """
        entries = (event.entry_for(audience) for event in self.history.order_by("at", "pk"))
        return [entry for entry in entries if entry is not None]


@receiver(post_delete, sender=Minutes, dispatch_uid="minutes_deleted_refresh_visibility")
def _minutes_deleted(sender, instance, **kwargs):
    """Deleted minutes publish nothing: their meeting's record is no longer public."""
    refresh_visibility(meeting_ids=[instance.meeting_id])


class MinutesEvent(ChoiceLabels, models.Model):
    """An append-only record of one step in a meeting's minutes lifecycle or a correction."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="history")
    from_status = models.CharField(max_length=20, choices=Minutes.Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Minutes.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    snapshot = models.JSONField(
        default=dict, blank=True, help_text="The minutes' text before a correction."
    )

    class Meta:
        ordering = ["minutes", "at", "id"]

    def __str__(self):
        return f"{self.minutes}: {self.from_status or '—'} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("Minutes history is append-only: rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Minutes history is append-only: rows cannot be deleted.")

    @property
    def is_correction(self):
        return self.from_status == self.to_status

    @property
    def description(self):
        """The step as the minutes' history names it."""
        if self.is_correction:
            return "Corrected"
        if self.to_status == Minutes.Status.DRAFT:
            return "Withdrawn from publication" if self.from_status else "Draft started"
        if self.to_status == Minutes.Status.PUBLISHED:
            return "Published as a draft, subject to confirmation"
        return "Confirmed as a correct record"

    def entry_for(self, audience):
        """This step as ``audience`` may read it, or None when it is not for them."""
        staff = audience.may_read_draft_steps()
        if self.to_status == Minutes.Status.DRAFT and not staff:
            return None
        entry = HistoryEntry(at=self.at, description=self.description)
        if self.is_correction:
            entry.earlier, hidden = self.earlier_texts(audience)
            entry.note = "" if hidden else self.note
        elif staff:
            entry.note = self.note
        return entry

    def earlier_texts(self, audience):
        """(the corrected rows' earlier texts ``audience`` may read, whether any was withheld).

        A row of the snapshot carries the confidentiality of the item it belongs to; one the
        audience may not read withholds the correction's note too, which may quote it.
        """
        earlier, hidden = [], False
        for section, describe in _SNAPSHOT_SECTIONS:
            for row in self.snapshot.get(section, []):
                if audience.may_read_confidentiality(row.get("confidentiality")):
                    earlier.extend(describe(row))
                else:
                    hidden = True
        return earlier, hidden

    def earlier_values(self):
        """Every earlier value a correction kept, named field by field as the admin lists them
        for staff ("Item 3, minute", value); unlike ``earlier_texts``, nothing is withheld."""
        return [
            (f"{_snapshot_row_label(section, row)}, {_EARLIER_LABELS.get(name, name)}", value)
            for section, _ in _SNAPSHOT_SECTIONS
            for row in self.snapshot.get(section, ())
            for name, value in row.get("earlier", {}).items()
        ]


@dataclass
class HistoryEntry:
    """One step of the minutes' history as a visitor may read it."""

    at: datetime.datetime
    description: str
    note: str = ""
    earlier: list = field(default_factory=list)


def _item_texts(row):
    for name, text in row.get("earlier", {}).items():
        label = "title" if name == "title" else "text"
        yield (f"Item {row.get('number') or ''}, earlier {label}".strip(), text)


def _resolution_texts(row):
    number = f" resolution {row['number']}" if row.get("number") else " resolution"
    yield (f"Item {row.get('item_number') or ''},{number}, earlier text", row["earlier"]["text"])


def _person_row_texts(model_name):
    """Earlier values of an attendance or declaration row, labelled as the admin labels them."""

    def texts(row):
        # Looked up when read: the record's models import this module, not the reverse.
        model = apps.get_model("meetings", model_name)
        noun = model._meta.verbose_name.capitalize()
        for name, value in row.get("earlier", {}).items():
            label = model._meta.get_field(name).verbose_name
            yield (f"{noun} of {row.get('person')}, earlier {label}", _display(model, name, value))

    return texts


def _display(model, name, value):
    """A stored value as people read it: a choice's label, yes or no."""
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# The sections of a correction's snapshot, in the order the history lists them.
_SNAPSHOT_SECTIONS = (
    ("items", _item_texts),
    ("resolutions", _resolution_texts),
    ("attendances", _person_row_texts("Attendance")),
    ("declarations", _person_row_texts("Declaration")),
)

# How the admin names a corrected field, where the field's name would not read well.
_EARLIER_LABELS = {
    "minutes_text": "minute",
    "is_chair": "in the Chair",
    "interest_type": "kind of interest",
    "all_items": "all substantive items",
}


def _snapshot_row_label(section, row):
    """How a row of a correction's snapshot is named: "Item 3", "Resolution 3.2", ..."""
    if section == "items":
        return f"Item {row.get('number') or row.get('id')}"
    if section == "resolutions":
        number = f".{row['number']}" if row.get("number") else ""
        return f"Resolution {row.get('item_number') or row.get('item_id')}{number}"
    noun = "Attendance" if section == "attendances" else "Declaration"
    return f"{noun} of {row.get('person') or row.get('id')}"
