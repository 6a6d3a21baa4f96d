"""The home page, the meetings list, a meeting's page and its minutes (also as PDF).

Every page starts from what the visitor may read (meetings.visibility's ``Audience``): the
public gets only public items, unrestricted papers and published minutes with their
attendance and declarations; members and staff also read exempt, redacted and sensitive
items; only staff see draft minutes. An item withheld from a visitor is still
listed, by its number, with the reason it was taken in private: its title and text are never
loaded for that visitor. Every queryset declares what its template reads, so the number of
queries does not grow with the rows listed.
"""

import datetime
from dataclasses import dataclass
from itertools import groupby

import django_filters
from django.db.models import FETCH_PEERS, Exists, F, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from meetings import pdf
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Minutes,
)
from meetings.search import filters_key, kept_count
from meetings.visibility import Audience
from panel.filtering import OneFormClass
from panel.prebuilt import prebuilt
from panel.widgets import fixed_options, lighten

HOME_LIST_LENGTH = 5
# The minutes print a section per status, headed by its label, in the order declared.
ATTENDANCE_SECTIONS = tuple(Attendance.Status.choices)


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item as a visitor may see it: the whole item, or only its outline.

    ``outline`` holds what every visitor may know (place, number, confidentiality and why it
    is withheld); ``item`` is the whole item, or None when the visitor may not read it.
    """

    outline: AgendaItem
    item: AgendaItem | None = None

    @property
    def withheld(self):
        return self.item is None

    @property
    def order(self):
        return self.outline.order

    @property
    def number(self):
        return self.outline.number


def agenda_entries(meeting):
    """The meeting's items in agenda order, each readable or withheld (needs the prefetches)."""
    readable = {item.pk: item for item in meeting.readable_items}
    return [
        AgendaEntry(outline=outline, item=readable.get(outline.pk))
        for outline in meeting.agenda_outline
    ]


def closing_in_text(entries):
    """Whether a minute the visitor can read already says when the meeting closed.

    Minutes usually end "There being no other business the meeting closed at 1.46pm"; the
    page then does not print the closing time a second time.
    """
    return any("closed at" in entry.item.minutes_text.lower() for entry in entries if entry.item)


def attendance_sections(meeting):
    """(heading, rows) in the order the minutes print them, omitting empty sections."""
    rows = sorted(meeting.attendances.all(), key=lambda a: (not a.is_chair, a.order, a.pk))
    return [
        (heading, [a for a in rows if a.status == status])
        for status, heading in ATTENDANCE_SECTIONS
        if any(a.status == status for a in rows)
    ]


# What the home page prints of each list, and no more: a meeting's words, a body's
# description and an item's minutes are long and read nowhere on it. A column left out here
# and read by the template costs one query for the list (``FETCH_PEERS``), not one a row.
BODY_LABEL = ("name", "short_name")
HOME_MEETING = ("body", "kind", "title", "date", "start_time", "venue", "is_remote")
HOME_COLUMNS = {
    "next_meetings": (*HOME_MEETING, *(f"body__{f}" for f in BODY_LABEL)),
    "latest_minutes": (
        "meeting",
        *(f"meeting__{f}" for f in ("body", "kind", "title", "date")),
        *(f"meeting__body__{f}" for f in BODY_LABEL),
    ),
    "recent_decisions": (
        "item",
        "text",
        *(f"item__{f}" for f in ("meeting", "order", "number", "title")),
        "item__meeting__body",
        "item__meeting__date",
        *(f"item__meeting__body__{f}" for f in BODY_LABEL),
    ),
}


def _home_list(name, queryset):
    return queryset.only(*HOME_COLUMNS[name]).fetch_mode(FETCH_PEERS)


class HomeView(TemplateView):
    """Next meetings, latest confirmed minutes, recent decisions and outstanding actions."""

    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        audience = Audience.of(self.request)
        today = timezone.localdate()
        # Built once per process (and day, and kind of reader): panel.prebuilt.
        return super().get_context_data(
            next_meetings=prebuilt(
                ("home-next-meetings", today),
                lambda: _home_list(
                    "next_meetings",
                    Meeting.objects.upcoming(on=today)
                    .select_related("body")
                    .order_by("date", "start_time")[:HOME_LIST_LENGTH],
                ),
            ),
            latest_minutes=prebuilt(
                ("home-latest-minutes",),
                lambda: _home_list(
                    "latest_minutes",
                    Minutes.objects.published()
                    .filter(status=Minutes.Status.CONFIRMED)
                    .select_related("meeting__body")
                    .order_by("-meeting__date")[:HOME_LIST_LENGTH],
                ),
            ),
            recent_decisions=prebuilt(
                ("home-recent-decisions", audience.rights),
                lambda: _home_list("recent_decisions", recent_decisions(audience.resolutions())),
            ),
            **kwargs,
        )


def recent_decisions(decisions, count=HOME_LIST_LENGTH):
    """The latest ``count`` of ``decisions``, newest meeting first.

    They are among the decisions of the ``count`` latest meetings that have any, which the
    meetings' date index finds at once; only those are sorted, not every decision on record.
    """
    latest_dates = (
        Meeting.objects.filter(Exists(decisions.filter(item__meeting=OuterRef("pk"))))
        .order_by("-date")
        .values("date")[count - 1 : count]
    )
    return (
        decisions.filter(
            item__meeting__date__gte=Coalesce(Subquery(latest_dates), datetime.date.min)
        )
        .select_related("item__meeting__body")
        .order_by("-item__meeting__date", "item__order", "number", "pk")[:count]
    )


def meeting_years(request=None):
    """Every year from the latest meeting's back to the first's (two index lookups)."""
    span = Meeting.objects.aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return []
    years = range(span["last"].year, span["first"].year - 1, -1)
    return [(str(year), str(year)) for year in years]


class MeetingPageFilter(OneFormClass, django_filters.FilterSet):
    """The meetings list's filters: every query parameter the page reads is declared here."""

    year = django_filters.ChoiceFilter(
        field_name="date",
        lookup_expr="year",
        choices=meeting_years,
        label="Year",
        empty_label="All years",
        error_messages={
            "invalid_choice": "There are no meetings in %(value)s: choose a year from the list."
        },
    )
    body = django_filters.ModelChoiceFilter(
        queryset=Body.objects.all(),
        to_field_name="slug",
        label="Body",
        empty_label="All bodies",
        error_messages={"invalid_choice": "That body is not known: choose one from the list."},
    )
    kind = django_filters.ChoiceFilter(
        choices=Meeting.Kind.choices,
        label="Kind of meeting",
        empty_label="All kinds",
        error_messages={"invalid_choice": "Choose a kind of meeting from the list."},
    )
    status = django_filters.ChoiceFilter(
        choices=Meeting.Status.choices,
        label="Status",
        empty_label="Any status",
        error_messages={"invalid_choice": "Choose a status from the list."},
    )

    class Meta:
        model = Meeting
        fields = []

    @property
    def form(self):
        """The form, with GOV.UK select styling (rendered without a template per option) and
        its errors tied to the fields."""
        form = super().form
        if getattr(form, "_styled", False):
            return form
        form._styled = True
        # Bodies and years change only with the record, kinds and statuses never.
        lighten(form, stored={"body": "bodies", "year": "meeting-years", **fixed_options(self)})
        for name, form_field in form.fields.items():
            attrs = form_field.widget.attrs
            attrs["class"] = "govuk-select"
            if form.is_bound and name in form.errors:
                attrs["class"] += " govuk-select--error"
                attrs["aria-describedby"] = f"{name}-error"
        return form


# What a row of the meetings list prints (record_text.meeting_row), as HOME_COLUMNS; the
# body's name comes as ``body_name``, in the row, without a body made for each meeting.
LIST_COLUMNS = ("body", "kind", "title", "date", "start_time", "status")


class MeetingListView(FilterView):
    """Meetings by year, newest first, filtered by year, body, kind and status."""

    filterset_class = MeetingPageFilter
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    # Two or three years of a body's meetings: a page a reader scans, and half the
    # rendering of 50 rows.
    paginate_by = 25

    def get_queryset(self):
        # Each meeting's minutes come in its own row, as on a meeting's page (``with_minutes``).
        return (
            Meeting.objects.with_minutes(Audience.of(self.request))
            .annotate(body_name=F("body__name"))
            .only(*LIST_COLUMNS, "minutes__meeting", "minutes__status")
            .fetch_mode(FETCH_PEERS)
            .order_by("-date", "-start_time", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page's meetings under a heading for each year (newest first, as they come).
        context["years"] = [
            (year, list(meetings))
            for year, meetings in groupby(context["meetings"], key=lambda m: m.date.year)
        ]
        return context

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        filterset = self.filterset
        if not filterset.is_bound or filterset.is_valid():
            # Thousands of meetings on a national site (2 ms of PostgreSQL to count): counted
            # once per record version and choice of filters. Every reader sees every meeting.
            paginator.count = kept_count(queryset, key=("meetings", filters_key(filterset)))
        return paginator


class MeetingDetailView(DetailView):
    """A meeting: when and where, agenda and papers, attendance, declarations, minutes."""

    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Audience.of(self.request).meeting_records(minuted=False)

    def get_context_data(self, **kwargs):
        meeting = self.object
        return super().get_context_data(
            entries=agenda_entries(meeting),
            attendance=attendance_sections(meeting),
            minutes=meeting.visible_minutes,
            **kwargs,
        )


class MinutesDetailView(DetailView):
    """The minutes of a meeting, laid out as the Panel prints them."""

    template_name = "meetings/minutes_detail.html"
    context_object_name = "minutes"

    def get_object(self, queryset=None):
        self.audience = Audience.of(self.request)
        self.meeting = get_object_or_404(
            self.audience.meeting_records(papers=False),
            pk=self.kwargs["pk"],
        )
        if self.meeting.visible_minutes is None:
            raise Http404("No minutes of this meeting are published.")
        return self.meeting.visible_minutes

    def get_context_data(self, **kwargs):
        minutes = self.object
        confirming_item = minutes.confirmed_by.item if minutes.confirmed_by_id else None
        entries = agenda_entries(self.meeting)
        return super().get_context_data(
            meeting=self.meeting,
            entries=entries,
            closing_in_text=closing_in_text(entries),
            attendance=attendance_sections(self.meeting),
            declarations=list(self.meeting.declarations.all()),
            history=minutes.history_for(self.audience),
            confirming_item=confirming_item,
            **kwargs,
        )


class MinutesPdfView(MinutesDetailView):
    """The same minutes as a tagged PDF to download, printed from the page's own record.

    The context, and so what the visitor may read, is the minutes page's; the template
    includes that page's "minutes-record" partial and lays it out for A4.
    """

    template_name = "meetings/minutes_pdf.html"

    def render_to_response(self, context, **response_kwargs):
        meeting = context["meeting"]
        html = render_to_string(self.template_name, context, request=self.request)
        document = pdf.html_to_pdf(html, base_url=self.request.build_absolute_uri("/"))
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="minutes-{meeting.body.slug}-{meeting.date:%Y-%m-%d}.pdf"'
        )
        return response
