"""The action log in the admin: democratic services record actions and move them on.

Status never changes through the form: only through the workflow actions, each of which asks
on an intermediate page for what its service function needs, applies it to every selected
action, and reports which were changed and which were refused and why.
"""

from dataclasses import dataclass

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path

import panel.converters  # noqa: F401 (registers <id:...>)
from actions import services
from actions.forms import (
    ActionFromResolutionForm,
    ReopenForm,
    SignOffForm,
    StatusWordingForm,
    TransitionNoteForm,
    WithdrawForm,
)
from actions.models import Action, ActionEvent, Owner, Reminder
from meetings.models import Body, Meeting, Resolution
from panel.admin import CheckedSelectionMixin

BOTH_PLACES = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]
CHANGE_FORM_ACTION_FIELD = f"{admin.ActionLocation.CHANGE_FORM.value}-action"


def action_label(action):
    """How an action is named in messages: its reference and the meeting it arose at."""
    return f"{action.reference or f'#{action.pk}'} ({action.meeting})"


@dataclass(frozen=True, kw_only=True)
class WorkflowStep:
    """One bulk workflow action: the service it calls and what its page asks for."""

    transition: str
    admin_action: str
    title: str
    done: str
    form_class: type
    explanation: str


STEPS = {
    step.transition: step
    for step in (
        WorkflowStep(
            transition="start",
            admin_action="start",
            title="Start",
            done="Started",
            form_class=TransitionNoteForm,
            explanation="Work on these actions has begun: they become in progress.",
        ),
        WorkflowStep(
            transition="complete",
            admin_action="mark_complete",
            title="Mark complete",
            done="Marked complete",
            form_class=StatusWordingForm,
            explanation="These actions are done and need no sign-off at a meeting.",
        ),
        WorkflowStep(
            transition="submit",
            admin_action="submit_for_sign_off",
            title="Submit for sign-off",
            done="Submitted for sign-off",
            form_class=StatusWordingForm,
            explanation="The owners report these actions done: they wait for sign-off at a "
            "meeting.",
        ),
        WorkflowStep(
            transition="sign_off",
            admin_action="sign_off",
            title="Sign off at meeting",
            done="Signed off",
            form_class=SignOffForm,
            explanation="A meeting signed these actions off: they become complete, with the "
            "meeting recorded.",
        ),
        WorkflowStep(
            transition="reopen",
            admin_action="reopen",
            title="Reopen",
            done="Reopened",
            form_class=ReopenForm,
            explanation="These actions go back to open; the reason is kept in their history.",
        ),
        WorkflowStep(
            transition="withdraw",
            admin_action="withdraw",
            title="Withdraw",
            done="Withdrew",
            form_class=WithdrawForm,
            explanation="These actions are no longer needed; the reason is kept with each of them.",
        ),
    )
}


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


class ActionEventInline(admin.TabularInline):
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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = [
        "reference",
        "text_summary",
        "owner_names",
        "due_date",
        "status",
        "rag_tag",
        "meeting",
    ]
    list_display_links = ["reference", "text_summary"]
    list_filter = [
        BodyListFilter,
        MeetingListFilter,
        ("owners", admin.RelatedOnlyFieldListFilter),
        "status",
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
    actions = ["start", "mark_complete", "submit_for_sign_off", "sign_off", "reopen", "withdraw"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_rag()
            .with_public_flag()
            .select_related("meeting__body")
            .prefetch_related("owners")
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

    @admin.display(description="Text", ordering="text")
    def text_summary(self, action):
        return action.text if len(action.text) <= 100 else f"{action.text[:97]}…"

    @admin.display(description="Owners")
    def owner_names(self, action):
        return ", ".join(owner.name for owner in action.owners.all())

    @admin.display(description="RAG", ordering="rag")
    def rag_tag(self, action):
        rag = getattr(action, "rag", None)
        if rag is None:
            rag = action.rag_on()
        return Action.Rag(rag).label if rag else "None (closed)"

    # Deleting an action of record is for superusers only.
    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def has_change_status_permission(self, request):
        return request.user.has_perm("actions.change_action_status")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new action is recorded by the service, which writes its first history row.
        created = services.action_create(
            user=request.user,
            **{
                field: getattr(obj, field)
                for field in (
                    "meeting",
                    "item",
                    "resolution",
                    "reference",
                    "text",
                    "due_date",
                    "target_meeting",
                    "status_wording",
                    "follow_up",
                    "restricted",
                )
            },
        )
        obj.pk = created.pk
        obj.created_at = created.created_at
        obj._state.adding = False
        obj._state.db = created._state.db

    # The workflow actions, on the list and on each action's page.

    @admin.action(description="Start", permissions=["change_status"], location=BOTH_PLACES)
    def start(self, request, queryset):
        return self._workflow(request, queryset, STEPS["start"])

    @admin.action(description="Mark complete", permissions=["change_status"], location=BOTH_PLACES)
    def mark_complete(self, request, queryset):
        return self._workflow(request, queryset, STEPS["complete"])

    @admin.action(
        description="Submit for sign-off", permissions=["change_status"], location=BOTH_PLACES
    )
    def submit_for_sign_off(self, request, queryset):
        return self._workflow(request, queryset, STEPS["submit"])

    @admin.action(
        description="Sign off at meeting", permissions=["change_status"], location=BOTH_PLACES
    )
    def sign_off(self, request, queryset):
        return self._workflow(request, queryset, STEPS["sign_off"])

    @admin.action(description="Reopen", permissions=["change_status"], location=BOTH_PLACES)
    def reopen(self, request, queryset):
        return self._workflow(request, queryset, STEPS["reopen"])

    @admin.action(description="Withdraw", permissions=["change_status"], location=BOTH_PLACES)
    def withdraw(self, request, queryset):
        return self._workflow(request, queryset, STEPS["withdraw"])

    def _workflow(self, request, queryset, step):
        """Ask for what the step needs; once given, apply it to each selected action."""
        form = step.form_class(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._apply(request, queryset, step, form.service_kwargs())
            return None  # back to the list (or the action's page)
        selected = list(queryset)
        from_change_form = CHANGE_FORM_ACTION_FIELD in request.POST
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.title}: {len(selected)} action{'s' if len(selected) != 1 else ''}",
            "step": step,
            "form": form,
            "selected": selected,
            "action_name": step.admin_action,
            "action_field": CHANGE_FORM_ACTION_FIELD if from_change_form else "action",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/actions/workflow_confirmation.html", context)

    def _apply(self, request, queryset, step, kwargs):
        changed, refused = [], []
        for action in queryset:
            try:
                services.action_transition(
                    action=action, transition=step.transition, user=request.user, **kwargs
                )
            except ValidationError as error:
                refused.append((action, " ".join(error.messages)))
            else:
                changed.append(action)
        if changed:
            self.message_user(
                request,
                f"{step.done} {len(changed)} action{'s' if len(changed) != 1 else ''}: "
                f"{', '.join(action_label(a) for a in changed)}.",
                messages.SUCCESS,
            )
        for action, reason in refused:
            self.message_user(
                request,
                f"Refused for {action_label(action)}, which was left unchanged: {reason}",
                messages.WARNING,
            )

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
class ReminderAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    """Reminders are a log of emails sent: read-only."""

    list_display = ["sent_on", "action", "owner", "recipient"]
    list_filter = ["sent_on", "owner"]
    search_fields = ["action__reference", "action__text", "owner__name", "recipient"]
    list_select_related = ["action", "owner"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
