"""The action log in the admin: democratic services record actions and move them on.

Status never changes through the form: only through the workflow steps (actions.admin.workflow,
generated from services.STEPS). New actions, and actions raised from a resolution, are recorded
by the services, which write their first history row.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html

from actions import services
from actions.admin.filters import (
    BodyListFilter,
    MeetingListFilter,
    OverdueListFilter,
    RagListFilter,
    StatusListFilter,
)
from actions.admin.workflow import ActionWorkflowMixin, action_label
from actions.forms import ActionFromResolutionForm
from actions.models import Action, ActionEvent, Owner, Reminder, prefetch_owners
from meetings.admin.common import ReadOnlyMixin
from meetings.models import Resolution
from panel.admin import CheckedSelectionMixin


class ActionEventInline(ReadOnlyMixin, admin.TabularInline):
    """The action's history, read-only: rows are never edited or deleted."""

    model = ActionEvent
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "actor", "status_wording", "signed_off_at", "note"]
    readonly_fields = fields
    verbose_name = "history entry"
    verbose_name_plural = "history (read-only: status changes only through the workflow actions)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor", "signed_off_at__body")


@admin.register(Action)
class ActionAdmin(ActionWorkflowMixin, CheckedSelectionMixin, admin.ModelAdmin):
    list_display = [
        "printed_reference",
        "text_summary",
        "owner_names",
        "due_date",
        "status",
        "rag_tag",
    ]  # the meeting is a filter, and in the summary's second line: the list fits 1280 px
    list_display_links = ["printed_reference", "text_summary"]
    list_filter = [
        BodyListFilter,
        MeetingListFilter,
        ("owners", admin.RelatedOnlyFieldListFilter),
        StatusListFilter,
        RagListFilter,
        OverdueListFilter,
    ]
    search_fields = ["reference", "text", "status_wording", "follow_up", "owners__name"]
    list_select_related = ["meeting__body"]
    list_per_page = 50
    raw_id_fields = ["meeting", "item", "resolution", "target_meeting"]
    autocomplete_fields = ["owners"]
    readonly_fields = [
        "status",
        "rag_tag",
        "signed_off_at",
        "withdrawn_reason",
        "created_at",
        "public_tag",
    ]
    fieldsets = [
        ("Where it arose", {"fields": ["meeting", "item", "resolution", "reference"]}),
        (
            "The action",
            {
                "fields": [
                    "text",
                    "owners",
                    "due_date",
                    "target_meeting",
                    "follow_up",
                    "restricted",
                    "public_tag",
                ]
            },
        ),
        (
            "Status (changed only through the workflow actions)",
            {
                "fields": [
                    "status",
                    "rag_tag",
                    "status_wording",
                    "signed_off_at",
                    "withdrawn_reason",
                    "created_at",
                ]
            },
        ),
    ]
    inlines = [ActionEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_rag()
            .select_related("meeting__body")
            .prefetch_related(prefetch_owners())
        )

    @admin.display(description="Shown to the public")
    def public_tag(self, action):
        if action.pk is None:
            return "Decided when saved"
        if not action.is_restricted:
            return "Yes"
        return (
            "No: it is marked restricted, or arose from a private item or from a resolution "
            "the public may not read yet (of a private item, or in unpublished minutes)"
        )

    # Sorted as people read references ("8b" before "10.2"), not as text.
    @admin.display(description="Reference", ordering="reference_key")
    def printed_reference(self, action):
        return action.reference

    @admin.display(description="Text", ordering="text")
    def text_summary(self, action):
        text = action.text if len(action.text) <= 100 else f"{action.text[:97]}…"
        return format_html('{}<br><span class="quiet">{}</span>', text, action.meeting)

    @admin.display(description="Owners")
    def owner_names(self, action):
        return ", ".join(owner.name for owner in action.owner_list)

    @admin.display(description="RAG", ordering="rag")
    def rag_tag(self, action):
        rag = getattr(action, "rag", None)
        if rag is None:
            rag = action.rag_on()
        return Action.Rag(rag).label if rag else "None (closed)"

    # Deleting an action of record is for superusers only.
    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # A new action is recorded by the service, which writes its first history row.
            services.action_record(action=obj, user=request.user)

    # One step from a resolution that requests something to an action linked to it.

    def get_urls(self):
        return [
            path(
                "from-resolution/<id:resolution_id>/",
                self.admin_site.admin_view(self.from_resolution_view),
                name="actions_action_from_resolution",
            ),
            *super().get_urls(),
        ]

    def from_resolution_view(self, request, resolution_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        resolution = get_object_or_404(
            Resolution.objects.select_related("item__meeting__body"), pk=resolution_id
        )
        existing = Action.objects.filter(resolution=resolution).first()
        if existing is not None:
            self.message_user(
                request,
                f"Resolution {resolution} already has an action: this is it.",
                messages.WARNING,
            )
            return redirect("admin:actions_action_change", existing.pk)
        form = ActionFromResolutionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                action = services.action_from_resolution(
                    resolution=resolution, user=request.user, **form.service_kwargs()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request,
                    f"Recorded action {action_label(action)} from the resolution.",
                    messages.SUCCESS,
                )
                return redirect("admin:actions_action_change", action.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Create an action from a resolution",
            "resolution": resolution,
            "form": form,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/actions/action_from_resolution.html", context)


@admin.register(Owner)
class OwnerAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["name", "person", "email", "reminder_address", "open_actions"]
    search_fields = ["name", "email", "person__family_name", "person__given_name"]
    raw_id_fields = ["person"]
    filter_horizontal = ["users"]
    list_select_related = ["person"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_count=Count("actions", filter=~Q(actions__status__in=Action.CLOSED_STATUSES))
            )
        )

    @admin.display(description="Outstanding actions", ordering="open_count")
    def open_actions(self, owner):
        return owner.open_count

    @admin.display(description="Reminders go to")
    def reminder_address(self, owner):
        return owner.reminder_address or "No email: add one so the owner is reminded"


@admin.register(Reminder)
class ReminderAdmin(CheckedSelectionMixin, ReadOnlyMixin, admin.ModelAdmin):
    """Reminders are a log of emails sent: read-only."""

    list_display = ["sent_on", "action", "owner", "recipient"]
    list_filter = ["sent_on", "owner"]
    search_fields = ["action__reference", "action__text", "owner__name", "recipient"]
    list_select_related = ["action", "owner"]
    date_hierarchy = "sent_on"
