"""The demo: the Panel's papers in demo/papers/, read by the importer, and demo/record.toml.

The data file holds what the papers do not say (see its comments). Every row is looked up by
its natural key before it is made, and the importer recognises a paper it has already read,
so loading twice changes nothing.
"""

import tomllib
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actions import services
from actions.models import Action
from meetings.importing.dating import on_papers_date
from meetings.importing.load import import_text
from meetings.importing.text import read_upload, reflow_paragraphs
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Membership,
    Paper,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
    normalise_name,
)

DEMO = Path(__file__).resolve().parents[1] / "demo"
PAPERS = DEMO / "papers"


def _get_or_create(model, lookup, values=None):
    """The row matching ``lookup``, created (validated first) when missing."""
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    row = model(**lookup, **(values or {}))
    row.full_clean()
    row.save()
    return row


def load_demo(data_file=DEMO / "record.toml"):
    """Record the demo; call inside a transaction. Returns the importer's results."""
    data = tomllib.loads(data_file.read_text(encoding="utf-8"))
    users = {row["username"]: _user(row) for row in data["users"]}
    bodies = {
        row["slug"]: _get_or_create(Body, {"slug": row.pop("slug")}, row) for row in data["bodies"]
    }
    for row in data["people"]:
        _person(row)
    for row in data["memberships"]:
        lookup = {k: row.pop(k) for k in ("body", "person", "role", "start_date")}
        lookup |= {
            "body": bodies[lookup["body"]],
            "person": Person.objects.get(slug=lookup["person"]),
        }
        _get_or_create(Membership, lookup, row)
    for row in data["meetings"]:
        lookup = {"body": bodies[row.pop("body")], "date": row.pop("date"), "kind": row.pop("kind")}
        _get_or_create(Meeting, lookup, row)
    for board in data["boards"]:
        _board_meeting(bodies["cgb"], board)
    officer = users["officer"]
    results = [
        import_text(read_upload((PAPERS / name).read_bytes(), name=name), source=name, user=officer)
        for name in data["import"]
    ]
    _complete(data, bodies, users)
    return results


def _complete(data, bodies, users):
    """What follows the import: papers, work programme, owners and links, log-ins' links."""
    panel = bodies["llr-pcp"]
    for row in data["papers"]:
        item = AgendaItem.objects.get(
            meeting__body=panel, meeting__date=row.pop("meeting"), number=row.pop("item")
        )
        _get_or_create(Paper, {"item": item, "title": row.pop("title")}, row)
    for order, row in enumerate(data["work_programme"], start=1):
        meeting = (
            Meeting.objects.get(body=panel, date=row.pop("meeting")) if "meeting" in row else None
        )
        lookup = {
            "body": panel,
            "meeting": meeting,
            "kind": row.pop("kind"),
            "title": row.pop("title"),
        }
        _get_or_create(WorkProgrammeEntry, lookup, {**row, "order": order})
    for row in data["board_actions"]:
        _link_board_action(bodies["cgb"], panel, row)
    _raise_requested_actions(panel, data["requests"], users["officer"])
    for row in data["users"]:
        if "owner" in row:
            services.owner_for(row["owner"]).users.add(users[row["username"]])
        if "person" in row:
            Person.objects.filter(slug=row["person"], user__isnull=True).update(
                user=users[row["username"]]
            )


def _user(row):
    user, created = get_user_model().objects.get_or_create(username=row["username"])
    wanted = {
        "is_staff": row.get("is_staff", False),
        "is_superuser": row.get("is_superuser", False),
        "is_active": True,
    }
    changed = created or any(getattr(user, flag) != value for flag, value in wanted.items())
    if not user.check_password(row["password"]):
        user.set_password(row["password"])
        changed = True
    if changed:
        for flag, value in wanted.items():
            setattr(user, flag, value)
        user.save()
    for name in row.get("groups", ()):
        group = Group.objects.filter(name=name).first()
        if group is None:
            raise LookupError(
                f'The group "{name}" does not exist: run `python manage.py migrate` first, which creates the site\'s roles.'
            )
        user.groups.add(group)
    return user


def _person(row):
    aliases = row.pop("aliases", ())
    person = _get_or_create(Person, {"slug": row.pop("slug")}, row)
    for name in aliases:
        _get_or_create(
            PersonAlias, {"person": person, "normalised": normalise_name(name)}, {"name": name}
        )


def _board_meeting(body, board):
    meeting = _get_or_create(
        Meeting,
        {"body": body, "date": board["date"], "kind": Meeting.Kind.BOARD},
        {"status": Meeting.Status.HELD},
    )
    for order, section in enumerate(board["sections"], start=1):
        values = {
            "number": section["number"],
            "title": section["title"],
            "description": section.get("heading", ""),
            "minutes_text": reflow_paragraphs(section.get("text", "")),
            "confidentiality": section.get("confidentiality", AgendaItem.Confidentiality.PUBLIC),
        }
        item = _get_or_create(AgendaItem, {"meeting": meeting, "order": order}, values)
        for resolution in section.get("resolutions", ()):
            lookup = {"item": item, "number": resolution.get("number")}
            _get_or_create(
                Resolution, lookup, {"text": resolution["text"], "kind": resolution["kind"]}
            )
    # The Commissioner chairs the board; the reports list everyone else as attending it.
    for order, (slug, role) in enumerate(board["attendance"], start=1):
        values = {
            "status": Attendance.Status.PRESENT,
            "role": role,
            "is_chair": slug == "rupert-matthews",
            "order": order,
        }
        _get_or_create(
            Attendance, {"meeting": meeting, "person": Person.objects.get(slug=slug)}, values
        )


def _link_board_action(board, panel, row):
    """Give an imported board action the owners, section and meeting the list does not print."""
    action = Action.objects.get(
        meeting__body=board, meeting__date=row["meeting"], reference=row["reference"]
    )
    if "item" in row and action.item is None:
        action.item = AgendaItem.objects.get(meeting=action.meeting, number=row["item"])
    if "target_meeting" in row and action.target_meeting is None:
        action.target_meeting = Meeting.objects.get(body=panel, date=row["target_meeting"])
    action.follow_up = action.follow_up or row.get("follow_up", "")
    action.full_clean(exclude=["owners"])
    action.save(update_fields=["item", "target_meeting", "follow_up"])
    guessed = list(action.owners.all())
    action.owners.set([services.owner_for(name) for name in row.get("owners", ())])
    # An owner the importer read from the wording ("CC Nixon", "Chair") and the data file
    # corrects would otherwise linger in the owners' list with nothing to answer for.
    for owner in guessed:
        if not owner.actions.exists() and not owner.users.exists() and owner.person_id is None:
            owner.delete()


def _raise_requested_actions(panel, requests, user):
    target = Meeting.objects.get(body=panel, date=requests["due"])
    owners = [services.owner_for(name) for name in requests["owners"]]
    unanswered = Resolution.objects.filter(
        item__meeting__body=panel,
        item__meeting__date=requests["meeting"],
        kind=Resolution.Kind.REQUEST,
        action__isnull=True,
    ).order_by("item__order", "number")
    for resolution in unanswered:
        meeting = resolution.item.meeting
        services.action_from_resolution(
            resolution=resolution,
            user=user,
            owners=owners,
            due_date=target.date,
            target_meeting=target,
            # Raised at the meeting that made the request, as the papers date it.
            at=on_papers_date(meeting.date, meeting.start_time),
        )
