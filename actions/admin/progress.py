"""Progress updates in the admin: those awaiting review first, accepted or returned in bulk."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from actions.progress import ProgressUpdate, review_update
from panel.admin import CheckedSelectionMixin


class AwaitingReviewFilter(admin.SimpleListFilter):
    """Updates awaiting review unless another choice is made: the list is the work to do."""

    title = "review"
    parameter_name = "status__exact"
    AWAITING, ALL = ProgressUpdate.Status.AWAITING_REVIEW, "all"

    def lookups(self, request, model_admin):
        return [*ProgressUpdate.Status.choices, (self.ALL, "All")]

    def value(self):
        return super().value() or self.AWAITING

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() in ProgressUpdate.Status.values:
            return queryset.filter(status=self.value())
        return queryset


class ReturnForm(forms.Form):
    note = forms.CharField(
        label="Why it goes back to its author",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the update goes back, so its author can act."},
    )


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    # No status column: the list shows those awaiting review unless another filter is chosen.
    list_display = ["posted_at", "action_link", "author", "summary", "asked_sign_off"]
    list_filter = [AwaitingReviewFilter, "asked_sign_off"]
    list_select_related = ["action__meeting__body", "author"]
    search_fields = ["text", "action__reference", "action__text"]
    readonly_fields = [
        "action",
        "text",
        "author",
        "posted_at",
        "asked_sign_off",
        "status",
        "reviewed_by",
        "reviewed_at",
        "review_note",
    ]
    actions = ["accept", "send_back"]

    def has_add_permission(self, request):
        return False  # owners post updates from the action's page

    def has_delete_permission(self, request, obj=None):
        return False  # updates are part of the action's record

    @admin.display(description="Action", ordering="action__reference_key")
    def action_link(self, update):
        url = reverse("admin:actions_action_change", args=[update.action_id])
        return format_html('<a href="{}">{}</a>', url, update.action.reference or update.action_id)

    @admin.display(description="Update")
    def summary(self, update):
        return update.text if len(update.text) <= 120 else f"{update.text[:117]}…"

    def _review(self, request, queryset, *, accept, note=""):
        done, refused = 0, []
        for update in queryset.select_related("action"):
            try:
                review_update(update=update, user=request.user, accept=accept, note=note)
            except ValidationError as error:
                refused.append(f"{update.action}: {' '.join(error.messages)}")
            else:
                done += 1
                self.log_change(request, update, "Accepted." if accept else f"Returned: {note}")
        verb = "Accepted" if accept else "Returned"
        if done:
            self.message_user(request, f"{verb} {done} update{'s' if done != 1 else ''}.")
        for reason in refused:
            self.message_user(request, f"Not changed: {reason}", messages.WARNING)

    @admin.action(description="Accept the selected updates", permissions=["change"])
    def accept(self, request, queryset):
        self._review(request, queryset, accept=True)

    @admin.action(
        description="Return the selected updates to their authors", permissions=["change"]
    )
    def send_back(self, request, queryset):
        form = ReturnForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._review(request, queryset, accept=False, note=form.cleaned_data["note"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Return updates to their authors",
            "form": form,
            "selected": list(queryset.select_related("action")),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/actions/progressupdate/return.html", context)
