"""Pages of the action log: outstanding actions, one action, my actions, the report.

Every queryset starts from ``Action.objects.visible_to(audience)`` (meetings.visibility), so
an action the public may not see never reaches them, and declares what its template reads, so
the number of queries does not grow with the rows. The filters' meeting and owner lists are
drawn from the same visible actions, so they cannot reveal what the visitor may not see.
"""

import csv

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import DetailView, FormView, ListView, TemplateView, View
from django_filters.views import FilterMixin

from actions import counts as counts_module
from actions.filters import ActionFilter, NullsLastOrderingFilter
from actions.forms import ReportMeetingForm
from actions.models import (
    Action,
    ActionEvent,
    Owner,
    prefetch_history,
    prefetch_owners,
    readers_key,
    visible_actions,
)
from actions.progress import ProgressUpdate, may_report_on
from actions.reports import actions_arising_report
from actions.templatetags.action_table import ROW_COLUMNS
from meetings.models import Body, Meeting, Membership
from meetings.visibility import Audience
from panel.converters import is_id
from panel.prebuilt import prebuilt
from panel.record_version import per_version
from panel.widgets import fixed_options, lighten


class ActionPageFilter(ActionFilter):
    """The shared filters laid out for the page: GOV.UK classes, status as checkboxes, and
    only meetings at which actions arose (loaded with their bodies, whose names they print)."""

    meeting = django_filters.ModelChoiceFilter(queryset=Meeting.objects.none(), label="Meeting")

    ordering = NullsLastOrderingFilter(
        fields=(
            ("due_date", "due"),
            ("meeting_date", "meeting_date"),
            # ?ordering=reference sorts as people read references (actions.references).
            ("reference_key", "reference"),
        ),
        field_labels={
            "due_date": "Due date, soonest first",
            "-due": "Due date, latest first",
            "meeting_date": "Meeting, oldest first",
            "-meeting_date": "Meeting, newest first",
            "reference_key": "Reference",
            "-reference": "Reference, reversed",
        },
        label="Sort by",
    )

    EMPTY_LABELS = {
        "body": "All bodies",
        "meeting": "All meetings",
        "owner": "All owners",
        "rag": "Any rating",
        "ordering": None,  # the first choice, soonest due, is the default order
    }
    OVERDUE_CHOICES = [("", "Overdue or not"), ("true", "Overdue only"), ("false", "Not overdue")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.EMPTY_LABELS.items():
            self.filters[name].extra["empty_label"] = label
        audience = Audience.of(self.request)
        readers = readers_key(audience)

        def visible():
            return Action.objects.visible_to(audience).values("pk")

        self.filters["meeting"].queryset = prebuilt(
            ("action-meetings", readers),
            lambda: (
                Meeting.objects.filter(Exists(visible().filter(meeting=OuterRef("pk"))))
                .select_related("body")
                .order_by("-date")
            ),
        )
        self.filters["owner"].queryset = prebuilt(
            ("action-owners", readers),
            lambda: Owner.objects.filter(Exists(visible().filter(owners=OuterRef("pk")))),
        )

    @property
    def form(self):
        if not hasattr(self, "_form"):
            fields = super().form.fields
            # The form class is shared (panel.filtering): the meetings and owners offered and
            # accepted are the ones this visitor may see.
            fields["meeting"].queryset = self.filters["meeting"].queryset
            fields["owner"].queryset = self.filters["owner"].queryset
            fields["status"].widget = forms.CheckboxSelectMultiple(choices=fields["status"].choices)
            fields["overdue"].widget = forms.Select(choices=self.OVERDUE_CHOICES)
            for name in ("body", "meeting", "owner", "rag", "overdue", "ordering"):
                fields[name].widget.attrs["class"] = "govuk-select"
            fields["q"].widget.attrs["class"] = "govuk-input"
            fields["q"].label = "Words in the action"
            who = readers_key(Audience.of(self.request))
            # The bodies, the owners of visible actions and the meetings listed change only
            # with the record; the RAG ratings, the overdue choice and the orderings never do.
            meetings = self._list_meetings(fields["meeting"], who)
            lighten(
                self._form,
                stored={
                    "body": "bodies",
                    "owner": f"action-owners:{who}",
                    **({"meeting": meetings} if meetings else {}),
                    "overdue": "action-overdue",
                    "ordering": "action-ordering",
                    **fixed_options(self),
                },
            )
        return self._form

    MEETINGS_LISTED = 100

    def _list_meetings(self, field, who):
        """Offer the meetings of the chosen body, or of every body when they are few.

        A national site has thousands of meetings with actions; a list of them all would
        outweigh the page. Any meeting is still accepted: the field's queryset is unchanged.

        Returns the key under which the options' markup may be kept, or None when the
        visitor chose a meeting that is not listed, which is then offered too.
        """
        body = self.data.get("body", "")
        # The options change only with the record: worked out once per version.
        listed = per_version(
            ("action-filter-meetings", who, body),
            lambda: self._listable_meetings(field, body),
        )
        empty = (
            "All meetings"
            if listed is not None
            else ("All meetings (choose a body to list its meetings)")
        )
        listed = listed or []
        chosen = self.data.get("meeting", "")
        extra = []
        if is_id(chosen) and int(chosen) not in {value for value, _label in listed}:
            extra = self._choices(field, field.queryset.filter(pk=chosen))
        field.widget.choices = [("", empty), *listed, *extra]
        return None if extra else f"action-filter-meetings:{who}:{body}"

    @staticmethod
    def _choices(field, meetings):
        return [(field.prepare_value(m), field.label_from_instance(m)) for m in meetings]

    def _listable_meetings(self, field, body):
        """The choices of meetings (of ``body``, if given) with actions the visitor may see,
        or None when there are too many to list."""
        meetings = field.queryset
        candidates = Meeting.objects.all()
        if body:
            meetings = meetings.filter(body__slug=body)
            candidates = candidates.filter(body__slug=body)
        # Which meetings have actions the visitor may see is a scan of the visible actions
        # (158 ms nationally): ask only when the meetings to choose from are few enough to
        # list, which their primary key index answers at once.
        if candidates.order_by().values("pk")[self.MEETINGS_LISTED : self.MEETINGS_LISTED + 1]:
            return None
        return self._choices(field, meetings)


def with_page_relations(queryset):
    """What the action tables read (``action_row``): the action, the meeting it arose at and
    its body, and its owners (whether it is public is stored on the action itself)."""
    return queryset.select_related("meeting__body").prefetch_related(prefetch_owners())


def rag_counts(queryset, *, audience, filters):
    """How many of ``queryset`` are red, amber and green, and in all: one query, then cached
    for this audience and these ``filters`` (the query string, less paging and sorting) until
    the record changes or the day ends."""
    variant = "&".join(
        f"{name}={value}"
        for name, values in sorted(filters.lists())
        if name not in ("page", "ordering")
        for value in sorted(values)
    )
    return counts_module.rag_counts(queryset, audience=audience, variant=f"list?{variant}")


class CountedPaginator(Paginator):
    """A paginator told how many rows there are (counted with the RAG ratings, and kept
    with them), so a page of the list does not count them again."""

    def __init__(self, *args, count, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


class FilteredActionsMixin(FilterMixin):
    """Actions the visitor may see, outstanding unless a status is chosen, then filtered."""

    filterset_class = ActionPageFilter
    #: The columns the view reads, when not every column: a peer's missing column is then
    #: read for the whole page at once (``FETCH_PEERS``), never row by row.
    columns = None

    def get_queryset(self):
        closed_too = bool(self.request.GET.getlist("status"))

        def build(actions):
            actions = with_page_relations(actions).order_by(
                F("due_date").asc(nulls_last=True), "meeting_date", "reference_key", "pk"
            )
            if self.columns:
                actions = actions.only(*self.columns).fetch_mode(models.FETCH_PEERS)
            return actions if closed_too else actions.outstanding()

        name = "list" if closed_too else "list-outstanding"
        if self.columns:
            name = f"{name}-{type(self).__name__}"
        return visible_actions(Audience.of(self.request), name, build)

    def filtered_actions(self):
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs


class ActionListView(FilteredActionsMixin, ListView):
    """/actions/: outstanding actions, filterable and sortable, with the RAG counts."""

    template_name = "actions/action_list.html"
    context_object_name = "actions"
    paginate_by = 25  # a page a reader scans; also half the rendering of 50
    columns = ROW_COLUMNS

    def get(self, request, *args, **kwargs):
        self.object_list = self.filtered_actions()
        self.counts = rag_counts(
            self.object_list, audience=Audience.of(self.request), filters=self.request.GET
        )
        return self.render_to_response(self.get_context_data())

    def get_paginator(self, queryset, per_page, **kwargs):
        return CountedPaginator(
            queryset, per_page, count=self.counts[counts_module.TOTAL], **kwargs
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["rag_counts"] = [
            (rag, label, self.counts[rag]) for rag, label in Action.Rag.choices
        ]
        context["showing_closed"] = bool(self.request.GET.getlist("status"))
        context["ordering"] = self.request.GET.get("ordering", "")
        return context


CSV_COLUMNS = [
    "Reference",
    "Body",
    "Meeting date",
    "Text",
    "Owners",
    "Due date",
    "Target meeting",
    "Status",
    "Status as reported",
    "RAG",
    "Page",
    "Completed on",
    "Latest update",
]


def with_export_columns(actions):
    """``actions`` with ``completed_at`` (when it last reached complete, None unless it is
    complete now) and ``latest_update`` (its newest history row's note, else that row's
    wording), each one subquery, so the export's queries do not grow with its rows."""
    history = ActionEvent.objects.filter(action=OuterRef("pk")).order_by("-at", "-pk")
    completed = history.filter(to_status=Action.Status.COMPLETE).values("at")[:1]
    latest = history.annotate(
        update=Coalesce(NullIf(F("note"), Value("")), F("status_wording"), output_field=TextField())
    ).values("update")[:1]
    return actions.annotate(completed_at=Subquery(completed), latest_update=Subquery(latest))


def csv_safe(value):
    """Stop a spreadsheet from reading a cell as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class ActionExportView(FilteredActionsMixin, View):
    """/actions/export.csv: the list as filtered on the page, as CSV."""

    def get(self, request, *args, **kwargs):
        actions = self.filtered_actions()
        if self.filterset.is_bound and not self.filterset.is_valid():
            problems = "; ".join(
                f"{self.filterset.form.fields[name].label}: {' '.join(errors)}"
                if name in self.filterset.form.fields
                else " ".join(errors)
                for name, errors in self.filterset.form.errors.items()
            )
            return HttpResponse(
                f"The filters could not be applied, so nothing was exported. {problems}\n",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="actions-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        # The byte-order mark ("utf-8-sig") tells Excel the file is UTF-8: "£", not "Â£".
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_COLUMNS)
        for action in with_export_columns(actions.select_related("target_meeting__body")):
            completed = action.completed_at if action.status == Action.Status.COMPLETE else None
            writer.writerow(
                csv_safe(value)
                for value in (
                    action.reference,
                    action.meeting.body.label,
                    action.meeting.date.isoformat(),
                    action.text,
                    "; ".join(owner.name for owner in action.owner_list),
                    action.due_date.isoformat() if action.due_date else "",
                    action.target_meeting or "",
                    action.get_status_display(),
                    action.status_wording,
                    Action.Rag(action.rag).label if action.rag else "",
                    request.build_absolute_uri(action.get_absolute_url()),
                    timezone.localdate(completed).isoformat() if completed else "",
                    action.latest_update or "",
                )
            )
        return response


class ActionDetailView(DetailView):
    """/actions/<pk>/: one action with its full history."""

    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_queryset(self):
        history = ActionEvent.objects.select_related("actor", "signed_off_at__body").order_by(
            "at", "pk"
        )
        return (
            Action.objects.visible_to(Audience.of(self.request))
            .with_rag()
            .select_related(
                "meeting__body",
                "item",
                "resolution",
                "target_meeting__body",
                "signed_off_at__body",
            )
            .prefetch_related(prefetch_owners(), prefetch_history(history))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        audience = Audience.of(self.request)
        action = self.object
        # Officers' names are shown to members and staff; the public sees what changed and when.
        context["show_actors"] = audience.sees_actors
        # The item and resolution are shown as the record's rules allow, which may be less
        # than the action itself (an owner's restricted action from a private item).
        context["item"] = action.item if audience.may_read_item(action.item) else None
        context["resolution"] = (
            action.resolution if audience.may_read_resolution(action.resolution) else None
        )
        context.update(progress_context(self.request.user, action))
        return context


def progress_context(user, action):
    """The latest accepted progress update, for everyone who may see the action; for its
    owners (and staff), the way to report progress and their updates awaiting review."""
    updates = list(action.progress_updates.select_related("author")[:20])
    accepted = [u for u in updates if u.status == ProgressUpdate.Status.ACCEPTED]
    reporting = not action.is_closed and may_report_on(user, action)
    return {
        "latest_update": accepted[0] if accepted else None,
        "can_report": reporting,
        "own_updates": [
            u for u in updates if reporting and u.status != ProgressUpdate.Status.ACCEPTED
        ],
    }


class MyActionsView(LoginRequiredMixin, ListView):
    """/actions/mine/: the actions the signed-in user answers for (as an owner, or from
    resolutions they moved), then the outstanding actions of the bodies they sit on."""

    template_name = "actions/action_mine.html"
    context_object_name = "actions"

    def get_queryset(self):
        user = self.request.user
        visible = Action.objects.visible_to(Audience.of(self.request))
        mine = visible.owned_by_user(user).values("pk")
        self.bodies = Body.objects.filter(
            pk__in=Membership.objects.current().filter(person__user=user).values("body")
        ).order_by("name")
        return (
            with_page_relations(
                visible.filter(Q(pk__in=mine) | Q(meeting__body__in=self.bodies))
                .annotate(answers_for=Exists(mine.filter(pk=OuterRef("pk"))))
                .with_rag()
            )
        ).order_by(F("due_date").asc(nulls_last=True), "meeting_date", "reference_key", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actions = list(context["actions"])
        mine = [a for a in actions if a.answers_for]
        context["outstanding"] = [a for a in mine if not a.is_closed]
        context["closed"] = [a for a in mine if a.is_closed]
        context["bodies"] = list(self.bodies)
        context["body_actions"] = [a for a in actions if not a.answers_for and not a.is_closed]
        return context


class ReportChooseView(FormView):
    """/actions/report/: choose the meeting an "Actions arising" report is for."""

    template_name = "actions/report_choose.html"
    form_class = ReportMeetingForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "meeting" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return redirect("actions:action_report", meeting_pk=form.cleaned_data["meeting"].pk)
        return self.render_to_response(self.get_context_data(form=form))


class ReportMixin:
    def get_report(self):
        meeting = get_object_or_404(
            Meeting.objects.select_related("body"), pk=self.kwargs["meeting_pk"]
        )
        return actions_arising_report(meeting=meeting, audience=Audience.of(self.request))


class ReportView(ReportMixin, TemplateView):
    """/actions/report/<meeting>/: the "Actions arising" report as a printable page."""

    template_name = "actions/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.get_report()
        return context


class ReportTextView(ReportMixin, View):
    """/actions/report/<meeting>.txt: the same report as plain text, ready to paste."""

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        response = HttpResponse(report.as_text(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (
            f'inline; filename="actions-arising-{report.meeting.date:%Y-%m-%d}.txt"'
        )
        return response
