"""The record in the admin: democratic services keep meetings, attendance and decisions here.

A meeting's page holds its agenda, attendance and declarations; an item's page holds its
papers and resolutions. Checks that span the rows of one submission live in meetings.forms.
Meetings, resolutions and minutes of record are deleted by superusers only, and the minutes'
history is read-only.

The minutes move through their lifecycle only by the steps declared in meetings.services
(STEPS): the minutes' page shows a button for each step their status allows, which opens the
step's page (what the step asks for) and calls its service. Once minutes are published, the
record's forms refuse changes to it (meetings.forms.RecordRowForm) and its rows cannot be
deleted: the record is changed by "Record a correction", which keeps the earlier text.
"""

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count
from django.forms import Textarea
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html, format_html_join

import panel.converters  # noqa: F401 (registers <id:...>)
from meetings import services
from meetings.forms import (
    AgendaItemFormSet,
    AttendanceFormSet,
    DeclarationForm,
    DeclarationFormSet,
    MeetingItemsForm,
    MinutesStepForm,
    PersonAliasFormSet,
    RecordRowForm,
    RecordRowsFormSet,
    correction_link,
    limit_to_meeting_items,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    MinutesEvent,
    Paper,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
    normalise_name,
)
from panel.admin import CheckedSelectionMixin

SHORT_TEXT = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}


def summary(text, length=100):
    return text if len(text) <= length else f"{text[: length - 1]}…"


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


# List filters


class YearListFilter(admin.SimpleListFilter):
    """Rows of one calendar year, by the date of the meeting they belong to."""

    title = "year"
    parameter_name = "year"
    date_field = "date"

    def lookups(self, request, model_admin):
        years = model_admin.model._default_manager.dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(**{f"{self.date_field}__year": int(self.value())})
        return queryset


class MeetingYearFilter(YearListFilter):
    date_field = "meeting__date"


class ItemYearFilter(YearListFilter):
    date_field = "item__meeting__date"


class CurrentMembershipFilter(admin.SimpleListFilter):
    title = "current"
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", "Current"), ("no", "Ended or not yet started")]

    def queryset(self, request, queryset):
        current = Membership.objects.current().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=current)
        if self.value() == "no":
            return queryset.exclude(pk__in=current)
        return queryset


def body_filter(path):
    """Filter by body, offering only the bodies that have rows in this list."""
    return (path, admin.RelatedOnlyFieldListFilter)


# Shared behaviour


class SuperuserDeletesMixin:
    """Rows of record: only a superuser may delete them, whatever permissions a group holds."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class ReadOnlyMixin:
    """Append-only history: shown, never added, changed or deleted through the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PublishedRecordMixin:
    """Rows of a meeting's record: not deleted once the meeting's minutes are published.

    Their forms (meetings.forms.RecordRowForm) refuse changes; here the delete button is
    withheld from such a row, and the bulk delete refuses a selection that holds one.
    """

    # The lookup from a row to its meeting.
    meeting_path = "meeting"

    def has_delete_permission(self, request, obj=None):
        if obj is not None and services.meeting_record_locked(services.meeting_of_record_row(obj)):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if "delete_selected" in actions:
            delete = actions["delete_selected"]
            delete.func = self._refusing_published_rows(delete.func)
        return actions

    def _refusing_published_rows(self, delete_selected):
        def refuse_or_delete(modeladmin, request, queryset):
            published = Minutes.objects.published().filter(
                meeting__in=queryset.values(self.meeting_path)
            )
            minutes = published.select_related("meeting__body").first()
            if minutes is None:
                return delete_selected(modeladmin, request, queryset)
            noun = self.model._meta.verbose_name_plural
            modeladmin.message_user(
                request,
                services.record_fixed_message(minutes, f"its {noun} cannot be deleted")
                + " Nothing was deleted.",
                messages.ERROR,
            )
            return None

        return refuse_or_delete


def record_notice(meeting):
    """On a page of a meeting's record: whether it is published, and how to change it then."""
    minutes = getattr(meeting, "minutes", None) if meeting is not None else None
    if minutes is None:
        return "No minutes yet: the record can be edited here."
    url = reverse("admin:meetings_minutes_change", args=[minutes.pk])
    status = minutes.get_status_display().lower()
    if minutes.status == services.S.DRAFT:
        return format_html(
            '<a href="{}">Minutes</a> {}: the record can be edited here until they are published.',
            url,
            status,
        )
    return correction_link(
        minutes,
        format_html(
            '<a href="{}">Minutes</a> {}: the minute text, titles, resolutions, attendance and '
            "declarations change only through a correction, which keeps the earlier text.",
            url,
            status,
        ),
    )


# Bodies and people


@admin.register(Body)
class BodyAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "is_active", "meeting_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description="Meetings", ordering="meeting_total")
    def meeting_count(self, body):
        return body.meeting_total


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    formset = PersonAliasFormSet
    fields = ["name"]
    extra = 1


@admin.register(Person)
class PersonAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "honorific", "post_nominals", "other_spellings", "email", "has_login"]
    list_filter = [("memberships__body", admin.RelatedOnlyFieldListFilter)]
    # Both hold normalised names (lower case, no dots or accents): see get_search_results.
    search_fields = ["search_name", "aliases__normalised"]
    search_help_text = (
        "Any spelling the papers use, e.g. \u201cCllr. M. Sood\u201d or \u201cAlnatt\u201d."
    )
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "post_nominals", "slug"]}),
        ("Contact and log-in", {"fields": ["email", "user"]}),
    ]
    inlines = [PersonAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("aliases")

    def get_search_results(self, request, queryset, search_term):
        # The papers spell one person many ways ("Cllr. M. Sood", "Councillor Sood"): match
        # the term's normalised words against the name and every other spelling.
        return super().get_search_results(request, queryset, normalise_name(search_term))

    @admin.display(description="Other spellings")
    def other_spellings(self, person):
        return "; ".join(alias.name for alias in person.aliases.all())

    @admin.display(description="Log-in", boolean=True)
    def has_login(self, person):
        return person.user_id is not None


@admin.register(Membership)
class MembershipAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["person", "role", "body", "title", "council", "party", "start_date", "end_date"]
    list_filter = [body_filter("body"), "role", CurrentMembershipFilter]
    search_fields = [
        "person__search_name",
        "person__aliases__normalised",
        "title",
        "council",
        "party",
    ]
    list_select_related = ["person", "body"]
    autocomplete_fields = ["person", "body"]
    date_hierarchy = "start_date"


# Meetings and their parts


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    form = RecordRowForm
    formset = AgendaItemFormSet
    fields = ["order", "number", "title", "confidentiality", "exempt_paragraphs", "page_range"]
    extra = 1
    show_change_link = True
    verbose_name_plural = "agenda (open an item to record its minute, papers and resolutions)"


class AttendanceInline(admin.TabularInline):
    model = Attendance
    form = RecordRowForm
    formset = AttendanceFormSet
    fields = ["person", "status", "is_chair", "role", "substitute_for", "order"]
    autocomplete_fields = ["person", "substitute_for"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class DeclarationInline(admin.TabularInline):
    model = Declaration
    form = DeclarationForm
    formset = DeclarationFormSet
    fields = ["person", "interest_type", "all_items", "items", "reason"]
    autocomplete_fields = ["person"]
    formfield_overrides = SHORT_TEXT
    extra = 0
    verbose_name_plural = "declarations of interest (by people recorded as present above)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_to_meeting_items(formset.form, "items", obj)
        return formset


@admin.register(Meeting)
class MeetingAdmin(CheckedSelectionMixin, SuperuserDeletesMixin, admin.ModelAdmin):
    form = RecordRowForm
    list_display = [
        "date",
        "body_label",
        "heading",
        "kind",
        "status",
        "start_time",
        "place",
        "minutes_status",
    ]
    list_display_links = ["date", "heading"]
    list_filter = [body_filter("body"), YearListFilter, "kind", "status"]
    date_hierarchy = "date"
    search_fields = [
        "title",
        "venue",
        "body__name",
        "body__short_name",
        "items__title",
        "items__minutes_text",
        "items__resolutions__text",
    ]
    search_help_text = (
        "Words from the title, venue, items, minutes or resolutions; a year such as 2023 "
        "narrows to that year."
    )
    list_select_related = ["body", "minutes"]
    autocomplete_fields = ["body"]
    readonly_fields = ["published_record"]
    fieldsets = [
        (None, {"fields": ["body", "kind", "title", "status", "published_record"]}),
        (
            "When and where",
            {"fields": ["date", "start_time", "end_time", "venue", "is_remote", "webcast_url"]},
        ),
        ("Record", {"fields": ["quorate", "no_declarations"]}),
    ]
    inlines = [AgendaItemInline, AttendanceInline, DeclarationInline]
    actions = ["start_minutes"]

    def get_search_results(self, request, queryset, search_term):
        # "CGB 2023" finds the board's meetings of 2023: a year narrows by date, the other
        # words search the text.
        words = search_term.split()
        years = [word for word in words if re.fullmatch(r"(19|20)\d\d", word)]
        for year in years:
            queryset = queryset.filter(date__year=int(year))
        rest = " ".join(word for word in words if word not in years)
        return super().get_search_results(request, queryset, rest)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, (AttendanceInline, DeclarationInline)):
            # The declarations are checked against the attendance submitted with them, which
            # the database does not hold yet: the two formsets of one request share this dict.
            kwargs["submission"] = request.__dict__.setdefault("_meeting_submission", {})
        return kwargs

    @admin.display(description="Body", ordering="body__name")
    def body_label(self, meeting):
        return meeting.body.label

    @admin.display(description="Meeting", ordering="title")
    def heading(self, meeting):
        return meeting.heading

    @admin.display(description="Where")
    def place(self, meeting):
        if meeting.is_remote:
            return f"{meeting.venue} (remote)" if meeting.venue else "Remote"
        return meeting.venue

    @admin.display(description="Minutes", ordering="minutes__status")
    def minutes_status(self, meeting):
        minutes = getattr(meeting, "minutes", None)
        if minutes is None:
            return "None yet"
        url = reverse("admin:meetings_minutes_change", args=[minutes.pk])
        return format_html('<a href="{}">{}</a>', url, minutes.get_status_display())

    @admin.display(description="Minutes")
    def published_record(self, meeting):
        return record_notice(meeting if meeting.pk else None)

    @admin.action(description="Start draft minutes", permissions=["add_minutes"])
    def start_minutes(self, request, queryset):
        started, refused = [], []
        for meeting in queryset.select_related("body"):
            try:
                services.minutes_create(meeting=meeting, user=request.user)
            except ValidationError as error:
                refused.append((meeting, " ".join(error.messages)))
            else:
                started.append(meeting)
        if started:
            self.message_user(
                request,
                f"Started draft minutes for {plural(len(started), 'meeting')}: "
                f"{', '.join(str(m) for m in started)}.",
                messages.SUCCESS,
            )
        for meeting, reason in refused:
            self.message_user(
                request, f"No minutes started for {meeting}: {reason}", messages.WARNING
            )

    def has_add_minutes_permission(self, request):
        return request.user.has_perm("meetings.add_minutes")


class PaperInline(admin.TabularInline):
    model = Paper
    fields = ["title", "file", "report_of", "author", "marking", "is_restricted"]
    extra = 0


class ResolutionInline(SuperuserDeletesMixin, admin.StackedInline):
    model = Resolution
    form = RecordRowForm
    formset = RecordRowsFormSet
    fields = [
        ("number", "kind", "outcome"),
        "text",
        ("is_motion", "mover", "seconder"),
        ("votes_for", "votes_against", "abstentions"),
    ]
    autocomplete_fields = ["mover", "seconder"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 3, "cols": 80})}}
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("item")


@admin.register(AgendaItem)
class AgendaItemAdmin(CheckedSelectionMixin, PublishedRecordMixin, admin.ModelAdmin):
    form = RecordRowForm
    list_display = ["__str__", "meeting", "confidentiality", "resolution_count"]
    list_filter = [body_filter("meeting__body"), MeetingYearFilter, "confidentiality"]
    date_hierarchy = "meeting__date"
    search_fields = ["number", "title", "description", "minutes_text", "resolutions__text"]
    list_select_related = ["meeting__body"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["published_record"]
    fieldsets = [
        (
            None,
            {"fields": ["meeting", "published_record", "order", "number", "title", "page_range"]},
        ),
        ("What the agenda and minutes say", {"fields": ["description", "minutes_text"]}),
        ("Confidentiality", {"fields": ["confidentiality", "exempt_paragraphs"]}),
    ]
    inlines = [PaperInline, ResolutionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(resolution_total=Count("resolutions"))

    @admin.display(description="Resolutions", ordering="resolution_total")
    def resolution_count(self, item):
        return item.resolution_total

    @admin.display(description="Minutes")
    def published_record(self, item):
        return record_notice(item.meeting if item.meeting_id else None)


@admin.register(Paper)
class PaperAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["title", "item", "report_of", "marking", "is_restricted"]
    list_filter = [body_filter("item__meeting__body"), ItemYearFilter, "marking", "is_restricted"]
    search_fields = ["title", "report_of", "author", "item__title"]
    list_select_related = ["item"]
    autocomplete_fields = ["item"]


@admin.register(Attendance)
class AttendanceAdmin(CheckedSelectionMixin, PublishedRecordMixin, admin.ModelAdmin):
    form = MeetingItemsForm
    list_display = ["person", "meeting", "status", "is_chair", "role"]
    list_filter = [body_filter("meeting__body"), MeetingYearFilter, "status", "is_chair"]
    search_fields = ["person__search_name", "person__aliases__normalised", "role"]
    list_select_related = ["person", "meeting__body"]
    autocomplete_fields = ["meeting", "person", "substitute_for", "items"]


@admin.register(Declaration)
class DeclarationAdmin(CheckedSelectionMixin, PublishedRecordMixin, admin.ModelAdmin):
    form = DeclarationForm
    list_display = ["person", "meeting", "interest_type", "all_items", "reason_summary"]
    list_filter = [body_filter("meeting__body"), MeetingYearFilter, "interest_type"]
    search_fields = ["person__search_name", "person__aliases__normalised", "reason"]
    list_select_related = ["person", "meeting__body"]
    autocomplete_fields = ["meeting", "person", "items"]

    @admin.display(description="Reason", ordering="reason")
    def reason_summary(self, declaration):
        return summary(declaration.reason)


@admin.register(Resolution)
class ResolutionAdmin(
    CheckedSelectionMixin, PublishedRecordMixin, SuperuserDeletesMixin, admin.ModelAdmin
):
    form = RecordRowForm
    meeting_path = "item__meeting"
    list_display = ["reference", "text_summary", "kind", "outcome", "item_meeting"]
    list_filter = [
        body_filter("item__meeting__body"),
        ItemYearFilter,
        "kind",
        "outcome",
        "is_motion",
    ]
    date_hierarchy = "item__meeting__date"
    search_fields = ["text", "item__title", "item__number"]
    list_select_related = ["item__meeting__body"]
    autocomplete_fields = ["item", "mover", "seconder"]
    readonly_fields = ["action_link"]
    fieldsets = [
        (None, {"fields": ["item", "number", "text", "kind", "outcome"]}),
        ("Motion", {"fields": ["is_motion", "mover", "seconder"]}),
        ("Votes", {"fields": ["votes_for", "votes_against", "abstentions"]}),
        ("Follow-up", {"fields": ["action_link"]}),
    ]

    @admin.display(description="Resolution", ordering="item__number")
    def reference(self, resolution):
        item_number = resolution.item.number or "(unnumbered)"
        return f"{item_number}.{resolution.number}" if resolution.number else item_number

    @admin.display(description="Text", ordering="text")
    def text_summary(self, resolution):
        return summary(resolution.text)

    @admin.display(description="Meeting", ordering="item__meeting__date")
    def item_meeting(self, resolution):
        return resolution.item.meeting

    @admin.display(description="Action log")
    def action_link(self, resolution):
        if resolution.pk is None:
            return "Save the resolution first."
        # Named, not imported: the record does not depend on the action log being installed.
        try:
            url = reverse("admin:actions_action_from_resolution", args=[resolution.pk])
        except NoReverseMatch:
            return ""
        return format_html('<a href="{}">Record an action arising from this resolution</a>', url)


@admin.register(WorkProgrammeEntry)
class WorkProgrammeEntryAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["title", "body", "meeting", "kind", "status", "order"]
    list_filter = [body_filter("body"), "kind", "status"]
    search_fields = ["title", "comments"]
    list_select_related = ["body", "meeting__body"]
    autocomplete_fields = ["body", "meeting"]


# Minutes: viewed here, moved on only by the steps declared in meetings.services.STEPS.


# How a correction's earlier values are named in the minutes' history.
EARLIER_LABELS = {
    "minutes_text": "minute",
    "is_chair": "in the Chair",
    "interest_type": "kind of interest",
    "all_items": "all substantive items",
}


class MinutesEventInline(ReadOnlyMixin, admin.TabularInline):
    model = MinutesEvent
    fields = ["at", "from_status", "to_status", "actor", "note", "earlier_text"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "history entry"
    verbose_name_plural = "history (read-only)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("minutes__meeting__body", "actor")

    @admin.display(description="Earlier text (corrections)")
    def earlier_text(self, event):
        lines = [
            (f"{snapshot_row_label(kind, row)}, {EARLIER_LABELS.get(name, name)}", value)
            for kind in ("items", "resolutions", "attendances", "declarations")
            for row in event.snapshot.get(kind, ())
            for name, value in row.get("earlier", {}).items()
        ]
        if not lines:
            return "\u2014"
        return format_html_join(
            "",
            "<p><strong>{}:</strong> {}</p>",
            ((label, summary(str(value), 300)) for label, value in lines),
        )


def snapshot_row_label(kind, row):
    """How a row of a correction's snapshot is named: "Item 3", "Resolution 3.2", ..."""
    if kind == "items":
        return f"Item {row.get('number') or row.get('id')}"
    if kind == "resolutions":
        number = f".{row['number']}" if row.get("number") else ""
        return f"Resolution {row.get('item_number') or row.get('item_id')}{number}"
    noun = "Attendance" if kind == "attendances" else "Declaration"
    return f"{noun} of {row.get('person') or row.get('id')}"


@admin.register(Minutes)
class MinutesAdmin(CheckedSelectionMixin, SuperuserDeletesMixin, admin.ModelAdmin):
    list_display = ["meeting", "status", "published_at", "confirmed_at", "confirmed_by"]
    list_filter = [body_filter("meeting__body"), MeetingYearFilter, "status"]
    date_hierarchy = "meeting__date"
    search_fields = [
        "meeting__title",
        "meeting__body__name",
        "meeting__items__title",
        "meeting__items__minutes_text",
        "meeting__items__resolutions__text",
    ]
    list_select_related = ["meeting__body", "confirmed_by__item"]
    fields = ["meeting", "status", "published_at", "confirmed_by", "confirmed_at"]
    readonly_fields = fields
    inlines = [MinutesEventInline]
    actions = ["publish"]

    # Minutes are started from the meetings list ("Start draft minutes") and change status
    # only through the steps, which record each one in their history.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_workflow_permission(self, request):
        return request.user.has_perm("meetings.change_minutes")

    def get_urls(self):
        return [
            path(
                "<id:object_id>/step/<slug:step_name>/",
                self.admin_site.admin_view(self.step_view),
                name="meetings_minutes_step",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["public_url"] = (
                reverse("meetings:minutes_detail", args=[obj.meeting_id])
                if obj.status != Minutes.Status.DRAFT
                else ""
            )
            if self.has_workflow_permission(request):
                context["minutes_steps"] = [
                    (step, reverse("admin:meetings_minutes_step", args=[obj.pk, step.name]))
                    for step in services.steps_allowed(obj)
                ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def step_view(self, request, object_id, step_name):
        """A step's page: what the step asks for; once given, the step's service is called.

        A refusal is reported and the page shown again with what was typed, so nothing is
        lost when another officer moved the minutes on meanwhile.
        """
        step = services.STEPS.get(step_name)
        if step is None:
            raise Http404(f"The minutes have no step called {step_name!r}.")
        if not self.has_workflow_permission(request):
            raise PermissionDenied
        minutes = get_object_or_404(
            Minutes.objects.select_related("meeting__body", "confirmed_by__item"), pk=object_id
        )
        change_url = reverse("admin:meetings_minutes_change", args=[minutes.pk])
        if request.method != "POST" and not step.allows(minutes):
            self.message_user(request, step.refusal(minutes), messages.WARNING)
            return redirect(change_url)
        form = MinutesStepForm(
            request.POST if request.method == "POST" else None, step=step, minutes=minutes
        )
        if form.is_bound and form.is_valid():
            try:
                services.minutes_step(
                    minutes=minutes, step=step.name, user=request.user, **form.service_kwargs()
                )
            except services.MinutesTransitionNotAllowed as refusal:
                self.message_user(
                    request,
                    f"{step.label}: refused, nothing was changed. {' '.join(refusal.messages)}",
                    messages.ERROR,
                )
                form.add_refusal(refusal)
            else:
                self.message_user(request, step.done_message(minutes), messages.SUCCESS)
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}: minutes of {minutes.meeting}",
            "step": step,
            "form": form,
            "minutes": minutes,
            "change_url": change_url,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request,
            [f"admin/meetings/minutes/{step.name}.html", "admin/meetings/minutes/step.html"],
            context,
        )

    @admin.action(
        description=services.STEPS["publish"].label + ", subject to confirmation",
        permissions=["workflow"],
    )
    def publish(self, request, queryset):
        step = services.STEPS["publish"]
        for minutes in queryset.select_related("meeting__body"):
            try:
                services.minutes_step(minutes=minutes, step=step.name, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"Not published: {' '.join(error.messages)}", messages.WARNING
                )
            else:
                self.message_user(request, step.done_message(minutes), messages.SUCCESS)


@admin.register(MinutesEvent)
class MinutesEventAdmin(CheckedSelectionMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["at", "minutes", "from_status", "to_status", "actor", "note"]
    list_filter = [body_filter("minutes__meeting__body"), "to_status"]
    date_hierarchy = "at"
    search_fields = ["note", "minutes__meeting__body__name", "minutes__meeting__title"]
    list_select_related = ["minutes__meeting__body", "actor"]
