"""Forms for the action log: what each workflow step asks for, and the report's meeting choice.

The workflow steps' form is built from each step's declaration (services.STEPS), so it asks
for what the step's service takes and says what the step says when something is missing.
"""

from django import forms

from actions.models import Owner
from meetings.models import Meeting


def meeting_choices():
    """Meetings newest first, with their body loaded (their names print the body)."""
    return Meeting.objects.select_related("body").order_by("-date", "-start_time")


class ActionStepForm(forms.Form):
    """What one workflow step asks for, built from its declaration (services.STEPS).

    ``many`` words the fields for several actions at once (the admin's bulk page). Given the
    one ``action`` the step is for, a sign-off offers only the meetings on or after the one at
    which the action arose. ``service_kwargs`` gives what the step's service takes.
    """

    def __init__(self, *args, step, many=False, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        for need in step.asks:
            self.fields[need.name] = need_field(need, many=many, action=action)

    def service_kwargs(self):
        # A blank wording keeps the wording each action already has.
        return {
            name: (value or None) if name == "status_wording" else value
            for name, value in self.cleaned_data.items()
        }


def need_field(need, *, many, action):
    """The form field that asks for ``need`` (a services.Need)."""
    label, missing = need.wording(many)
    options = {
        "label": label,
        "help_text": need.help_text,
        "required": need.required,
        "error_messages": {"required": missing} if missing else {},
    }
    if need.kind == "meeting":
        meetings = meeting_choices()
        if action is not None:
            meetings = meetings.filter(date__gte=action.meeting.date)
        options["error_messages"]["invalid_choice"] = (
            "That meeting is not in the record: choose one from the list."
        )
        return forms.ModelChoiceField(queryset=meetings, **options)
    if need.kind == "wording":
        return forms.CharField(max_length=300, **options)
    return forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        **options,
    )


class ActionFromResolutionForm(forms.Form):
    """What to add when a resolution becomes an action: who owns it and when it is due."""

    owners = forms.ModelMultipleChoiceField(
        queryset=Owner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Owners (optional)",
    )
    due_date = forms.DateField(
        required=False,
        label="Due date (optional)",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the due date as a real date, e.g. 2023-10-09."},
    )
    target_meeting = forms.ModelChoiceField(
        queryset=meeting_choices(),
        required=False,
        label="Meeting it should come back to (optional)",
    )

    def service_kwargs(self):
        return {
            "owners": list(self.cleaned_data["owners"]),
            "due_date": self.cleaned_data["due_date"],
            "target_meeting": self.cleaned_data["target_meeting"],
        }


class ReportMeetingForm(forms.Form):
    """Choose the meeting an "Actions arising" report is for."""

    meeting = forms.ModelChoiceField(
        queryset=meeting_choices(),
        label="Meeting the report is for",
        help_text="The report lists actions from the meetings held before it.",
        error_messages={
            "required": "Choose the meeting the report is for.",
            "invalid_choice": "That meeting is not in the record: choose one from the list.",
        },
    )
