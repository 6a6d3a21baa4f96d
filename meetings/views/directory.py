"""Public pages on people and bodies, the decisions register, the work programme and search.

Every page starts from what the visitor may read (meetings.visibility's ``Audience``):
anonymous visitors get only public items and published minutes; members also see exempt and
redacted items; staff also see draft minutes.
"""

from itertools import groupby
from operator import attrgetter

from django.db.models import (
    FETCH_PEERS,
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone
from django.views.generic import DetailView, ListView, TemplateView

from meetings import search
from meetings.filters import (
    PersonPageFilter,
    ResolutionPageFilter,
    SearchForm,
    WorkProgrammePageFilter,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Membership,
    Person,
    WorkProgrammeEntry,
)
from meetings.search import Cursor, filters_key, kept_count
from meetings.search_kinds import DECISIONS
from meetings.visibility import Audience
from panel.widgets import fixed_options, lighten

# Seats that carry an expectation of attending every meeting; substitutes and standing
# attendees come when asked, so their absence is not recorded against them.
MEMBER_ROLES = (
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.MEMBER,
    Membership.Role.INDEPENDENT,
)
ROLE_RANK = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(Membership.Role.values)),
    default=Value(len(Membership.Role.values)),
)
# The search page shows this many of each kind, and counts them up to SEARCH_OVERVIEW_CAP
# (counting up to a thousand of a common word in long minutes costs tens of milliseconds,
# six kinds at once more); "see all" pages through one kind, counted up to search.CAP.
SEARCH_OVERVIEW_SIZE = 5
SEARCH_OVERVIEW_CAP = 100
SEARCH_PAGE_SIZE = 20


def attendance_record(person, audience, on=None, memberships=None):
    """Per body, the meetings ``person`` was expected at and what became of each.

    Expected: meetings held (or due before ``on`` and not cancelled or postponed) of a body on
    which they held a member's seat that day, whose attendance was taken and may be read by
    ``audience`` (it is part of the minutes). One grouped query, whatever the number of rows;
    none without a seat. ``memberships``: the person's, when already read.
    """
    on = on or timezone.localdate()
    if memberships is None:
        memberships = person.memberships.all()
    # Each seat's meetings by body and dates, which the (body, date) index finds: the cost is
    # the person's meetings. Testing every meeting against their seats read them all (4,920
    # nationally), since PostgreSQL cannot start from the seats of such a test.
    seats = [
        Q(body_id=seat.body_id, date__gte=seat.start_date)
        & (Q() if seat.end_date is None else Q(date__lte=seat.end_date))
        for seat in memberships
        if seat.role in MEMBER_ROLES
    ]
    if not seats:
        return []
    recorded = Attendance.objects.filter(meeting=OuterRef("pk"))
    theirs = Q(attendances__person=person)
    rows = list(
        Meeting.objects.filter(Q.create(seats, connector=Q.OR), Exists(recorded))
        .filter(pk__in=audience.minuted_meetings().values("pk"))
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.POSTPONED])
        .filter(Q(date__lt=on) | Q(status=Meeting.Status.HELD))
        .values("body__name", "body__slug")
        .annotate(
            expected=Count("pk", distinct=True),
            present=Count(
                "attendances",
                filter=theirs & Q(attendances__status__in=Attendance.PRESENT_STATUSES),
            ),
            apologies=Count(
                "attendances", filter=theirs & Q(attendances__status=Attendance.Status.APOLOGIES)
            ),
        )
        .order_by("body__name")
    )
    for row in rows:
        row["absent"] = row["expected"] - row["present"] - row["apologies"]
    return rows


class FilteredListMixin:
    """A list narrowed by a FilterSet; invalid input lists nothing and shows why."""

    filterset_class = None

    def get_filterset(self, queryset):
        return self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )

    @property
    def filter_invalid(self):
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        # Every body is offered to everyone: its options are built once per record version;
        # those of a fixed list of choices, once.
        context["form"] = lighten(
            self.filterset.form, stored={"body": "bodies", **fixed_options(self.filterset)}
        )
        return context


# What a member's page prints of their seats: not a body's description. (The members list
# loads whole rows: narrowing them there cost more Python than the columns it saved.)
SEAT_COLUMNS = ("person", "body", "role", "title", "council", "party", "start_date", "end_date")


class PersonListView(FilteredListMixin, ListView):
    """Members of every body, current and past, with their roles and terms."""

    template_name = "meetings/person_list.html"
    context_object_name = "memberships"
    filterset_class = PersonPageFilter
    # Four or five panels' members: a page a reader scans (at 375 px each row is a card),
    # and half the rendering of 100 rows.
    paginate_by = 50

    def get_queryset(self):
        self.filterset = self.get_filterset(Person.objects.all())
        if self.filter_invalid:
            return Membership.objects.none()
        today = timezone.localdate()
        memberships = Membership.objects.filter(self.filterset.membership_condition(on=today))
        if self.filterset.is_bound and self.filterset.form.cleaned_data.get("q"):
            memberships = memberships.filter(person__in=self.filterset.qs.values("pk"))
        return (
            memberships.select_related("person", "body")
            .annotate(
                is_current=ExpressionWrapper(
                    Q(end_date__isnull=True) | Q(end_date__gte=today), output_field=BooleanField()
                ),
                role_rank=ROLE_RANK,
            )
            .order_by(
                "body__name",
                "-is_current",
                "role_rank",
                "person__family_name",
                "person__given_name",
                "-start_date",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bodies"] = seats_by_body(context["memberships"])
        return context


def seats_by_body(memberships):
    """[(body, [(is_current, [membership, ...]), ...]), ...]: the page's seats under each
    body, then current or past, in the order they come (the queryset sorts by both)."""
    grouped = []
    for _, seats in groupby(memberships, attrgetter("body_id")):
        seats = list(seats)
        periods = groupby(seats, attrgetter("is_current"))
        grouped.append((seats[0].body, [(current, list(period)) for current, period in periods]))
    return grouped


class PersonDetailView(DetailView):
    """One person: their seats, attendance record and declarations of interest."""

    template_name = "meetings/person_detail.html"

    def get_queryset(self):
        return Person.objects.prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("body")
                .only(*SEAT_COLUMNS, "body__name", "body__slug")
                .fetch_mode(FETCH_PEERS)
                .order_by("-start_date", "body__name"),
            )
        )

    def get_declarations(self):
        audience = Audience.of(self.request)
        declarations = list(
            audience.declarations()
            .filter(person=self.object)
            .select_related("meeting__body")
            .only(
                *("meeting", "person", "interest_type", "all_items", "reason"),
                *("meeting__date", "meeting__body", "meeting__body__name"),
                "meeting__body__short_name",
            )
            .fetch_mode(FETCH_PEERS)
            .prefetch_related(
                Prefetch(
                    "items",
                    queryset=AgendaItem.objects.only(
                        "meeting", "order", "number", "title", "confidentiality"
                    ).order_by("order"),
                )
            )
            .order_by("-meeting__date", "id")
        )
        for declaration in declarations:
            items = list(declaration.items.all())
            declaration.shown_items = [i for i in items if audience.may_read_item(i)]
            declaration.private_item_count = len(items) - len(declaration.shown_items)
        return declarations

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        memberships = list(self.object.memberships.all())
        for membership in memberships:
            membership.is_current = membership.end_date is None or membership.end_date >= today
        record = attendance_record(
            self.object, Audience.of(self.request), on=today, memberships=memberships
        )
        context.update(
            memberships=memberships,
            attendance_record=record,
            attendance_totals={
                key: sum(row[key] for row in record)
                for key in ("expected", "present", "apologies", "absent")
            },
            declarations=self.get_declarations(),
        )
        return context


class BodyListView(ListView):
    """Every body whose meetings the site records."""

    template_name = "meetings/body_list.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return Body.objects.order_by("-is_active", "name")


class BodyDetailView(DetailView):
    """One body: what it is, who sits on it now, and its meetings."""

    template_name = "meetings/body_detail.html"
    recent_meetings = 10

    def get_queryset(self):
        return Body.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        meetings = self.object.meetings.all()
        context.update(
            members=self.object.memberships.active_on(today)
            .select_related("person")
            .annotate(role_rank=ROLE_RANK)
            .order_by("role_rank", "person__family_name", "person__given_name"),
            upcoming_meetings=meetings.filter(date__gte=today).order_by("date", "start_time")[
                : self.recent_meetings
            ],
            past_meetings=meetings.past(on=today).order_by("-date", "-start_time")[
                : self.recent_meetings
            ],
        )
        return context


# What a row of the decisions register prints (record_text.decision_row): not the item's
# description and minutes. A column left out costs one query for the page (``FETCH_PEERS``).
# Movers and seconders, of motions only, are read after the page (panel.read_after).
DECISION_COLUMNS = (
    *("item", "number", "text", "kind", "is_motion", "outcome", "meeting_date"),
    *("mover", "seconder"),
    *(f"item__{f}" for f in ("meeting", "order", "number", "title")),
    *(f"item__meeting__{f}" for f in ("body", "date")),
    *(f"item__meeting__body__{f}" for f in ("name", "short_name")),
)
PERSON_NAME = ("given_name", "family_name")


class ResolutionListView(FilteredListMixin, ListView):
    """The decisions register: every resolution the user may read, newest meeting first; with
    words to search for, the best matches first (meetings.search), a page at a time."""

    template_name = "meetings/resolution_list.html"
    context_object_name = "resolutions"
    filterset_class = ResolutionPageFilter
    paginate_by = 25

    def get_queryset(self):
        resolutions = (
            Audience.of(self.request)
            .resolutions()
            .select_related("item__meeting__body")
            .read_after(Person.objects.only(*PERSON_NAME), "mover", "seconder")
            .only(*DECISION_COLUMNS)
            .fetch_mode(FETCH_PEERS)
            .order_by("-meeting_date", "item__meeting__body__name", "item__order", "number")
        )
        self.filterset = self.get_filterset(resolutions)
        self.results = None
        if self.filter_invalid:
            return resolutions.none()
        text = self.filterset.search_text
        if text:
            data = self.filterset.form.cleaned_data
            # What the matches depend on: who reads, the words and the filters (not the page).
            found_by = sorted((k, str(v)) for k, v in data.items() if k not in ("after", "before"))
            self.results = DECISIONS.page(
                self.filterset.qs,
                text,
                size=self.paginate_by,
                count_key=("decisions", Audience.of(self.request).rights, found_by),
                cursor=Cursor.decode(data.get("after"))
                or Cursor.decode(data.get("before"), backwards=True),
            )
        return self.filterset.qs

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.results is None and not self.filter_invalid:
            # Every decision the reader may read, tens of thousands on a national site:
            # counted once per record version, reader and choice of filters.
            audience = Audience.of(self.request)
            key = ("decisions", audience.rights, filters_key(self.filterset))
            paginator.count = kept_count(queryset, key=key)
        return paginator

    def paginate_queryset(self, queryset, page_size):
        # A search pages by keyset in meetings.search, and has its rows already.
        if self.results is not None:
            return (None, None, self.results.rows, False)
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = self.results
        return context


class WorkProgrammeView(FilteredListMixin, ListView):
    """Upcoming meetings with their planned items, items still to be scheduled, and what was
    planned for the most recent meetings already held."""

    template_name = "meetings/workprogramme_list.html"
    context_object_name = "meetings"
    filterset_class = WorkProgrammePageFilter
    paginate_by = 20
    # Past meetings shown (the most recent with planned items): the programme looks ahead, and
    # older meetings' business is in their minutes.
    PAST_LISTED = 12

    def get_queryset(self):
        self.filterset = self.get_filterset(WorkProgrammeEntry.objects.all())
        if self.filter_invalid:
            return Meeting.objects.none()
        meetings = self._with_planned_items(Meeting.objects.upcoming()).order_by(
            "body__name", "date", "start_time"
        )
        return self._of_chosen_body(meetings)

    def _with_planned_items(self, meetings):
        planned = WorkProgrammeEntry.objects.exclude(
            status=WorkProgrammeEntry.Status.DROPPED
        ).order_by("order", "id")
        return meetings.select_related("body").prefetch_related(
            Prefetch("planned_items", queryset=planned)
        )

    def _of_chosen_body(self, meetings):
        body = self.filterset.form.cleaned_data.get("body") if self.filterset.is_bound else None
        return meetings.filter(body=body) if body else meetings

    def past_meetings(self):
        """The most recent meetings already held that had items planned, by body, newest
        first: an entry does not vanish from the programme once its meeting has passed."""
        planned = WorkProgrammeEntry.objects.exclude(status=WorkProgrammeEntry.Status.DROPPED)
        past = self._of_chosen_body(
            self._with_planned_items(
                Meeting.objects.past().filter(Exists(planned.filter(meeting=OuterRef("pk"))))
            )
        ).order_by("-date", "-start_time", "-pk")[: self.PAST_LISTED]
        return sorted(past, key=lambda meeting: meeting.body.name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unscheduled, past = [], []
        if not self.filter_invalid:
            unscheduled = (
                self.filterset.qs.filter(meeting__isnull=True)
                .exclude(
                    status__in=[
                        WorkProgrammeEntry.Status.DROPPED,
                        WorkProgrammeEntry.Status.CONSIDERED,
                    ]
                )
                .select_related("body")
                .order_by("body__name", "kind", "order", "id")
            )
            past = self.past_meetings()
        context["unscheduled"] = unscheduled
        context["past_meetings"] = past
        return context


class SearchView(TemplateView):
    """Search everything the visitor may read, a few results of each kind with a count and a
    link to see all of one kind (meetings.search)."""

    template_name = "meetings/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SearchForm(self.request.GET) if "q" in self.request.GET else SearchForm()
        context["form"] = form
        context["groups"] = None
        if form.is_valid():
            data = form.cleaned_data
            context["kind"] = search.find_kind(data["kind"])
            context["groups"] = self.search(data, context["kind"])
        return context

    def search(self, data, kind):
        audience = Audience.of(self.request)
        if kind is not None:
            cursor = Cursor.decode(data["after"]) or Cursor.decode(data["before"], backwards=True)
            return [kind.search(audience, data["q"], size=SEARCH_PAGE_SIZE, cursor=cursor)]
        return [
            each.search(audience, data["q"], size=SEARCH_OVERVIEW_SIZE, cap=SEARCH_OVERVIEW_CAP)
            for each in search.kinds()
        ]
