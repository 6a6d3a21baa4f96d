"""The register of a meeting as a form: one row per person, a mark each, and the Chair."""

from django import forms
from django.db.models import Q

from meetings.models import Person
from meetings.register import MARKS, NOT_RECORDED, Mark

EXTRA_ROWS = 3


def substitute_people(meeting):
    """Who may substitute: anyone who has sat on the body, as member or named substitute."""
    return Person.objects.filter(memberships__body_id=meeting.body_id).distinct()


class RegisterRowForm(forms.Form):
    """One person's mark. A row the register lists carries its person hidden; a blank row
    added at the foot chooses a person (an officer in attendance, a visiting councillor)."""

    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False)
    mark = forms.ChoiceField(
        choices=MARKS, widget=forms.RadioSelect, required=False, initial=NOT_RECORDED
    )
    substitute = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label="Substituted by"
    )

    def __init__(self, *args, meeting, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.listed = bool(self.initial.get("person"))
        if self.listed:
            self.fields["person"].widget = forms.HiddenInput()
        else:
            self.fields["person"].choices = choices["person"]
        self.fields["substitute"].queryset = substitute_people(meeting)
        # The drop-downs' options, read once for the whole register rather than once a row.
        self.fields["substitute"].choices = choices["substitute"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mark") and not cleaned.get("person"):
            self.add_error("person", "Choose the person this mark is for, or leave it blank.")
        return cleaned

    def as_mark(self):
        data = self.cleaned_data
        if not data.get("person"):
            return None
        return Mark(data["person"], data.get("mark") or NOT_RECORDED, data.get("substitute"))


def _choices(queryset, empty_label):
    return list(forms.ModelChoiceField(queryset=queryset, empty_label=empty_label).choices)


class BaseRegisterFormSet(forms.BaseFormSet):
    def __init__(self, *args, meeting, **kwargs):
        self.meeting = meeting
        self.choices = {
            "person": _choices(Person.objects.all(), "Choose a person"),
            "substitute": _choices(substitute_people(meeting), "No substitute"),
        }
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "meeting": self.meeting, "choices": self.choices}

    def clean(self):
        if any(self.errors):
            return
        people = [m.person.pk for m in self.marks()]
        if len(people) != len(set(people)):
            raise forms.ValidationError("A person is on the register twice: keep one row each.")

    def marks(self):
        return [mark for form in self.forms if (mark := form.as_mark()) is not None]


RegisterFormSet = forms.formset_factory(
    RegisterRowForm, formset=BaseRegisterFormSet, extra=EXTRA_ROWS, max_num=400
)


class ChairForm(forms.Form):
    chair = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="In the Chair",
        empty_label="Nobody recorded",
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = Person.objects.filter(
            Q(pk__in=[person.pk for person in people])
        )
