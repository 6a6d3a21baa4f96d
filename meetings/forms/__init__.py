"""Forms for the record's admin pages: a meeting's record (``record``) and the steps of
its minutes' lifecycle (``minutes``)."""

from meetings.forms.minutes import MinutesStepForm
from meetings.forms.record import (
    AgendaItemFormSet,
    AttendanceFormSet,
    DeclarationForm,
    DeclarationFormSet,
    MeetingItemsForm,
    PersonAliasFormSet,
    RecordRowForm,
    RecordRowsFormSet,
    correction_link,
    limit_to_meeting_items,
)

__all__ = [
    "AgendaItemFormSet",
    "AttendanceFormSet",
    "DeclarationForm",
    "DeclarationFormSet",
    "MeetingItemsForm",
    "MinutesStepForm",
    "PersonAliasFormSet",
    "RecordRowForm",
    "RecordRowsFormSet",
    "correction_link",
    "limit_to_meeting_items",
]
