"""The "Take the register" page of a meeting in the admin: every member marked on one screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from meetings.forms.register import ChairForm, RegisterFormSet
from meetings.models import Meeting
from meetings.register import register_lines, take_register


class RegisterMixin:
    """Adds the register page to the meeting admin, and a link to it on the change page."""

    change_form_template = "admin/meetings/meeting/change_form.html"

    def get_urls(self):
        return [
            path(
                "<id:object_id>/register/",
                self.admin_site.admin_view(self.register_view),
                name="meetings_meeting_register",
            ),
            *super().get_urls(),
        ]

    def has_register_permission(self, request):
        return all(
            request.user.has_perm(f"meetings.{perm}_attendance")
            for perm in ("add", "change", "delete")
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_register_permission(request):
            context["register_url"] = reverse("admin:meetings_meeting_register", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def register_view(self, request, object_id):
        """GET: the register, pre-filled. POST: all of it recorded, or none with the reasons,
        the page shown again with what was marked."""
        if not self.has_register_permission(request):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=object_id)
        change_url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
        lines = register_lines(meeting)
        people = [line.person for line in lines]
        data = request.POST if request.method == "POST" else None
        formset = RegisterFormSet(
            data,
            meeting=meeting,
            prefix="register",
            initial=[
                {"person": line.person, "mark": line.mark, "substitute": line.substitute}
                for line in lines
            ],
        )
        chair_initial = next((line.person for line in lines if line.is_chair), None)
        chair_form = ChairForm(data, people=people, initial={"chair": chair_initial})
        problems = []
        if data is not None and formset.is_valid() and chair_form.is_valid():
            try:
                summary = take_register(
                    meeting,
                    formset.marks(),
                    chair=chair_form.cleaned_data["chair"],
                    user=request.user,
                )
            except ValidationError as refusal:
                problems = refusal.messages
            else:
                self.message_user(
                    request, f"Register taken for {meeting}: {summary}.", messages.SUCCESS
                )
                return redirect(change_url)
        if data is not None:
            self.message_user(
                request,
                "The register was not saved: nothing was changed. Put right what is listed "
                "below and save again.",
                messages.ERROR,
            )
        rows = list(zip(formset.forms, lines + [None] * len(formset.forms), strict=False))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Take the register: {meeting}",
            "meeting": meeting,
            "formset": formset,
            "chair_form": chair_form,
            "rows": rows,
            "problems": problems,
            "change_url": change_url,
            "opts": self.opts,
            "media": self.media + formset.media,
        }
        return TemplateResponse(request, "admin/meetings/meeting/register.html", context)
