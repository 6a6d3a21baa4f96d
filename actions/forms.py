"""Forms for the action log: what each workflow step asks for, and the report's meeting choice.

Each transition form knows which keyword arguments its service function takes
(``service_kwargs``), so the admin can apply any of them the same way.
"""

from django import forms

from actions.models import Owner
from meetings.models import Meeting


def meeting_choices():
    """Meetings newest first, with their body loaded (their names print the body)."""
    return Meeting.objects.select_related("body").order_by("-date", "-start_time")


class TransitionNoteForm(forms.Form):
    """A step that needs nothing but an optional note for the history."""

    note = forms.CharField(
        label="Note for the history (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the change in each action's history.",
    )

    def service_kwargs(self):
        return {"note": self.cleaned_data["note"]}


class StatusWordingForm(TransitionNoteForm):
    """A step after which the action is reported with new official wording."""

    status_wording = forms.CharField(
        label="Status as it will be reported (optional)",
        required=False,
        max_length=300,
        help_text='For example "complete, attached as an appendix". Leave blank to keep each '
        "action's current wording.",
    )

    def service_kwargs(self):
        # Blank keeps the wording each action already has.
        wording = self.cleaned_data["status_wording"] or None
        return {**super().service_kwargs(), "status_wording": wording}


class SignOffForm(StatusWordingForm):
    """Signing off names the meeting at which it happened."""

    meeting = forms.ModelChoiceField(
        queryset=meeting_choices(),
        label="Meeting at which the actions were signed off",
        error_messages={
            "required": "Choose the meeting at which the actions were signed off.",
            "invalid_choice": "That meeting is not in the record: choose one from the list.",
        },
    )

    field_order = ["meeting", "status_wording", "note"]

    def service_kwargs(self):
        return {**super().service_kwargs(), "meeting": self.cleaned_data["meeting"]}


class ReopenForm(forms.Form):
    """Reopening needs a reason, kept as the history note."""

    note = forms.CharField(
        label="Why the actions are being reopened",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the actions are being reopened."},
    )

    def service_kwargs(self):
        return {"note": self.cleaned_data["note"]}


class WithdrawForm(forms.Form):
    """Withdrawing needs a reason, kept on the action and in its history."""

    reason = forms.CharField(
        label="Why the actions are withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Give the reason the actions are withdrawn."},
    )

    def service_kwargs(self):
        return {"reason": self.cleaned_data["reason"]}


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
