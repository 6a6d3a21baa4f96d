"""Filters for the record's public pages (members, decisions, work programme); the API's
are in meetings.api_filters. Page filters are named ...PageFilter, as the meetings page's is.

Every query parameter a page accepts is declared here, with an error message that
says what was wrong and how to put it right.
"""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from meetings import search
from meetings.models import Body, Membership, Person, Resolution, WorkProgrammeEntry
from meetings.search_kinds import DECISIONS
from panel.filtering import OneFormClass

WIDGET_CLASSES = {
    forms.Select: "govuk-select",
    forms.TextInput: "govuk-input",
    forms.SearchInput: "govuk-input",
    forms.DateInput: "govuk-input govuk-input--width-10",
}


class GovukForm(forms.Form):
    """A filter form drawn with GOV.UK Frontend classes; a field with an error is marked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for widget_class, css in WIDGET_CLASSES.items():
                if type(field.widget) is widget_class:
                    field.widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "")
                error_class = (
                    "govuk-select--error" if "govuk-select" in base else "govuk-input--error"
                )
                if error_class not in base:
                    widget.attrs["class"] = f"{base} {error_class}".strip()


class DateRangePageForm(GovukForm):
    """A filter form whose date_from and date_to, when both given, must be in order."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to",
                "The \u201cto\u201d date must be the same as or after the \u201cfrom\u201d date.",
            )
        return cleaned


class YearFilter(django_filters.NumberFilter):
    """A four-digit year, entered as text (GOV.UK advises against number inputs)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
            ),
        )
        message = "Enter the year as four digits, for example 2023."
        kwargs.setdefault(
            "error_messages", {"invalid": message, "min_value": message, "max_value": message}
        )
        kwargs.setdefault("lookup_expr", "year")
        super().__init__(*args, **kwargs)


def page_date_filter(field_name, lookup_expr, label):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=label,
        help_text="For example, 26/07/2023",
        error_messages={"invalid": "Enter a real date, for example 26/07/2023."},
    )


def page_body_filter(field_name):
    return django_filters.ModelChoiceFilter(
        field_name=field_name,
        to_field_name="slug",
        queryset=Body.objects.all(),
        label="Body",
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )


def page_cursor_filter():
    """Where a page of search results starts (``after``) or ends (``before``): written by
    the page's own Previous and Next links, and applied by the view, which pages by keyset."""
    return django_filters.CharFilter(method="leave_to_view", widget=forms.HiddenInput)


class ResolutionPageFilter(OneFormClass, django_filters.FilterSet):
    """The decisions register: resolutions by body, year or dates, kind and words."""

    q = django_filters.CharFilter(
        method="filter_text",
        label="Words in the decision",
        help_text="Every word must appear, in any order.",
        widget=forms.SearchInput,
    )
    after = page_cursor_filter()
    before = page_cursor_filter()
    body = page_body_filter("item__meeting__body")
    year = YearFilter(field_name="meeting_date", label="Year")
    date_from = page_date_filter("meeting_date", "gte", "From")
    date_to = page_date_filter("meeting_date", "lte", "To")
    kind = django_filters.ChoiceFilter(
        choices=Resolution.Kind.choices,
        label="Kind of decision",
        empty_label="All kinds",
        error_messages={"invalid_choice": "Choose a kind of decision from the list."},
    )

    class Meta:
        model = Resolution
        fields = []
        form = DateRangePageForm

    def filter_text(self, queryset, name, value):
        return DECISIONS.match(queryset, value)

    def leave_to_view(self, queryset, name, value):
        return queryset

    @property
    def search_text(self):
        """The words searched for, when the form is valid and has some."""
        return self.form.cleaned_data.get("q") if self.is_bound and self.is_valid() else ""


class PersonPageFilter(OneFormClass, django_filters.FilterSet):
    """People by name, and by the body and period of their membership.

    Body and status are applied together in filter_queryset, so "current members of the
    Board" means one membership that is both, not any two memberships.
    """

    CURRENT, PAST = "current", "past"

    q = django_filters.CharFilter(label="Name")
    body = page_body_filter("memberships__body")
    status = django_filters.ChoiceFilter(
        choices=[(CURRENT, "Current members"), (PAST, "Past members")],
        label="Show",
        empty_label="Current and past members",
        error_messages={"invalid_choice": "Choose current or past members."},
    )

    class Meta:
        model = Person
        fields = []
        form = GovukForm

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        queryset = queryset.search(data["q"]) if data.get("q") else queryset
        condition = self.membership_condition()
        if condition:
            queryset = queryset.filter(pk__in=Membership.objects.filter(condition).values("person"))
        return queryset

    def membership_condition(self, on=None):
        """The Q selecting memberships of the chosen body and period (empty when neither)."""
        data = (
            self.form.cleaned_data if self.is_bound and hasattr(self.form, "cleaned_data") else {}
        )
        on = on or timezone.localdate()
        condition = Q()
        if data.get("body"):
            condition &= Q(body=data["body"])
        if data.get("status") == self.CURRENT:
            condition &= Q(end_date__isnull=True) | Q(end_date__gte=on)
        elif data.get("status") == self.PAST:
            condition &= Q(end_date__lt=on)
        return condition


class WorkProgrammePageFilter(OneFormClass, django_filters.FilterSet):
    """Work programme entries by body, kind, status and whether they have a meeting yet."""

    body = page_body_filter("body")
    kind = django_filters.ChoiceFilter(
        choices=WorkProgrammeEntry.Kind.choices,
        label="Kind",
        empty_label="All kinds",
        error_messages={"invalid_choice": "Choose a kind of entry from the list."},
    )
    status = django_filters.ChoiceFilter(
        choices=WorkProgrammeEntry.Status.choices,
        label="Status",
        empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list."},
    )
    scheduled = django_filters.BooleanFilter(
        field_name="meeting", lookup_expr="isnull", exclude=True, label="Has a meeting"
    )

    class Meta:
        model = WorkProgrammeEntry
        fields = []
        form = GovukForm


class SearchForm(GovukForm):
    """The site search: the words, and (to see more of one kind) the kind and a page."""

    q = forms.CharField(
        label="Search decisions, minutes, agenda items, actions, people and meetings",
        help_text="Every word must appear, in any order.",
        widget=forms.SearchInput,
        min_length=2,
        max_length=200,
        error_messages={
            "required": "Enter a word or phrase to search for.",
            "min_length": "Enter at least 2 characters to search for.",
            "max_length": "Enter no more than 200 characters to search for.",
        },
    )
    kind = forms.ChoiceField(
        choices=search.kind_choices,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose a kind of result from the list."},
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput)
    before = forms.CharField(required=False, widget=forms.HiddenInput)
