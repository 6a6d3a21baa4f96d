"""The admin home's shortcuts: the day's work of democratic services, with how much waits.

Each shortcut shows only to someone allowed to do it; counts are one query each.
"""

from django import template
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.progress import ProgressUpdate
from meetings.models import Meeting, Minutes

register = template.Library()
RECENT_MEETINGS = 3


def _changelist(model, **filters):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return f"{url}?{query}" if query else url


def _waiting(user):
    """(label, count, url) for the lists of work that waits on an officer."""
    rows = []
    if user.has_perm("meetings.change_minutes"):
        for status, label in (
            (Minutes.Status.DRAFT, "Draft minutes to publish"),
            (Minutes.Status.PUBLISHED, "Published minutes to confirm"),
        ):
            count = Minutes.objects.filter(status=status).count()
            rows.append((label, count, _changelist(Minutes, status__exact=status)))
    if user.has_perm("actions.change_action_status"):
        status = Action.Status.AWAITING_SIGN_OFF
        count = Action.objects.filter(status=status).count()
        rows.append(("Actions awaiting sign-off", count, _changelist(Action, status__exact=status)))
    if user.has_perm("actions.change_progressupdate"):
        count = ProgressUpdate.objects.awaiting_review().count()
        rows.append(("Progress updates to review", count, _changelist(ProgressUpdate)))
    return rows


def _links(user):
    links = []
    if user.has_perm("meetings.add_meeting"):
        links.append(("Import minutes", reverse("importing:import_upload")))
    if user.has_perm("meetings.add_paper"):
        links.append(("Upload a paper", reverse("admin:meetings_paper_add")))
    if user.has_perm("actions.add_action"):
        links.append(("Record an action", reverse("admin:actions_action_add")))
    return links


def _registers(user):
    """The latest meetings up to today, each with its register."""
    if not user.has_perm("meetings.change_attendance"):
        return []
    meetings = (
        Meeting.objects.filter(date__lte=timezone.localdate())
        .select_related("body")
        .order_by("-date", "-pk")[:RECENT_MEETINGS]
    )
    return [
        (str(meeting), reverse("admin:meetings_meeting_register", args=[meeting.pk]))
        for meeting in meetings
    ]


@register.inclusion_tag("admin/includes/shortcuts.html", takes_context=True)
def admin_shortcuts(context):
    user = context["request"].user
    return {"waiting": _waiting(user), "links": _links(user), "registers": _registers(user)}
