"""The action log's filters, shared by the /actions/ pages and the API.

Sorting is the page's own (actions.views.ActionPageFilter): the API's lists come in a fixed
order that a cursor can resume (panel.api.StandardPagination).
"""

import django_filters
from django.db.models import F
from django.utils import timezone

from actions.models import Action, Owner
from meetings.models import Body, Meeting
from panel.filtering import OneFormClass


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Undated actions sort last both ways (PostgreSQL and SQLite disagree on NULLs)."""

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = F(value.lstrip("-"))
        return field.desc(nulls_last=True) if value.startswith("-") else field.asc(nulls_last=True)


class ActionFilter(OneFormClass, django_filters.FilterSet):
    """Filters for the action log. Every query parameter is declared here."""

    body = django_filters.ModelChoiceFilter(
        field_name="meeting__body",
        to_field_name="slug",
        queryset=Body.objects.all(),
        label="Body",
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=Meeting.objects.select_related("body"), label="Meeting"
    )
    owner = django_filters.ModelChoiceFilter(
        field_name="owners", queryset=Owner.objects.all(), label="Owner"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Action.Status.choices, label="Status", distinct=False
    )
    rag = django_filters.ChoiceFilter(
        choices=Action.Rag.choices, method="filter_rag", label="RAG rating"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label="Text")

    class Meta:
        model = Action
        fields = []

    def filter_rag(self, queryset, name, value):
        return queryset.with_rag_value(value, on=timezone.localdate())

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue(on=timezone.localdate()).values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)
