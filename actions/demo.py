"""Demo log-ins and the action log from the seed papers, and the loaders that save them.

The Corporate Governance Board actions are those the board's report to the Panel of 9 October
2023 lists under "Updates and Actions arising" (paragraph 7: the April meeting; paragraph 8:
the June meeting), with their status as printed. Each reaches its status through the workflow
services, so its history reads as it would had an officer recorded it. The Panel's actions are
the requests it resolved on 26 July 2023.

Run ``load_record()`` (meetings.demo) first: these loaders find meetings and people there.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from actions import services
from actions.models import Action
from actions.roles import MEMBER_GROUP, STAFF_GROUP
from meetings.models import AgendaItem, Meeting, Person, Resolution

D = datetime.date
S = Action.Status


DEMO_USERS = [
    {
        "username": "admin",
        "password": "demo-admin-2023",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "username": "officer",
        "password": "demo-officer-2023",
        "is_staff": True,
        "groups": [STAFF_GROUP],
    },
    {
        "username": "member",
        "password": "demo-member-2023",
        "groups": [MEMBER_GROUP],
        "person": "deborah-taylor",
    },
    # Answers for the Commissioner's office: "My actions" shows the OPCC's actions.
    {"username": "owner", "password": "demo-owner-2023", "owner": "OPCC"},
]

CGB_REPORT = "the Corporate Governance Board report to the Panel of 9 October 2023"
APRIL, JUNE = D(2023, 4, 19), D(2023, 6, 21)
PANEL_NEXT_MEETING = D(2023, 10, 9)

# reference, text, owners, the board report section it arose from (if the report makes that
# plain), the status it reached and the wording printed for it.
CGB_ACTIONS = [
    {
        "meeting": APRIL,
        "reference": "7a",
        "text": "As per the full report, it was agreed that CC Nixon would write to all officers "
        "included in the operational summary and express appreciation and thanks.",
        "owners": ["Chief Constable"],
        "item": "2",
        "status": S.COMPLETE,
        "wording": "completed",
    },
    {
        "meeting": APRIL,
        "reference": "7b",
        "text": "The OPCC to produce a report for the Police and Crime Panel on the work of the "
        "Force, and OPCC in relation to Domestic Abuse and VAWG (Violence against women and "
        "girls).",
        "owners": ["OPCC"],
        "status": S.COMPLETE,
        "wording": "completed, on October agenda",
        "target_panel_meeting": True,
    },
    {
        "meeting": APRIL,
        "reference": "7c",
        "text": "The annual homicide review to be brought back to CGB (Corporate Governance "
        "Board) annually.",
        "owners": ["Force"],
        "status": S.COMPLETE,
        "wording": "completed, added to the forward plan",
        "follow_up": "Added to the CGB forward plan.",
    },
    # The report does not say who is to send the Chair the letter: no owner is recorded.
    {
        "meeting": APRIL,
        "reference": "7d",
        "text": "The Chair to receive a copy of the letter referenced.",
        "owners": [],
        "status": S.COMPLETE,
        "wording": "completed",
    },
    {
        "meeting": JUNE,
        "reference": "8a",
        "text": "OPCC to work with the Force to produce a public facing summary of the work "
        "undertaken in relation to the East Leicester Review.",
        "owners": ["OPCC", "Force"],
        "item": "3.i",
        "status": S.COMPLETE,
        "wording": "complete, attached as an appendix",
    },
    {
        "meeting": JUNE,
        "reference": "8b",
        "text": "OPCC to consider gaps in relation to specialist stalking victim support.",
        "owners": ["OPCC"],
        "item": "4.i",
        "status": S.OPEN,
        "wording": "",
    },
    {
        "meeting": JUNE,
        "reference": "8c",
        "text": "A further POCA meeting to be arranged to discuss and agree a proposal for the "
        "surplus money, once agreed to be brought back to CGB in 6 months to review.",
        "owners": ["PCC", "Force"],
        "item": "5.i",
        "status": S.COMPLETE,
        "wording": "complete",
    },
    {
        "meeting": JUNE,
        "reference": "8d",
        "text": "Carry forward requests to be reviewed by CFO.",
        "owners": ["CFO"],
        "status": S.AWAITING_SIGN_OFF,
        "wording": "reviewed awaiting sign off",
    },
    {
        "meeting": JUNE,
        "reference": "8e",
        "text": "Financial Update report to be added to July CGB.",
        "owners": ["Force"],
        "status": S.COMPLETE,
        "wording": "completed",
    },
    {
        "meeting": JUNE,
        "reference": "8f",
        "text": "Transformation paper to be brought to July CGB.",
        "owners": ["Force"],
        "item": "5.iii",
        "status": S.COMPLETE,
        "wording": "completed",
    },
    {
        "meeting": JUNE,
        "reference": "8g",
        "text": "PCC and Force to meet regarding Neighbourhood Active.",
        "owners": ["PCC", "Force"],
        "item": "6.i",
        "status": S.COMPLETE,
        "wording": "completed, update to CGB in January",
        "follow_up": "Update to CGB in January.",
    },
]


def load_users():
    """Create the demo log-ins (or reset their flags, groups and passwords); safe to rerun."""
    User = get_user_model()
    users = {}
    for data in DEMO_USERS:
        user, created = User.objects.get_or_create(username=data["username"])
        changed = created
        for flag in ("is_staff", "is_superuser"):
            wanted = data.get(flag, False)
            if getattr(user, flag) != wanted:
                setattr(user, flag, wanted)
                changed = True
        if not user.is_active:
            user.is_active = True
            changed = True
        if not user.check_password(data["password"]):
            user.set_password(data["password"])
            changed = True
        if changed:
            user.save()
        for name in data.get("groups", ()):
            group = Group.objects.filter(name=name).first()
            if group is None:
                raise LookupError(
                    f'The group "{name}" does not exist: run `python manage.py migrate` first, '
                    "which creates the site's roles."
                )
            user.groups.add(group)
        users[data["username"]] = user
    return users


def link_users():
    """Tie the member log-in to their Person and the owner log-in to their Owner."""
    User = get_user_model()
    for data in DEMO_USERS:
        user = User.objects.get(username=data["username"])
        if "person" in data:
            person = Person.objects.get(slug=data["person"])
            if person.user_id is None:
                person.user = user
                person.save(update_fields=["user"])
        if "owner" in data:
            services.owner_for(data["owner"]).users.add(user)


def _cgb_meeting(date):
    return Meeting.objects.get(body__slug="cgb", date=date, kind=Meeting.Kind.BOARD)


def _panel_meeting(date):
    return Meeting.objects.get(body__slug="llr-pcp", date=date)


def _bring_to_status(action, data, actor):
    note = f'Reported to the Panel in {CGB_REPORT} as "{data["wording"]}".'
    if data["status"] == S.COMPLETE:
        services.action_complete(
            action=action, user=actor, note=note, status_wording=data["wording"]
        )
    elif data["status"] == S.AWAITING_SIGN_OFF:
        services.action_submit_for_sign_off(
            action=action, user=actor, note=note, status_wording=data["wording"]
        )


def _load_cgb_actions(actor):
    next_panel = _panel_meeting(PANEL_NEXT_MEETING)
    for data in CGB_ACTIONS:
        meeting = _cgb_meeting(data["meeting"])
        if Action.objects.filter(meeting=meeting, reference=data["reference"]).exists():
            continue
        item = None
        if "item" in data:
            item = AgendaItem.objects.get(meeting=meeting, number=data["item"])
        action = services.action_create(
            meeting=meeting,
            item=item,
            reference=data["reference"],
            text=data["text"],
            owners=[services.owner_for(name) for name in data["owners"]],
            target_meeting=next_panel if data.get("target_panel_meeting") else None,
            follow_up=data.get("follow_up", ""),
            user=actor,
            note=f"Arose at the board of {meeting.date:%-d %B %Y}; listed in {CGB_REPORT} "
            f"(paragraph {data['reference']}).",
        )
        _bring_to_status(action, data, actor)


def _load_panel_actions(actor):
    """One action for each request the Panel resolved on 26 July 2023, owned by the OPCC.

    Each is due at the next meeting, 9 October 2023, where the papers show no answer yet.
    """
    next_panel = _panel_meeting(PANEL_NEXT_MEETING)
    opcc = services.owner_for("OPCC")
    requests = Resolution.objects.filter(
        item__meeting=_panel_meeting(D(2023, 7, 26)),
        kind=Resolution.Kind.REQUEST,
        action__isnull=True,
    ).order_by("item__order", "number")
    for resolution in requests:
        services.action_from_resolution(
            resolution=resolution,
            user=actor,
            owners=[opcc],
            due_date=next_panel.date,
            target_meeting=next_panel,
        )


@transaction.atomic
def load_actions(actor=None):
    """Save the action log from the seed papers; actions already there are left alone."""
    for name in ("OPCC", "Force", "CFO", "PCC", "Chief Constable"):
        services.owner_for(name)
    link_users()
    _load_cgb_actions(actor)
    _load_panel_actions(actor)
