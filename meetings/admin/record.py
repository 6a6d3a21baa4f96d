"""Meetings and their record in the admin: agenda, attendance, declarations, papers and
resolutions, each refused a change once the minutes are published."""

import re

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count
from django.forms import Textarea
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from meetings import services
from meetings.admin.common import (
    SHORT_TEXT,
    ItemYearFilter,
    MeetingYearFilter,
    PublishedRecordMixin,
    ReadOnlyMixin,
    SuperuserDeletesMixin,
    YearListFilter,
    body_filter,
    plural,
    record_notice,
    summary,
)
from meetings.admin.register import RegisterMixin
from meetings.forms import (
    AgendaItemFormSet,
    AttendanceFormSet,
    DeclarationForm,
    DeclarationFormSet,
    MeetingItemsForm,
    RecordRowForm,
    RecordRowsFormSet,
    limit_to_meeting_items,
)
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Paper,
    RecordedVote,
    Resolution,
)
from panel.admin import CheckedSelectionMixin


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
class MeetingAdmin(RegisterMixin, CheckedSelectionMixin, SuperuserDeletesMixin, admin.ModelAdmin):
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


class RecordedVoteInline(ReadOnlyMixin, admin.TabularInline):
    """Each member's vote on a motion, as the minutes print it: read-only, from the import."""

    model = RecordedVote
    extra = 0
    can_delete = False
    fields = ["person", "vote"]
    readonly_fields = fields
    verbose_name = "member's vote"
    verbose_name_plural = (
        "members' votes (read-only: as the recorded vote in the minutes prints them)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


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
    inlines = [RecordedVoteInline]

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
