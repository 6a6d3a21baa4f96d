"""Minutes in the admin: viewed here, moved on only by the steps declared in
meetings.services.STEPS; their history is read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join

import panel.converters  # noqa: F401 (registers <id:...>)
from meetings import services
from meetings.admin.common import (
    MeetingYearFilter,
    ReadOnlyMixin,
    SuperuserDeletesMixin,
    body_filter,
    summary,
)
from meetings.forms import (
    MinutesStepForm,
)
from meetings.models import (
    Minutes,
    MinutesEvent,
)
from panel.admin import CheckedSelectionMixin


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
        lines = event.earlier_values()
        if not lines:
            return "\u2014"
        return format_html_join(
            "",
            "<p><strong>{}:</strong> {}</p>",
            ((label, summary(str(value), 300)) for label, value in lines),
        )


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
                self.log_change(request, minutes, f"{step.label}: {minutes.get_status_display()}.")
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
                self.log_change(request, minutes, f"{step.label}: {minutes.get_status_display()}.")
                self.message_user(request, step.done_message(minutes), messages.SUCCESS)


@admin.register(MinutesEvent)
class MinutesEventAdmin(CheckedSelectionMixin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["at", "minutes", "from_status", "to_status", "actor", "note"]
    list_filter = [body_filter("minutes__meeting__body"), "to_status"]
    date_hierarchy = "at"
    search_fields = ["note", "minutes__meeting__body__name", "minutes__meeting__title"]
    list_select_related = ["minutes__meeting__body", "actor"]
