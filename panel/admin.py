"""What every admin of the record shares."""

from django.contrib import messages
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
