"""Forms for a meeting's record on its admin pages: the checks that span the rows of one
submission, and the refusal of changes once the minutes are published.

A model's own ``clean()`` and constraints see one row against the database. On a meeting's
page several rows arrive together (two attendance rows, an attendance row and the declaration
that depends on it), so the formsets here compare the rows of the submission with each other.

Once a meeting's minutes are published, its record changes only through a correction
(meetings.services): ``RecordRowForm`` and ``RecordRowsFormSet`` refuse any other change to it,
saying why and what to do instead.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Resolution,
    normalise_name,
)
from meetings.wording import and_join


def kept_forms(formset):
    """The filled-in forms of a formset that will be saved, not those marked for deletion."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not (formset.can_delete and formset._should_delete_form(form))
    ]


def pk_of(value):
    """A related object's key, whether the form cleaned it to an instance or kept the key."""
    return getattr(value, "pk", value)


class ConstraintMessageFormSet(BaseInlineFormSet):
    """Reports two rows that break a unique constraint with the constraint's own message.

    Django's formsets compare rows against each other for every unconditional unique
    constraint, but word the error generically ("Please correct the duplicate data for meeting
    and person"); the model's message says what is wrong in the Panel's terms.
    """

    def get_unique_error_message(self, unique_check):
        for constraint in self.model._meta.constraints:
            if (
                isinstance(constraint, UniqueConstraint)
                and constraint.condition is None
                and set(constraint.fields) == set(unique_check)
            ):
                return constraint.get_violation_error_message()
        return super().get_unique_error_message(unique_check)

    def get_form_error(self):
        return "This row repeats another: correct or remove one of them."

    def constraint_message(self, name):
        """The message of the model's constraint called ``name``."""
        constraint = next(c for c in self.model._meta.constraints if c.name == name)
        return constraint.get_violation_error_message()


# --- The published record: changed only by a correction -----------------------------------

# How the refusals name what was changed, per model of the record.
RECORD_NOUNS = {
    Meeting: "the declarations of interest",
    AgendaItem: "items' titles and minute text",
    Resolution: "resolutions",
    Attendance: "attendance rows",
    Declaration: "declarations of interest",
}
FIELD_NOUNS = {"no_declarations": "\u201cThere were no declarations\u201d"}
ROW_NOUNS = {
    AgendaItem: "an agenda item",
    Resolution: "a resolution",
    Attendance: "an attendance row",
    Declaration: "a declaration of interest",
}


def same_text(first, second):
    """Whether two texts read the same: browsers send line breaks as CRLF, and forms strip."""
    return normalise_text(first) == normalise_text(second)


def normalise_text(value):
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def correction_link(minutes, message):
    """``message``, with a link to the page that records a correction of ``minutes``."""
    url = reverse("admin:meetings_minutes_step", args=[minutes.pk, "correct"])
    label = services.STEPS["correct"].label
    return format_html('{} <a href="{}">{} on these minutes</a>.', message, url, label)


def meeting_after_change(form):
    """The meeting a row of the record will belong to once ``form`` is saved."""
    for name in ("meeting", "item"):
        value = form.cleaned_data.get(name)
        if value is not None:
            return value if name == "meeting" else value.meeting
    return services.meeting_of_record_row(form.instance)


class RecordRowForm(forms.ModelForm):
    """A row of a meeting's record (the meeting, an item, a resolution, attendance, a declaration).

    Once the meeting's minutes are published, a change to the record's fields
    (services.RECORD_FIELDS), or a new row, is refused with the reason and what to do instead;
    nothing of the submission is saved, and what was typed stays on the page. Removing a row
    is refused by :class:`RecordRowsFormSet`. Other fields (page ranges, confidentiality)
    stay editable.
    """

    def clean(self):
        cleaned = super().clean()
        self.refuse_changes_to_published_record()
        return cleaned

    def record_changes(self):
        """The record's fields this submission really changes (not just a line ending)."""
        changed = []
        for name in services.RECORD_FIELDS[self._meta.model]:
            if name not in self.changed_data or name not in self.cleaned_data:
                continue
            before = self.get_initial_for_field(self.fields[name], name)
            after = self.cleaned_data[name]
            if isinstance(after, str) and same_text(before, after):
                # Keep the published text exactly as it was, line endings included.
                self.cleaned_data[name] = before
                continue
            changed.append(name)
        return changed

    def refuse_changes_to_published_record(self):
        model = self._meta.model
        adding = self.instance._state.adding
        changed = self.record_changes()
        parent = next((n for n in ("meeting", "item") if n in self.changed_data), None)
        moved = not adding and parent is not None and model is not Meeting
        if not (adding or changed or moved):
            return
        before = None if adding else services.meeting_of_record_row(self.instance)
        after = meeting_after_change(self)
        # Unsaved meetings have no minutes; a row that stays put names its meeting once.
        meeting_ids = dict.fromkeys(m.pk for m in (before, after) if m is not None and m.pk)
        for meeting_id in meeting_ids:
            minutes = services.published_minutes_of(meeting_id)
            if minutes is None:
                continue
            if adding or moved:
                verb = "added" if adding else "moved to another meeting"
                self.add_error(
                    None,
                    services.record_fixed_message(minutes, f"{ROW_NOUNS[model]} cannot be {verb}"),
                )
                return
            fixed = [n for n in changed if n not in services.CORRECTABLE_FIELDS.get(model, ())]
            for name in changed:
                self.add_error(name, "Changed only by a correction of the published minutes.")
            if fixed:
                nouns = and_join(
                    FIELD_NOUNS.get(n, f"the {str(self.fields[n].label).lower()}") for n in fixed
                )
                self.add_error(
                    None, services.record_fixed_message(minutes, f"{nouns} cannot change")
                )
            else:
                message = services.record_locked_message(minutes, RECORD_NOUNS[model])
                self.add_error(None, correction_link(minutes, message))
            return


class RecordRowsFormSet(ConstraintMessageFormSet):
    """Rows of a published record, on their parent's page: none is removed.

    Each row's form (a :class:`RecordRowForm`) refuses changes and additions; removing a row
    is a formset's business, because Django does not validate a row marked for deletion.
    """

    def clean(self):
        super().clean()
        removed = [
            form
            for form in self.forms
            if form.instance.pk and self.can_delete and self._should_delete_form(form)
        ]
        if not removed:
            return
        minutes = services.published_minutes_of(services.meeting_of_record_row(self.instance))
        if minutes is None:
            return
        for form in removed:
            form.add_error(None, "Not removed: the minutes are published.")
        raise ValidationError(
            services.record_fixed_message(minutes, f"{ROW_NOUNS[self.model]} cannot be removed")
        )


class PersonAliasFormSet(ConstraintMessageFormSet):
    """A person's other spellings: the same spelling (ignoring case and dots) only once."""

    def clean(self):
        super().clean()
        seen = {}
        for form in kept_forms(self):
            name = form.cleaned_data.get("name")
            key = normalise_name(name)
            if not key:
                continue
            if key in seen:
                form.add_error(
                    "name",
                    f"\u201c{name}\u201d is the same spelling as \u201c{seen[key]}\u201d: "
                    "remove one of them.",
                )
                raise ValidationError(self.constraint_message("alias_unique_per_person"))
            seen[key] = name


class AgendaItemFormSet(RecordRowsFormSet):
    """A meeting's items: each printed number once; items of record are not deleted here."""

    def clean(self):
        super().clean()
        self._check_numbers()
        self._check_deletions()

    def _check_numbers(self):
        # The constraint only applies to items that have a number, so Django's own
        # comparison of rows skips it: compare the printed numbers here.
        first_with = {}
        clashes = False
        for form in kept_forms(self):
            number = (form.cleaned_data.get("number") or "").strip()
            if not number:
                continue
            if number in first_with:
                clashes = True
                form.add_error(
                    "number",
                    f"Number {number} is also given to \u201c{first_with[number]}\u201d.",
                )
            else:
                first_with[number] = form.cleaned_data.get("title") or "another item"
        if clashes:
            raise ValidationError(self.constraint_message("item_number_unique_per_meeting"))

    def _check_deletions(self):
        refused = []
        for form in self.forms:
            if not (self.can_delete and self._should_delete_form(form)):
                continue
            item = form.instance
            if item.pk and item.resolutions.exists():
                form.add_error(
                    None, "This item has resolutions of record: it cannot be deleted here."
                )
                refused.append(str(item))
        if refused:
            raise ValidationError(
                f"Not deleted: {', '.join(refused)}. An item whose resolutions are recorded "
                "stays on the record; change its title or text instead."
            )


class AttendanceFormSet(RecordRowsFormSet):
    """A meeting's attendance: each person once, and one person in the Chair.

    The declarations on the same page read :attr:`present_person_ids` to learn who this
    submission records as present before any of it is saved.
    """

    def __init__(self, *args, submission=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submission is not None:
            submission["attendance"] = self

    def clean(self):
        super().clean()
        chairs = [form for form in kept_forms(self) if form.cleaned_data.get("is_chair")]
        if len(chairs) > 1:
            for form in chairs[1:]:
                form.add_error("is_chair", "Another person is already marked in the Chair.")
            names = " and ".join(str(form.cleaned_data.get("person")) for form in chairs)
            raise ValidationError(
                f"{self.constraint_message('attendance_one_chair')} {names} are both marked "
                "\u201cin the Chair\u201d: untick all but one."
            )

    @functools.cached_property
    def present_person_ids(self):
        """Ids of the people this submission records as there (present, in attendance...)."""
        self.is_valid()  # cleans every row, so cleaned_data is there to read
        return {
            pk_of(form.cleaned_data["person"])
            for form in kept_forms(self)
            if form.cleaned_data.get("person")
            and form.cleaned_data.get("status") in Attendance.PRESENT_STATUSES
        }


class MeetingItemsForm(RecordRowForm):
    """A row of a meeting that may name some of its items: only that meeting's items."""

    def clean(self):
        cleaned = super().clean()
        meeting = cleaned.get("meeting")
        items = cleaned.get("items")
        if meeting is not None and items:
            strays = [item for item in items if item.meeting_id != meeting.pk]
            if strays:
                self.add_error(
                    "items",
                    f"{', '.join(str(item) for item in strays)}: not an item of the meeting of "
                    f"{meeting}. Choose items of that meeting only.",
                )
        return cleaned


class DeclarationForm(MeetingItemsForm):
    """One declaration of interest; told who is present when attendance comes with it."""

    def __init__(self, *args, present_person_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if present_person_ids is not None:
            # Declaration.clean() checks the declarer against this set instead of the
            # database, which does not yet hold the attendance submitted with it.
            self.instance.present_person_ids = present_person_ids


class DeclarationFormSet(RecordRowsFormSet):
    """A meeting's declarations, checked against the attendance in the same submission."""

    def __init__(self, *args, submission=None, **kwargs):
        self.submission = submission if submission is not None else {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        attendance = self.submission.get("attendance")
        if self.is_bound and attendance is not None and attendance.is_bound:
            kwargs["present_person_ids"] = attendance.present_person_ids
        return kwargs

    def clean(self):
        super().clean()
        if self.instance.no_declarations and kept_forms(self):
            raise ValidationError(
                "The meeting is marked \u201cThere were no declarations\u201d: untick that "
                "box, or remove these declarations."
            )


def limit_to_meeting_items(form_class, field_name, meeting):
    """Offer only the items of ``meeting`` (none before the meeting is saved)."""
    field = form_class.base_fields.get(field_name)
    if field is not None:
        field.queryset = (
            AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()
        )
