"""Forms for the record's admin pages: the checks that span the rows of one submission.

A model's own ``clean()`` and constraints see one row against the database. On a meeting's
page several rows arrive together (two attendance rows, an attendance row and the declaration
that depends on it), so the formsets here compare the rows of the submission with each other.
"""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.forms.models import BaseInlineFormSet

from meetings.models import AgendaItem, Attendance, normalise_name


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


class AgendaItemFormSet(ConstraintMessageFormSet):
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


class AttendanceFormSet(ConstraintMessageFormSet):
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


class MeetingItemsForm(forms.ModelForm):
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


class DeclarationFormSet(BaseInlineFormSet):
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
