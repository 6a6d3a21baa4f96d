"""The filters the API's endpoints declare.

What a client may read is decided in meetings.visibility (``Audience``); the filters whose
matches depend on it (text in items and minutes, people in attendance) ask it too.

Every query parameter an endpoint accepts is declared in its FilterSet, with a message that
says what was wrong; the API turns an invalid value into a 400 naming the parameter. Sorting
(``?ordering=``) and paging are the paginator's (panel.api.StandardPagination): a cursor can
only resume on an order the viewset declares.
"""

import django_filters
from django.db.models import Q
from django.utils import timezone

from meetings.api_filter_fields import (
    BooleanFilter,
    Reference,
    UpdatedSinceFilter,
    body_filter,
    event_filter,
    person_filter,
)
from meetings.models import (
    Body,
    Meeting,
    Membership,
    Person,
    Resolution,
    WorkProgrammeEntry,
)
from meetings.visibility import Audience
from panel.filtering import OneFormClass

# --- Filters ------------------------------------------------------------------------------


def multiple_choice_filter(choices, help_text, field_name=None):
    return django_filters.MultipleChoiceFilter(
        field_name=field_name,
        choices=choices,
        label=help_text,
        error_messages={
            "invalid_choice": "%(value)s is not one of the allowed values: see the "
            "documentation at /api/docs/."
        },
    )


# A date_to before date_from is not an error: like any filter that nothing has, it matches
# nothing (a range is two filters, each a date the schema allows).
def date_filter(field_name, lookup_expr, help_text):
    return django_filters.DateFilter(
        field_name=field_name,
        lookup_expr=lookup_expr,
        label=help_text,
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD, for example 2023-07-26."},
    )


class AudienceFilterSet(OneFormClass, django_filters.FilterSet):
    """A FilterSet whose text and person filters respect what the client may read."""

    @property
    def audience(self):
        return Audience.of(self.request)


class OrganizationFilter(OneFormClass, django_filters.FilterSet):
    classification = multiple_choice_filter(
        Body.Kind.choices, "Kind of body; repeat for several.", field_name="kind"
    )
    active = BooleanFilter(field_name="is_active", label="Whether the body still meets.")
    q = django_filters.CharFilter(method="filter_text", label="Text in the name or abbreviation.")
    updated_since = UpdatedSinceFilter("organizations")

    class Meta:
        model = Body
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))


class PersonFilter(OneFormClass, django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_text", label="Text in any of the person's names or other spellings."
    )
    body = body_filter("memberships__body", "People with a membership of this body.")
    current = BooleanFilter(
        method="filter_current", label="true: people holding a membership today."
    )
    updated_since = UpdatedSinceFilter("people")

    class Meta:
        model = Person
        fields = []

    def filter_queryset(self, queryset):
        # A person with two memberships of one body is still one row.
        return super().filter_queryset(queryset).distinct()

    def filter_text(self, queryset, name, value):
        return queryset.filter(pk__in=Person.objects.search(value).values("pk"))

    def filter_current(self, queryset, name, value):
        holders = Membership.objects.current().values("person_id")
        return queryset.filter(pk__in=holders) if value else queryset.exclude(pk__in=holders)


class MembershipFilter(OneFormClass, django_filters.FilterSet):
    body = body_filter()
    person = person_filter(field_name="person")
    role = multiple_choice_filter(Membership.Role.choices, "Role; repeat for several.")
    current = BooleanFilter(method="filter_current", label="true: memberships that hold today.")
    active_on = django_filters.DateFilter(
        method="filter_active_on",
        label="Memberships that held on this date (YYYY-MM-DD).",
        error_messages={"invalid": "Enter a real date as YYYY-MM-DD, for example 2023-07-26."},
    )
    updated_since = UpdatedSinceFilter("memberships")

    class Meta:
        model = Membership
        fields = []

    def filter_current(self, queryset, name, value):
        current = Membership.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class EventFilter(AudienceFilterSet):
    body = body_filter()
    classification = multiple_choice_filter(
        Meeting.Kind.choices, "Kind of meeting; repeat for several.", field_name="kind"
    )
    status = multiple_choice_filter(Meeting.Status.choices, "Status; repeat for several.")
    date_from = date_filter("date", "gte", "Meetings on or after this date (YYYY-MM-DD).")
    date_to = date_filter("date", "lte", "Meetings on or before this date (YYYY-MM-DD).")
    upcoming = BooleanFilter(
        method="filter_upcoming",
        label="true: from today on, not cancelled; false: before today.",
    )
    person = person_filter("filter_person", "Meetings whose published record lists this person.")
    q = django_filters.CharFilter(
        method="filter_text",
        label="Text in the meeting's title or venue, or in an item's title, description or "
        "minute that the client may read.",
    )
    updated_since = UpdatedSinceFilter("events")

    class Meta:
        model = Meeting
        fields = []

    def filter_upcoming(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.upcoming(on=today) if value else queryset.past(on=today)

    def filter_person(self, queryset, name, value: Reference):
        attended = self.audience.attendances().filter(person__in=value.ids())
        return queryset.filter(pk__in=attended.values("meeting_id"))

    def filter_text(self, queryset, name, value):
        audience = self.audience
        items = audience.items().filter(Q(title__icontains=value) | Q(description__icontains=value))
        minuted = audience.items().filter(
            minutes_text__icontains=value, meeting__in=audience.minuted_meetings()
        )
        return queryset.filter(
            Q(title__icontains=value)
            | Q(venue__icontains=value)
            | Q(pk__in=items.values("meeting_id"))
            | Q(pk__in=minuted.values("meeting_id"))
        )


class MotionFilter(OneFormClass, django_filters.FilterSet):
    body = body_filter("item__meeting__body")
    event = event_filter("item__meeting", "The meeting the motion was decided at.")
    date_from = date_filter(
        "item__meeting__date", "gte", "Decided on or after this date (YYYY-MM-DD)."
    )
    date_to = date_filter(
        "item__meeting__date", "lte", "Decided on or before this date (YYYY-MM-DD)."
    )
    classification = multiple_choice_filter(
        Resolution.Kind.choices, "Kind of resolution; repeat for several.", field_name="kind"
    )
    result = multiple_choice_filter(
        Resolution.Outcome.choices, "Outcome of a motion; repeat for several.", "outcome"
    )
    is_motion = BooleanFilter(label="true: motions moved and seconded by named members.")
    person = person_filter("filter_person", "Motions this person moved or seconded.")
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="Text.")
    updated_since = UpdatedSinceFilter("motions")

    class Meta:
        model = Resolution
        fields = []

    def filter_person(self, queryset, name, value: Reference):
        people = value.ids()
        return queryset.filter(Q(mover__in=people) | Q(seconder__in=people))


class WorkProgrammeFilter(OneFormClass, django_filters.FilterSet):
    body = body_filter()
    event = event_filter("meeting", "The meeting the entry is planned for.")
    classification = multiple_choice_filter(
        WorkProgrammeEntry.Kind.choices, "Kind of entry; repeat for several.", "kind"
    )
    status = multiple_choice_filter(
        WorkProgrammeEntry.Status.choices, "Status; repeat for several."
    )
    scheduled = BooleanFilter(
        field_name="meeting",
        lookup_expr="isnull",
        exclude=True,
        label="true: entries with a meeting; false: still to be scheduled.",
    )
    date_from = date_filter(
        "meeting__date", "gte", "Planned for a meeting on or after this date (YYYY-MM-DD)."
    )
    date_to = date_filter(
        "meeting__date", "lte", "Planned for a meeting on or before this date (YYYY-MM-DD)."
    )
    q = django_filters.CharFilter(method="filter_text", label="Text in the title or comments.")
    updated_since = UpdatedSinceFilter("work-programme")

    class Meta:
        model = WorkProgrammeEntry
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(comments__icontains=value))
