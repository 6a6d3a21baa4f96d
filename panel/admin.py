"""What every admin of the record shares."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect

ID_LIMIT = 2**63


class CheckedSelectionMixin:
    """Refuse a bulk action whose ticked rows are not ids, rather than fail in the database.

    The list's checkboxes only ever send ids; anything else is a forged or mangled request,
    answered with a message on the list and no change.
    """

    def response_action(self, request, queryset, **kwargs):
        pk = self.opts.pk
        try:
            ids = [
                pk.to_python(value) for value in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            ]
        except ValidationError:
            ids = None
        if ids is None or any(isinstance(i, int) and not 0 < i < ID_LIMIT for i in ids):
            self.message_user(
                request,
                "The rows chosen were not understood, so nothing was changed. Tick the rows on "
                "the list and choose the action again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)
