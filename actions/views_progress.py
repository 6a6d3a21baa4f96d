"""/actions/<id>/update/: an action's owner reports progress, and may submit it for sign-off."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import FormView

from actions import services
from actions.models import Action
from actions.progress import MAX_UPDATE_CHARS, may_report_on, post_update
from meetings.visibility import Audience


class ProgressUpdateForm(forms.Form):
    text = forms.CharField(
        label="What has happened since the last update?",
        help_text="Members and democratic services read this; the public once it is accepted.",
        max_length=MAX_UPDATE_CHARS,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
        error_messages={"required": "Write what has happened since the last update."},
    )
    done = forms.BooleanField(
        label="The work is done: submit this action for sign-off",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )

    def __init__(self, *args, can_submit, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_submit:
            del self.fields["done"]


class ProgressUpdateView(LoginRequiredMixin, FormView):
    template_name = "actions/progress_form.html"
    form_class = ProgressUpdateForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            visible = Action.objects.visible_to(Audience.of(request)).select_related(
                "meeting__body"
            )
            self.action = get_object_or_404(visible, pk=kwargs["pk"])
            if not may_report_on(request.user, self.action):
                raise PermissionDenied("Only the action's owners report progress on it.")
            if self.action.is_closed:
                raise Http404("This action is closed: there is nothing more to report.")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        can_submit = services.STEPS["submit"].allows(self.action)
        return {**super().get_form_kwargs(), "can_submit": can_submit}

    def get_context_data(self, **kwargs):
        updates = self.action.progress_updates.select_related("author")[:5]
        return super().get_context_data(action=self.action, updates=updates, **kwargs)

    def form_valid(self, form):
        done = form.cleaned_data.get("done", False)
        try:
            post_update(
                action=self.action,
                user=self.request.user,
                text=form.cleaned_data["text"],
                done=done,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Your update was sent to democratic services"
            + (" and the action submitted for sign-off." if done else "."),
        )
        return redirect(self.action.get_absolute_url())
