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
from dataclasses import dataclass, field

import django_filters
from django.db.models import Exists, Max, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from meetings import pdf
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Minutes,
)
from meetings.pdf import and_join
from meetings.visibility import Audience

HOME_LIST_LENGTH = 5
ATTENDANCE_SECTIONS = (
    (Attendance.Status.PRESENT, "Present"),
    (Attendance.Status.APOLOGIES, "Apologies"),
    (Attendance.Status.ABSENT, "Absent without apologies"),
    (Attendance.Status.IN_ATTENDANCE, "In attendance"),
    (Attendance.Status.ALSO_PRESENT, "Also present"),
)


@dataclass(frozen=True)
class AgendaEntry:
    """One agenda item as a visitor may see it: the whole item, or only that it was private."""

    order: int
    number: str
    confidentiality: str
    paragraphs: tuple
    item: AgendaItem | None = None

    @property
    def withheld(self):
        return self.item is None

    @property
    def is_public(self):
        return self.confidentiality == AgendaItem.Confidentiality.PUBLIC

    @property
    def is_exempt(self):
        return self.confidentiality == AgendaItem.Confidentiality.EXEMPT

    @property
    def confidentiality_label(self):
        return AgendaItem.Confidentiality(self.confidentiality).label

    @property
    def paragraphs_text(self):
        return and_join([str(p) for p in self.paragraphs])

    @property
    def withheld_heading(self):
        return "Item considered in private" if self.is_exempt else "Item not published"

    @property
    def notice(self):
        """What a visitor who may not read the item is told instead."""
        if self.is_exempt:
            return (
                "This item was considered in private (exempt information under "
                f"paragraph{'s' if len(self.paragraphs) > 1 else ''} {self.paragraphs_text} "
                "of Schedule 12A to the Local Government Act 1972)."
                if self.paragraphs
                else "This item was considered in private (exempt information under Schedule "
                "12A to the Local Government Act 1972)."
            )
        if self.confidentiality == AgendaItem.Confidentiality.REDACTED:
            return "This item is not published: its content is redacted."
        return "This item is not published: it is marked Official \u2013 sensitive."


def agenda_entries(meeting):
    """The meeting's items in agenda order, each readable or withheld (needs the prefetches)."""
    readable = {item.pk: item for item in meeting.readable_items}
    return [
        AgendaEntry(
            order=outline.order,
            number=outline.number,
            confidentiality=outline.confidentiality,
            paragraphs=tuple(outline.paragraph_list) if outline.exempt_paragraphs else (),
            item=readable.get(outline.pk),
        )
        for outline in meeting.outline
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


class HomeView(TemplateView):
    """Next meetings, latest confirmed minutes, recent decisions and outstanding actions."""

    template_name = "meetings/home.html"

    def get_context_data(self, **kwargs):
        audience = Audience.of(self.request)
        today = timezone.localdate()
        return super().get_context_data(
            next_meetings=Meeting.objects.upcoming(on=today)
            .select_related("body")
            .order_by("date", "start_time")[:HOME_LIST_LENGTH],
            latest_minutes=Minutes.objects.published()
            .filter(status=Minutes.Status.CONFIRMED)
            .select_related("meeting__body")
            .order_by("-meeting__date")[:HOME_LIST_LENGTH],
            recent_decisions=recent_decisions(audience.resolutions()),
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


class MeetingPageFilter(django_filters.FilterSet):
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
        """The form, with GOV.UK select styling and its errors tied to the fields."""
        form = super().form
        for name, form_field in form.fields.items():
            attrs = form_field.widget.attrs
            attrs["class"] = "govuk-select"
            if form.is_bound and name in form.errors:
                attrs["class"] += " govuk-select--error"
                attrs["aria-describedby"] = f"{name}-error"
        return form


class MeetingListView(FilterView):
    """Meetings by year, newest first, filtered by year, body, kind and status."""

    filterset_class = MeetingPageFilter
    template_name = "meetings/meeting_list.html"
    context_object_name = "meetings"
    paginate_by = 50

    def get_queryset(self):
        audience = Audience.of(self.request)
        return (
            Meeting.objects.select_related("body")
            .prefetch_related(
                Prefetch("minutes", queryset=audience.minutes(), to_attr="visible_minutes")
            )
            .order_by("-date", "-start_time", "-pk")
        )


class MeetingDetailView(DetailView):
    """A meeting: when and where, agenda and papers, attendance, declarations, minutes."""

    template_name = "meetings/meeting_detail.html"
    context_object_name = "meeting"

    def get_queryset(self):
        return Meeting.objects.select_related("body").with_record(Audience.of(self.request))

    def get_context_data(self, **kwargs):
        meeting = self.object
        return super().get_context_data(
            entries=agenda_entries(meeting),
            attendance=attendance_sections(meeting),
            minutes=meeting.visible_minutes,
            **kwargs,
        )


@dataclass
class HistoryEntry:
    """One step of the minutes' history as a visitor may read it."""

    at: datetime.datetime
    description: str
    note: str = ""
    earlier: list = field(default_factory=list)


def describe_event(event):
    if event.from_status == event.to_status:
        return "Corrected"
    if event.to_status == Minutes.Status.DRAFT:
        return "Withdrawn from publication" if event.from_status else "Draft started"
    if event.to_status == Minutes.Status.PUBLISHED:
        return "Published as a draft, subject to confirmation"
    return "Confirmed as a correct record"


def history_entries(events, audience):
    """The minutes' history as the visitor may read it.

    The public sees when the minutes were published, confirmed and corrected, with the note
    and earlier text of a correction unless it touched an item they may not read. Steps
    while the minutes were a draft, and the notes on other steps, are for staff.
    """
    entries = []
    for event in events:
        if event.to_status == Minutes.Status.DRAFT and not audience.may_read_draft_steps():
            continue
        entry = HistoryEntry(at=event.at, description=describe_event(event))
        if event.from_status == event.to_status:
            entry.earlier, hidden = correction_texts(event.snapshot, audience)
            entry.note = "" if hidden else event.note
        elif audience.may_read_draft_steps():
            entry.note = event.note
        entries.append(entry)
    return entries


def correction_texts(snapshot, audience):
    """(earlier texts the visitor may read, whether anything was withheld)."""
    earlier, hidden = [], False
    for row in snapshot.get("items", []):
        if not audience.may_read_confidentiality(row.get("confidentiality")):
            hidden = True
            continue
        for name, text in row.get("earlier", {}).items():
            label = "title" if name == "title" else "text"
            earlier.append((f"Item {row.get('number') or ''}, earlier {label}".strip(), text))
    for row in snapshot.get("resolutions", []):
        if not audience.may_read_confidentiality(row.get("confidentiality")):
            hidden = True
            continue
        number = f" resolution {row['number']}" if row.get("number") else " resolution"
        earlier.append(
            (f"Item {row.get('item_number') or ''},{number}, earlier text", row["earlier"]["text"])
        )
    for key, model in (("attendances", Attendance), ("declarations", Declaration)):
        for row in snapshot.get(key, []):
            if not audience.may_read_confidentiality(row.get("confidentiality")):
                hidden = True
                continue
            for name, value in row.get("earlier", {}).items():
                label = model._meta.get_field(name).verbose_name
                earlier.append(
                    (
                        f"{model._meta.verbose_name.capitalize()} of {row.get('person')}, "
                        f"earlier {label}",
                        field_display(model, name, value),
                    )
                )
    return earlier, hidden


def field_display(model, name, value):
    """A stored value as people read it: a choice's label, yes or no."""
    field = model._meta.get_field(name)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class MinutesDetailView(DetailView):
    """The minutes of a meeting, laid out as the Panel prints them."""

    template_name = "meetings/minutes_detail.html"
    context_object_name = "minutes"

    def get_object(self, queryset=None):
        self.audience = Audience.of(self.request)
        self.meeting = get_object_or_404(
            Meeting.objects.select_related("body").with_record(self.audience),
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
            history=history_entries(minutes.history.order_by("at", "pk"), self.audience),
            confirming_item=confirming_item,
            **kwargs,
        )


class MinutesPdfView(MinutesDetailView):
    """The same minutes, as a PDF to download (built from the same visible rows)."""

    def render_to_response(self, context, **response_kwargs):
        meeting = context["meeting"]
        response = HttpResponse(pdf.minutes_pdf(context), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="minutes-{meeting.body.slug}-{meeting.date:%Y-%m-%d}.pdf"'
        )
        return response
