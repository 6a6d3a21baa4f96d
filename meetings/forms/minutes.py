"""What a step of the minutes' lifecycle asks for on its admin page, built from the step's
declaration (meetings.services.STEPS)."""

from django import forms
from django.db.models import Prefetch, Q

from meetings import services
from meetings.forms.record import normalise_text, same_text
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Resolution,
)

NEXT_MEETINGS_OFFERED = 3


def resolution_label(resolution):
    item = resolution.item
    reference = item.number or str(item.order)
    if resolution.number:
        reference = f"{reference}.{resolution.number}"
    text = resolution.text if len(resolution.text) <= 140 else f"{resolution.text[:139]}…"
    return f"{item.meeting}, minute {reference}: {text}"


def confirming_choices(minutes):
    """The resolutions offered to confirm ``minutes``, grouped, most likely first.

    Any resolution of a later, held meeting of the body that mentions minutes; and every
    other resolution of the next few such meetings, for minutes confirmed in other words.
    """
    meeting = minutes.meeting
    candidates = services.confirming_resolutions(minutes).select_related("item__meeting__body")
    next_meetings = (
        Meeting.objects.filter(
            body_id=meeting.body_id, date__gt=meeting.date, status=Meeting.Status.HELD
        )
        .order_by("date", "pk")
        .values("pk")[:NEXT_MEETINGS_OFFERED]
    )
    offered = candidates.filter(
        Q(text__icontains="minute")
        | Q(item__meeting__in=list(next_meetings.values_list("pk", flat=True)))
    ).order_by("item__meeting__date", "item__order", "number", "pk")
    date = f"{meeting.date:%-d %B %Y}"
    these, about_minutes, others = [], [], []
    for resolution in offered:
        text = resolution.text.lower()
        group = these if date.lower() in text else about_minutes if "minute" in text else others
        group.append(resolution)
    groups = [
        (f"Resolutions that mention the minutes of {date}", these),
        ("Other resolutions about minutes", about_minutes),
        ("Other resolutions of the next meetings", others),
    ]
    return [(label, rows) for label, rows in groups if rows]


class ConfirmingResolutionField(forms.ChoiceField):
    """The resolution confirming the minutes, chosen from those that can (grouped)."""

    def __init__(self, minutes, **kwargs):
        self.groups = confirming_choices(minutes)
        self.resolutions = {row.pk: row for _, rows in self.groups for row in rows}
        meeting = minutes.meeting
        super().__init__(
            choices=[
                ("", "Choose the resolution"),
                *(
                    (label, [(str(row.pk), resolution_label(row)) for row in rows])
                    for label, rows in self.groups
                ),
            ],
            label="Confirming resolution",
            help_text=(
                f"Resolutions of meetings of {meeting.body} held after {meeting.date:%-d %B %Y}."
                if self.resolutions
                else f"No meeting of {meeting.body} held after {meeting.date:%-d %B %Y} has "
                "resolutions recorded: record that meeting as held, with the resolution "
                "confirming these minutes, then come back."
            ),
            error_messages={
                "required": "Choose the resolution of a later meeting that confirmed the minutes.",
                "invalid_choice": f"That is not a resolution of a later, held meeting of "
                f"{meeting.body}: choose one from the list.",
            },
            **kwargs,
        )
        mentioning = (
            self.groups[0][1]
            if self.groups and self.groups[0][0].startswith("Resolutions that mention")
            else []
        )
        if len(mentioning) == 1:
            self.initial = str(mentioning[0].pk)

    def clean(self, value):
        value = super().clean(value)
        return self.resolutions[int(value)]


class MinutesStepForm(forms.Form):
    """What one step of the minutes' lifecycle asks for, built from its declaration.

    The fields follow the step (services.STEPS): a confirming resolution, the record's texts
    to correct, and a note that is required when the step says so. ``service_kwargs`` gives
    what the step's service takes.
    """

    def __init__(self, *args, step, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.step, self.minutes = step, minutes
        self.sections = {}
        if step.asks_resolution:
            self.fields["resolution"] = ConfirmingResolutionField(minutes)
        if step.asks_corrections:
            self._add_correction_fields()
        self.fields["note"] = forms.CharField(
            label=step.note_label,
            required=bool(step.note_required),
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
            error_messages={"required": step.note_required},
        )

    # A correction: each correctable value of the record, as it is now.

    def _field(self, name, field, initial):
        field.initial = initial
        self.fields[name] = field
        return self[name]

    def _add_correction_fields(self):
        meeting = self.minutes.meeting
        items = (
            AgendaItem.objects.filter(meeting=meeting)
            .prefetch_related(
                Prefetch("resolutions", queryset=Resolution.objects.order_by("number", "pk"))
            )
            .order_by("order", "pk")
        )
        self.sections["items"] = []
        for item in items:
            reference = item.number or str(item.order)
            title = self._field(
                f"item-{item.pk}-title",
                forms.CharField(
                    label=f"Title of item {reference}",
                    max_length=300,
                    widget=forms.TextInput(attrs={"class": "vLargeTextField"}),
                ),
                item.title,
            )
            minute = self._field(
                f"item-{item.pk}-minutes_text",
                forms.CharField(
                    label=f"Minute {reference}",
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 6, "class": "vLargeTextField"}),
                ),
                item.minutes_text,
            )
            resolutions = []
            for resolution in item.resolutions.all():
                number = f"{reference}.{resolution.number}" if resolution.number else reference
                resolutions.append(
                    (
                        resolution,
                        self._field(
                            f"resolution-{resolution.pk}-text",
                            forms.CharField(
                                label=f"Resolution {number}",
                                widget=forms.Textarea(
                                    attrs={"rows": 3, "class": "vLargeTextField"}
                                ),
                            ),
                            resolution.text,
                        ),
                    )
                )
            self.sections["items"].append((item, title, minute, resolutions))
        self.sections["attendances"] = [
            (
                row,
                self._field(
                    f"attendance-{row.pk}-status",
                    forms.ChoiceField(
                        label=f"{row.person.name}: attendance", choices=Attendance.Status
                    ),
                    row.status,
                ),
                self._field(
                    f"attendance-{row.pk}-is_chair",
                    forms.BooleanField(label=f"{row.person.name}: in the Chair", required=False),
                    row.is_chair,
                ),
                self._field(
                    f"attendance-{row.pk}-role",
                    forms.CharField(
                        label=f"{row.person.name}: role", max_length=200, required=False
                    ),
                    row.role,
                ),
            )
            for row in Attendance.objects.filter(meeting=meeting)
            .select_related("person")
            .order_by("order", "pk")
        ]
        self.sections["declarations"] = [
            (
                row,
                self._field(
                    f"declaration-{row.pk}-interest_type",
                    forms.ChoiceField(
                        label=f"{row.person.name}: kind of interest",
                        choices=Declaration.InterestType,
                    ),
                    row.interest_type,
                ),
                self._field(
                    f"declaration-{row.pk}-all_items",
                    forms.BooleanField(
                        label=f"{row.person.name}: all substantive items", required=False
                    ),
                    row.all_items,
                ),
                self._field(
                    f"declaration-{row.pk}-reason",
                    forms.CharField(
                        label=f"{row.person.name}: reason",
                        widget=forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
                    ),
                    row.reason,
                ),
            )
            for row in Declaration.objects.filter(meeting=meeting)
            .select_related("person")
            .order_by("pk")
        ]

    def _changes(self, prefix, row, names):
        """{field: new value} for the fields of ``row`` this submission changes."""
        changes = {}
        for name in names:
            key = f"{prefix}-{row.pk}-{name}"
            value = self.cleaned_data.get(key)
            current = getattr(row, name)
            if isinstance(current, str) and key not in self.data:
                continue  # not sent (a page older than the row): not an order to blank it
            if isinstance(current, str):
                if same_text(current, value):
                    continue
                value = normalise_text(value)
            elif value == current:
                continue
            changes[name] = value
        return changes

    def corrections(self):
        """What the correction changes, as minutes_correct takes it (only what changed)."""
        items, resolutions, attendances, declarations = {}, {}, {}, {}
        for item, _, _, rows in self.sections["items"]:
            if changes := self._changes("item", item, ("title", "minutes_text")):
                items[item.pk] = changes
            for resolution, _ in rows:
                if changes := self._changes("resolution", resolution, ("text",)):
                    resolutions[resolution.pk] = changes["text"]
        for row, *_ in self.sections["attendances"]:
            if changes := self._changes("attendance", row, ("status", "is_chair", "role")):
                attendances[row.pk] = changes
        for row, *_ in self.sections["declarations"]:
            fields = ("interest_type", "all_items", "reason")
            if changes := self._changes("declaration", row, fields):
                declarations[row.pk] = changes
        return {
            "items": items,
            "resolutions": resolutions,
            "attendances": attendances,
            "declarations": declarations,
        }

    def service_kwargs(self):
        kwargs = {"note": normalise_text(self.cleaned_data["note"])}
        if self.step.asks_resolution:
            kwargs["resolution"] = self.cleaned_data["resolution"]
        if self.step.asks_corrections:
            kwargs.update(self.corrections())
        return kwargs

    def add_refusal(self, refusal):
        """Show the service's refusal beside the input it names, or above the form."""
        field = getattr(refusal, "field", None)
        self.add_error(field if field in self.fields else None, refusal)
