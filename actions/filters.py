"""The action log's filters, shared by the /actions/ pages and the API.

Sorting is the page's own (actions.views.ActionPageFilter): the API's lists come in a fixed
order that a cursor can resume (panel.api.StandardPagination).
"""

import django_filters
from django.db.models import F
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from actions.models import Action, Owner
from meetings.api_filter_fields import (
    BooleanFilter,
    UpdatedSinceFilter,
    body_filter,
    event_filter,
    reference_filter,
)
from meetings.api_filters import date_filter
from panel.filtering import OneFormClass


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Undated actions sort last both ways (PostgreSQL and SQLite disagree on NULLs)."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = F(value.lstrip("-"))
        return field.desc(nulls_last=True) if value.startswith("-") else field.asc(nulls_last=True)


class ActionFilter(OneFormClass, django_filters.FilterSet):
    """Filters for the action log. Every query parameter is declared here."""

    # Short labels: the action log's page draws these fields (actions.views.ActionPageFilter).
    body = body_filter("meeting__body", "Actions that arose at this body's meetings.", "Body")
    meeting = event_filter("meeting", "Actions that arose at this meeting.", "Meeting")
    owner = reference_filter(
        Owner,
        "owner",
        (3, None, "the owners listed in /api/v1/actions/"),
        "owners",
        slugs=False,
        help_text="Actions of this owner (a person or an office such as OPCC).",
        label="Owner",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Action.Status.choices, label="Status", distinct=False
    )
    rag = django_filters.ChoiceFilter(
        choices=Action.Rag.choices, method="filter_rag", label="RAG rating"
    )
    overdue = extend_schema_field(
        {
            "type": "boolean",
            "description": "true: actions past their due date and still outstanding; false: "
            "the rest. true or false (1 or 0); anything else is a 400.",
        }
    )(BooleanFilter(method="filter_overdue", label="Overdue"))
    due_after = date_filter("due_date", "gte", "Due on or after (YYYY-MM-DD)")
    due_before = date_filter("due_date", "lte", "Due on or before (YYYY-MM-DD)")
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="Text")
    updated_since = UpdatedSinceFilter(
        "actions",
        label="Only actions changed at or after this time (ISO 8601 with its UTC offset, e.g. "
        "2024-05-01T09:30:00Z), or whose meeting, item, owners, history or visibility did. "
        "rag and overdue follow today's date, not a change: work them out from due_date and "
        "status, or read the list again. Apply /api/v1/deletions/ with the same time.",
    )

    class Meta:
        model = Action
        fields = []

    def filter_rag(self, queryset, name, value):
        return queryset.with_rag_value(value, on=timezone.localdate())

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue(on=timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
