"""A realistic national dataset for benchmarks: every Police and Crime Panel and its board.

Deterministic for a given seed, and built with bulk_create in batches so the whole country
(about 5,000 meetings, 75,000 items and 25,000 actions) takes minutes, not hours.
"""

import datetime
import json
import random
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, ActionEvent, Owner
from actions.references import reference_key
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
from meetings.models.stored_visibility import refresh_visibility

# The words the dataset is made of: a data file, so that changing them is not a code change.
WORDS = json.loads((Path(__file__).parent / "data" / "scale_words.json").read_text())
FORCE_AREAS, GIVEN, FAMILY = WORDS["force_areas"], WORDS["given"], WORDS["family"]
ITEM_TITLES, ACTION_TEXTS, TOPICS = WORDS["item_titles"], WORDS["action_texts"], WORDS["topics"]
OFFICES = WORDS["offices"]
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
    run = ScaleRun(seed=seed, end=end or timezone.localdate(), years=years, log=log)
    with transaction.atomic():
        owners = [Owner.objects.get_or_create(name=name)[0] for name in OFFICES]
        persons = run.add_people(people)
        bodies = run.add_bodies(panels)
        seats = run.add_memberships(bodies, persons)
        meetings = run.add_meetings(bodies, meetings_per_year)
        items = run.add_items_and_minutes(meetings, seats, items_per_meeting)
        run.add_resolutions(items)
        run.add_actions(meetings, items, owners, actions_per_meeting)
        # bulk_create skips save(), which keeps the stored visibility flags and dates.
        refresh_visibility()
    return run.counts


class ScaleRun:
    """One run of ``generate``: its random source, its dates, and the counts of rows made.

    The steps draw from the random source in a fixed order, so a seed gives the same data.
    """

    def __init__(self, *, seed, end, years, log):
        self.rng = random.Random(seed)
        self.seed = seed
        self.end = end
        self.start_year = end.year - years
        self.log = log
        self.counts = {}

    def add_people(self, count):
        persons = []
        for n in range(count):
            given, family = self.rng.choice(GIVEN), self.rng.choice(FAMILY)
            persons.append(
                Person(
                    honorific="Councillor",
                    given_name=given,
                    family_name=family,
                    slug=f"scale-{self.seed}-{n}-{slugify(given)}-{slugify(family)}",
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
        self.counts["people"] = len(persons)
        self.log(f"{len(persons)} people")
        return persons

    def add_bodies(self, panels):
        bodies = []
        for area in FORCE_AREAS[:panels]:
            slug = slugify(area)[:60]
            bodies.append(
                Body(
                    name=f"{area} Police and Crime Panel (scale {self.seed})",
                    slug=f"{slug}-pcp-{self.seed}",
                    kind=Body.Kind.PANEL,
                )
            )
            bodies.append(
                Body(
                    name=f"{area} Corporate Governance Board (scale {self.seed})",
                    slug=f"{slug}-cgb-{self.seed}",
                    short_name="CGB",
                    kind=Body.Kind.BOARD,
                )
            )
        Body.objects.bulk_create(bodies)
        self.counts["bodies"] = len(bodies)
        return bodies

    def add_memberships(self, bodies, persons):
        """Seat members on each body (chair first, then vice-chair); returns each body's."""
        memberships, seats = [], {}
        per_body = max(6, len(persons) // len(bodies))
        roles = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR]
        for index, body in enumerate(bodies):
            members = [persons[(index * per_body + k) % len(persons)] for k in range(per_body)]
            seats[body.pk] = members
            memberships += [
                Membership(
                    person=person,
                    body=body,
                    role=roles[k] if k < len(roles) else Membership.Role.MEMBER,
                    start_date=datetime.date(self.start_year, 5, 20),
                )
                for k, person in enumerate(members)
            ]
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.counts["memberships"] = len(memberships)
        return seats

    def add_meetings(self, bodies, per_year):
        meetings = [
            self._meeting(body, year, m, per_year)
            for body in bodies
            for year in range(self.start_year + 1, self.end.year + 1)
            for m in range(per_year)
        ]
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        self.counts["meetings"] = len(meetings)
        self.log(f"{len(meetings)} meetings")
        return meetings

    def _meeting(self, body, year, m, per_year):
        date = datetime.date(year, 1 + m * (12 // per_year), 10 + self.rng.randint(0, 15))
        board = body.kind == Body.Kind.BOARD
        return Meeting(
            body=body,
            kind=Meeting.Kind.BOARD if board else Meeting.Kind.ORDINARY,
            date=date,
            start_time=datetime.time(13, 0),
            end_time=datetime.time(15, 30),
            venue="Council offices",
            no_declarations=True,
            status=Meeting.Status.HELD if date < self.end else Meeting.Status.SCHEDULED,
        )

    def add_items_and_minutes(self, meetings, seats, per_meeting):
        items, attendances, minutes = [], [], []
        for meeting in meetings:
            items += [
                self._item(meeting, order, per_meeting) for order in range(1, per_meeting + 1)
            ]
            if meeting.status == Meeting.Status.HELD:
                attendances += self._attendances(meeting, seats[meeting.body_id][:12])
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
        self.counts.update(items=len(items), attendances=len(attendances), minutes=len(minutes))
        self.log(f"{len(items)} items, {len(attendances)} attendances")
        return items

    def _item(self, meeting, order, per_meeting):
        exempt = order == per_meeting - 1 and self.rng.random() < 0.2
        return AgendaItem(
            meeting=meeting,
            order=order,
            number=str(order),
            title=ITEM_TITLES[(order - 1) % len(ITEM_TITLES)],
            minutes_text="The Panel received a report. " * self.rng.randint(3, 12),
            confidentiality=(
                AgendaItem.Confidentiality.EXEMPT if exempt else AgendaItem.Confidentiality.PUBLIC
            ),
            exempt_paragraphs="3" if exempt else "",
        )

    def _attendances(self, meeting, members):
        attendances = []
        for k, person in enumerate(members):
            present = not self.rng.random() < 0.1
            attendances.append(
                Attendance(
                    meeting=meeting,
                    person=person,
                    status=Attendance.Status.PRESENT if present else Attendance.Status.APOLOGIES,
                    order=k,
                    is_chair=(k == 0 and present),
                )
            )
        return attendances

    def add_resolutions(self, items):
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
        self.counts["resolutions"] = len(resolutions)

    def add_actions(self, meetings, items, owners, per_meeting):
        items_by_meeting = {}
        for item in items:
            items_by_meeting.setdefault(item.meeting_id, []).append(item)
        actions = [
            self._action(meeting, items_by_meeting[meeting.pk][4 + k], k)
            for meeting in meetings
            if meeting.status == Meeting.Status.HELD
            for k in range(per_meeting)
        ]
        Action.objects.bulk_create(actions, batch_size=BATCH)
        events, links = [], []
        for action in actions:
            events += self._history(action)
            links.append(
                Action.owners.through(action=action, owner=owners[self.rng.randrange(len(owners))])
            )
        ActionEvent.objects.bulk_create(events, batch_size=BATCH)
        Action.owners.through.objects.bulk_create(links, batch_size=BATCH)
        self.counts.update(actions=len(actions), action_events=len(events))
        self.log(f"{len(actions)} actions, {len(events)} history rows")

    def _action(self, meeting, item, k):
        age = (self.end - meeting.date).days
        outstanding = [
            Action.Status.OPEN,
            Action.Status.IN_PROGRESS,
            Action.Status.AWAITING_SIGN_OFF,
        ]
        status = (
            Action.Status.COMPLETE
            if age > 365 or self.rng.random() < 0.5
            else self.rng.choice(outstanding)
        )
        reference = f"{item.number}{'abcde'[k]}"
        return Action(
            meeting=meeting,
            item=item,
            reference=reference,
            # bulk_create skips Action.save(), which sets the sort key.
            reference_key=reference_key(reference),
            text=self.rng.choice(ACTION_TEXTS).format(topic=self.rng.choice(TOPICS)),
            due_date=meeting.date + datetime.timedelta(days=self.rng.randint(14, 120)),
            status=status,
            status_wording="completed" if status == Action.Status.COMPLETE else "",
        )

    def _history(self, action):
        """The action's history: recorded after its meeting, and moved on a month later."""
        at = timezone.make_aware(datetime.datetime.combine(action.meeting.date, datetime.time(16)))
        events = [
            ActionEvent(
                action=action,
                from_status="",
                to_status=Action.Status.OPEN,
                at=at,
                note="Action recorded.",
            )
        ]
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
        return events
