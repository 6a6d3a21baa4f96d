"""The action workflow in the admin, generated from the steps declared in services.STEPS.

Each step is a bulk action on the list (it asks on an intermediate page for what the step
needs, applies it to every selected action, and reports which were changed and which were
refused and why), and a button on an action's page when its status allows the step, leading
to the step's own page. The buttons submit the change form, so what the officer typed there
is saved before the step's page opens rather than lost.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

import panel.converters  # noqa: F401 (registers <id:...>)
from actions import services
from actions.forms import ActionStepForm

STEP_FIELD = "_step"


def action_label(action):
    """How an action is named in messages: its reference and the meeting it arose at."""
    return f"{action.reference or f'#{action.pk}'} ({action.meeting})"


def done_message(step, actions):
    count = len(actions)
    return (
        f"{step.done} {count} action{'s' if count != 1 else ''}: "
        f"{', '.join(action_label(action) for action in actions)}."
    )


def bulk_action(step):
    """The list's admin action for ``step``."""

    def take_step(modeladmin, request, queryset):
        return modeladmin.bulk_step(request, queryset, step)

    take_step.__name__ = step.admin_name
    return admin.action(description=step.label, permissions=["change_status"])(take_step)


class ActionWorkflowMixin:
    """Bulk actions, change-page buttons and step pages for services.STEPS."""

    @property
    def actions(self):
        return [bulk_action(step) for step in services.STEPS.values()]

    def has_change_status_permission(self, request):
        return request.user.has_perm("actions.change_action_status")

    def get_urls(self):
        return [
            path(
                "<id:object_id>/step/<slug:step_name>/",
                self.admin_site.admin_view(self.step_view),
                name="actions_action_step",
            ),
            *super().get_urls(),
        ]

    # One action's page: the steps its status allows now.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_status_permission(request):
            context["action_steps"] = [
                (step, reverse("admin:actions_action_step", args=[obj.pk, step.name]))
                for step in services.steps_allowed(obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        step = services.STEPS.get(request.POST.get(STEP_FIELD, ""))
        if step is None or not self.has_change_status_permission(request):
            return super().response_change(request, obj)
        self.message_user(
            request,
            f"Saved action {action_label(obj)} as it stood on its page, before "
            f"\u201c{step.label}\u201d.",
            messages.SUCCESS,
        )
        return redirect("admin:actions_action_step", obj.pk, step.name)

    def step_view(self, request, object_id, step_name):
        """A step's page for one action: what the step asks for; once given, the step is taken.

        A refusal is reported and the page shown again with what was typed, so nothing is
        lost when another officer moved the action on meanwhile.
        """
        step = services.STEPS.get(step_name)
        if step is None:
            raise Http404(f"The action workflow has no step called {step_name!r}.")
        if not self.has_change_status_permission(request):
            raise PermissionDenied
        action = get_object_or_404(self.get_queryset(request), pk=object_id)
        change_url = reverse("admin:actions_action_change", args=[action.pk])
        if request.method != "POST" and not step.allows(action):
            refusal = services.TransitionNotAllowed(action, step)
            self.message_user(request, refusal.messages[0], messages.WARNING)
            return redirect(change_url)
        form = ActionStepForm(
            request.POST if request.method == "POST" else None, step=step, action=action
        )
        if form.is_bound and form.is_valid() and self._take(request, action, step, form):
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}: action {action_label(action)}",
            "step": step,
            "form": form,
            "action": action,
            "change_url": change_url,
            "opts": self.opts,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request,
            [f"admin/actions/action/{step.name}.html", "admin/actions/action/step.html"],
            context,
        )

    def _take(self, request, action, step, form):
        """Take the step for one action; False, with the reason on the form, when refused."""
        try:
            services.action_transition(
                action=action, transition=step.name, user=request.user, **form.service_kwargs()
            )
        except services.TransitionNotAllowed as refusal:
            self.message_user(
                request,
                f"{step.label}: refused, nothing was changed. {' '.join(refusal.messages)}",
                messages.ERROR,
            )
            return False
        except ValidationError as error:
            form.add_error(None, error)
            return False
        self.log_step(request, action, step)
        self.message_user(request, done_message(step, [action]), messages.SUCCESS)
        return True

    def log_step(self, request, action, step):
        """The step in the admin's log, so the action's History and the admin home's Recent
        actions show it beside ordinary edits (the action's own history keeps the detail)."""
        self.log_change(request, action, f"{step.label} (now {action.get_status_display()}).")

    # The list: one step for every selected action.

    def bulk_step(self, request, queryset, step):
        """Ask for what the step needs; once given, apply it to each selected action."""
        form = ActionStepForm(
            request.POST if "apply" in request.POST else None, step=step, many=True
        )
        if form.is_bound and form.is_valid():
            self._apply(request, queryset, step, form.service_kwargs())
            return None  # back to the list
        selected = list(queryset)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{step.label}: {len(selected)} action{'s' if len(selected) != 1 else ''}",
            "step": step,
            "form": form,
            "selected": selected,
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
                    action=action, transition=step.name, user=request.user, **kwargs
                )
            except ValidationError as error:
                refused.append((action, " ".join(error.messages)))
            else:
                changed.append(action)
                self.log_step(request, action, step)
        if changed:
            self.message_user(request, done_message(step, changed), messages.SUCCESS)
        for action, reason in refused:
            self.message_user(
                request,
                f"Refused for {action_label(action)}, which was left unchanged: {reason}",
                messages.WARNING,
            )
