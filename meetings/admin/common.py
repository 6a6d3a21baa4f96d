"""What the record's admin pages share: list filters, mixins and the published-record notice."""

from django.contrib import admin, messages
from django.db import models
from django.forms import Textarea
from django.urls import reverse
from django.utils.html import format_html

from meetings import services
from meetings.forms import (
    correction_link,
)
from meetings.models import (
    Membership,
    Minutes,
)

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
    if minutes.status == Minutes.Status.DRAFT:
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
