"""The action list's filters: body, meeting, RAG rating and overdue."""

from django.contrib import admin
from django.db.models import Count

from actions.models import Action
from meetings.models import Body, Meeting


class StatusListFilter(admin.SimpleListFilter):
    """Status, showing outstanding actions unless another choice (or All) is made: the list
    an officer opens is the work still to do."""

    title = "status"
    parameter_name = "status__exact"
    OUTSTANDING, ALL = "outstanding", "all"

    def lookups(self, request, model_admin):
        return [(self.OUTSTANDING, "Outstanding"), *Action.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or self.OUTSTANDING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.OUTSTANDING:
            return queryset.outstanding()
        if self.value() in Action.Status.values:
            return queryset.filter(status=self.value())
        return queryset


class RagListFilter(admin.SimpleListFilter):
    title = "RAG rating"
    parameter_name = "rag"

    def lookups(self, request, model_admin):
        return Action.Rag.choices

    def queryset(self, request, queryset):
        if self.value() in Action.Rag.values:
            return queryset.with_rag_value(self.value())
        return queryset


class OverdueListFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        overdue = Action.objects.overdue().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class BodyListFilter(admin.SimpleListFilter):
    title = "body"
    parameter_name = "body"

    def lookups(self, request, model_admin):
        bodies = Body.objects.filter(meetings__actions_arising__isnull=False).distinct()
        return [(body.slug, body.label) for body in bodies]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(meeting__body__slug=self.value())
        return queryset


class MeetingListFilter(admin.SimpleListFilter):
    """Only meetings at which actions arose, newest first (the body is loaded with them)."""

    title = "meeting"
    parameter_name = "meeting"

    def lookups(self, request, model_admin):
        meetings = (
            Meeting.objects.annotate(action_count=Count("actions_arising"))
            .filter(action_count__gt=0)
            .select_related("body")
            .order_by("-date")
        )
        return [(str(meeting.pk), str(meeting)) for meeting in meetings]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(meeting_id=int(self.value()))
        return queryset
