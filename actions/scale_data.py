"""A realistic national dataset for benchmarks: every Police and Crime Panel and its board.

Deterministic for a given seed, and built with bulk_create in batches so the whole country
(about 5,000 meetings, 75,000 items and 25,000 actions) takes minutes, not hours.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, ActionEvent, Owner
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Meeting,
    Membership,
    Minutes,
    Person,
    PersonAlias,
    Resolution,
)

FORCE_AREAS = [
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Durham",
    "Dyfed-Powys",
    "Essex",
    "Gloucestershire",
    "Gwent",
    "Hampshire and Isle of Wight",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicester, Leicestershire and Rutland",
    "Lincolnshire",
    "Merseyside",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
    "Wiltshire",
    "Bedford and Luton",
]
GIVEN = [
    "Sarah",
    "James",
    "Priya",
    "Mohammed",
    "Helen",
    "David",
    "Aisha",
    "Robert",
    "Emma",
    "Tom",
    "Grace",
    "Hassan",
    "Claire",
    "Peter",
    "Nadia",
    "Owen",
    "Rachel",
    "Sunil",
]
FAMILY = [
    "Taylor",
    "Russell",
    "Patel",
    "Khan",
    "Jones",
    "Williams",
    "Evans",
    "Smith",
    "Brown",
    "Wilson",
    "Hughes",
    "Mahal",
    "Clarke",
    "Wright",
    "Begum",
    "Walker",
    "Hall",
    "Green",
    "Sood",
    "Lewis",
    "Roberts",
    "Morgan",
    "Singh",
    "Thomas",
    "Cooper",
]
ITEM_TITLES = [
    "Apologies for absence",
    "Declarations of interest",
    "Minutes of the previous meeting",
    "Public questions",
    "Commissioner's update",
    "Police and Crime Plan performance report",
    "Precept proposal",
    "Domestic abuse and violence against women and girls update",
    "Estates strategy",
    "Victim services commissioning",
    "Complaints annual report",
    "Recruitment and retention report",
    "Corporate Governance Board report",
    "Work programme",
    "Date of next meeting",
]
ACTION_TEXTS = [
    "OPCC to provide a breakdown of {topic} figures by district",
    "Force to report back on progress with {topic}",
    "CFO to review carry-forward requests relating to {topic}",
    "PCC and Force to meet regarding {topic}",
    "Update on {topic} to be brought to the next meeting",
]
TOPICS = [
    "neighbourhood policing",
    "rural crime",
    "stalking victim support",
    "S106 funding",
    "call handling",
    "fleet replacement",
    "custody visits",
    "hate crime reporting",
]
OFFICES = ["OPCC", "Force", "CFO", "PCC", "Chief Constable", "Monitoring Officer"]
BATCH = 2000


def generate(
    *,
    seed=2023,
    panels=41,
    years=10,
    meetings_per_year=6,
    items_per_meeting=15,
    actions_per_meeting=5,
    people=1000,
    end=None,
    log=lambda message: None,
):
    """Create the dataset. Returns a dict of row counts created."""
    rng = random.Random(seed)
    end = end or timezone.localdate()
    start_year = end.year - years
    counts = {}
    with transaction.atomic():
        owners = [Owner.objects.get_or_create(name=name)[0] for name in OFFICES]

        persons = []
        for n in range(people):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            persons.append(
                Person(
                    honorific="Councillor",
                    given_name=given,
                    family_name=family,
                    slug=f"scale-{seed}-{n}-{slugify(given)}-{slugify(family)}",
                    search_name=f"councillor {given} {family}".lower(),
                )
            )
        Person.objects.bulk_create(persons, batch_size=BATCH)
        PersonAlias.objects.bulk_create(
            [
                PersonAlias(
                    person=p,
                    name=f"Cllr. {p.given_name[0]}. {p.family_name}",
                    normalised=f"cllr {p.given_name[0].lower()} {p.family_name.lower()}",
                )
                for p in persons
            ],
            batch_size=BATCH,
        )
        counts["people"] = len(persons)
        log(f"{len(persons)} people")

        bodies = []
        for area in FORCE_AREAS[:panels]:
            slug = slugify(area)[:60]
            bodies.append(
                Body(
                    name=f"{area} Police and Crime Panel (scale {seed})",
                    slug=f"{slug}-pcp-{seed}",
                    kind=Body.Kind.PANEL,
                )
            )
            bodies.append(
                Body(
                    name=f"{area} Corporate Governance Board (scale {seed})",
                    slug=f"{slug}-cgb-{seed}",
                    short_name="CGB",
                    kind=Body.Kind.BOARD,
                )
            )
        Body.objects.bulk_create(bodies)
        counts["bodies"] = len(bodies)

        memberships, seats = [], {}
        per_body = max(6, people // len(bodies))
        for index, body in enumerate(bodies):
            members = [persons[(index * per_body + k) % len(persons)] for k in range(per_body)]
            seats[body.pk] = members
            for k, person in enumerate(members):
                role = (
                    Membership.Role.CHAIR
                    if k == 0
                    else Membership.Role.VICE_CHAIR
                    if k == 1
                    else Membership.Role.MEMBER
                )
                memberships.append(
                    Membership(
                        person=person,
                        body=body,
                        role=role,
                        start_date=datetime.date(start_year, 5, 20),
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        counts["memberships"] = len(memberships)

        meetings = []
        for body in bodies:
            for year in range(start_year + 1, end.year + 1):
                for m in range(meetings_per_year):
                    date = datetime.date(
                        year, 1 + m * (12 // meetings_per_year), 10 + rng.randint(0, 15)
                    )
                    held = date < end
                    meetings.append(
                        Meeting(
                            body=body,
                            kind=Meeting.Kind.BOARD
                            if body.kind == Body.Kind.BOARD
                            else Meeting.Kind.ORDINARY,
                            date=date,
                            start_time=datetime.time(13, 0),
                            end_time=datetime.time(15, 30),
                            venue="Council offices",
                            no_declarations=True,
                            status=Meeting.Status.HELD if held else Meeting.Status.SCHEDULED,
                        )
                    )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        counts["meetings"] = len(meetings)
        log(f"{len(meetings)} meetings")

        items, attendances, minutes = [], [], []
        for meeting in meetings:
            for order in range(1, items_per_meeting + 1):
                exempt = order == items_per_meeting - 1 and rng.random() < 0.2
                items.append(
                    AgendaItem(
                        meeting=meeting,
                        order=order,
                        number=str(order),
                        title=ITEM_TITLES[(order - 1) % len(ITEM_TITLES)],
                        minutes_text="The Panel received a report. " * rng.randint(3, 12),
                        confidentiality=(
                            AgendaItem.Confidentiality.EXEMPT
                            if exempt
                            else AgendaItem.Confidentiality.PUBLIC
                        ),
                        exempt_paragraphs="3" if exempt else "",
                    )
                )
            if meeting.status == Meeting.Status.HELD:
                members = seats[meeting.body_id]
                for k, person in enumerate(members[:12]):
                    status = (
                        Attendance.Status.APOLOGIES
                        if rng.random() < 0.1
                        else Attendance.Status.PRESENT
                    )
                    attendances.append(
                        Attendance(
                            meeting=meeting,
                            person=person,
                            status=status,
                            order=k,
                            is_chair=(k == 0 and status == Attendance.Status.PRESENT),
                        )
                    )
                minutes.append(
                    Minutes(
                        meeting=meeting,
                        status=Minutes.Status.PUBLISHED,
                        published_at=timezone.now(),
                    )
                )
        AgendaItem.objects.bulk_create(items, batch_size=BATCH)
        Attendance.objects.bulk_create(attendances, batch_size=BATCH)
        Minutes.objects.bulk_create(minutes, batch_size=BATCH)
        counts.update(items=len(items), attendances=len(attendances), minutes=len(minutes))
        log(f"{len(items)} items, {len(attendances)} attendances")

        resolutions = [
            Resolution(
                item=item,
                number=1,
                text=f"That the contents of the report on {item.title.lower()} be noted.",
                kind=Resolution.Kind.NOTED,
            )
            for item in items
            if item.order > 4
        ]
        Resolution.objects.bulk_create(resolutions, batch_size=BATCH)
        counts["resolutions"] = len(resolutions)

        actions, events, links = [], [], []
        items_by_meeting = {}
        for item in items:
            items_by_meeting.setdefault(item.meeting_id, []).append(item)
        for meeting in meetings:
            if meeting.status != Meeting.Status.HELD:
                continue
            for k in range(actions_per_meeting):
                item = items_by_meeting[meeting.pk][4 + k]
                age = (end - meeting.date).days
                status = (
                    Action.Status.COMPLETE
                    if age > 365 or rng.random() < 0.5
                    else rng.choice(
                        [
                            Action.Status.OPEN,
                            Action.Status.IN_PROGRESS,
                            Action.Status.AWAITING_SIGN_OFF,
                        ]
                    )
                )
                actions.append(
                    Action(
                        meeting=meeting,
                        item=item,
                        reference=f"{item.number}{'abcde'[k]}",
                        text=rng.choice(ACTION_TEXTS).format(topic=rng.choice(TOPICS)),
                        due_date=meeting.date + datetime.timedelta(days=rng.randint(14, 120)),
                        status=status,
                        status_wording="completed" if status == Action.Status.COMPLETE else "",
                    )
                )
        Action.objects.bulk_create(actions, batch_size=BATCH)
        for action in actions:
            at = timezone.make_aware(
                datetime.datetime.combine(action.meeting.date, datetime.time(16))
            )
            events.append(
                ActionEvent(
                    action=action,
                    from_status="",
                    to_status=Action.Status.OPEN,
                    at=at,
                    note="Action recorded.",
                )
            )
            if action.status != Action.Status.OPEN:
                events.append(
                    ActionEvent(
                        action=action,
                        from_status=Action.Status.OPEN,
                        to_status=action.status,
                        at=at + datetime.timedelta(days=30),
                        note="Update received.",
                    )
                )
            links.append(
                Action.owners.through(action=action, owner=owners[rng.randrange(len(owners))])
            )
        ActionEvent.objects.bulk_create(events, batch_size=BATCH)
        Action.owners.through.objects.bulk_create(links, batch_size=BATCH)
        counts.update(actions=len(actions), action_events=len(events))
        log(f"{len(actions)} actions, {len(events)} history rows")
    return counts
