"""What every admin of the record shares, and the admin of API tokens."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect

from panel.converters import is_id


class CheckedSelectionMixin:
    """Refuse a bulk action whose ticked rows are not ids, rather than fail in the database.

    The list's checkboxes only ever send ids; anything else is a forged or mangled request,
    answered with a message on the list and no change.
    """

    def response_action(self, request, queryset, **kwargs):
        if not all(map(is_id, request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))):
            self.message_user(
                request,
                "The rows chosen were not understood, so nothing was changed. Tick the rows on "
                "the list and choose the action again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)


class ApiTokenAdmin(admin.ModelAdmin):
    """Who holds API tokens and until when, for revoking one; never a token's secret.

    Tokens are made only by their owners, at /accounts/tokens/, so no one can make one that
    acts as somebody else. Superusers see and may revoke every token; anyone else given the
    permissions sees only their own. Only a digest of the secret is stored, so there is none
    to show.
    """

    list_display = ["user", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    ordering = ["-created"]
    fields = ["user", "created", "expiry"]
    readonly_fields = fields

    def get_queryset(self, request):
        tokens = super().get_queryset(request)
        if request.user.is_superuser:
            return tokens
        return tokens.filter(user=request.user)

    def _may_see(self, request, token):
        return token is None or request.user.is_superuser or token.user_id == request.user.pk

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._may_see(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_see(request, obj)
