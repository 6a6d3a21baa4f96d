"""The site's two roles, kept as auth groups: democratic services staff and Panel members.

Like Django's own permissions, the groups are (re)created after every ``migrate`` and
``flush`` by a ``post_migrate`` receiver, so a fresh or emptied database always has them
with exactly the permissions listed here.
"""

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Democratic services"
MEMBER_GROUP = "Panel members"

RECORD_MODELS = {
    "meetings": [
        "body",
        "person",
        "personalias",
        "membership",
        "meeting",
        "agendaitem",
        "paper",
        "attendance",
        "declaration",
        "resolution",
        "workprogrammeentry",
        "minutes",
        "minutesevent",
    ],
    "actions": ["owner", "action", "actionevent", "reminder", "progressupdate"],
}
# Rows of record that staff may not delete (superusers only); history is never deleted.
UNDELETABLE = {
    "meeting",
    "resolution",
    "minutes",
    "minutesevent",
    "action",
    "actionevent",
    "progressupdate",
}
# History and reminders are written by the site, never edited by hand.
READ_ONLY = {"minutesevent", "actionevent", "reminder"}
EXTRA_STAFF = ["view_restricted_action", "change_action_status"]
EXTRA_MEMBER = ["view_restricted_action"]


def role_codenames():
    """Return ``{group name: [permission codenames]}`` for the record apps."""
    staff, member = list(EXTRA_STAFF), list(EXTRA_MEMBER)
    for models in RECORD_MODELS.values():
        for model in models:
            member.append(f"view_{model}")
            staff.append(f"view_{model}")
            if model not in READ_ONLY:
                staff += [f"add_{model}", f"change_{model}"]
                if model not in UNDELETABLE:
                    staff.append(f"delete_{model}")
    return {STAFF_GROUP: staff, MEMBER_GROUP: member}


def sync_roles(**kwargs):
    """Create the role groups if missing and set their permissions (idempotent)."""
    for name, codenames in role_codenames().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=list(RECORD_MODELS), codename__in=codenames
            )
        )
