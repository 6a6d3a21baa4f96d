"""Factories for every model of the record and the action log (factory_boy).

Each factory makes the smallest row the database accepts: a field the model gives a default
keeps it, and a required field without one gets a readable value drawn from the Panel's papers;
a test names only the fields its behaviour depends on. Related rows are made
as they are needed (an ``AgendaItemFactory()`` brings its meeting and that meeting's body), so
pass the parent when two rows must share one. Rows that move through a workflow (minutes,
actions) are made in their first state: use the services to move them, so history is written.
"""

import datetime

import factory
from django.contrib.auth import get_user_model

from actions.models import Action, ActionEvent, Owner, Reminder
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    MinutesEvent,
    Paper,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
)

JULY_26 = datetime.date(2023, 7, 26)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("a-long-test-password")


class BodyFactory(factory.django.DjangoModelFactory):
    """The Panel, unless told otherwise; one ``slug`` is one body (get-or-create)."""

    class Meta:
        model = Body
        django_get_or_create = ("slug",)

    name = "Police and Crime Panel"
    short_name = "PCP"
    slug = "pcp"
    kind = Body.Kind.PANEL


class BoardFactory(BodyFactory):
    name = "Corporate Governance Board"
    short_name = "CGB"
    slug = "cgb"
    kind = Body.Kind.BOARD


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        django_get_or_create = ("slug",)

    family_name = factory.Sequence(lambda n: f"Member{n}")
    slug = factory.LazyAttribute(lambda p: f"{p.given_name}-{p.family_name}".lower().strip("-"))


class PersonAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonAlias

    person = factory.SubFactory(PersonFactory)
    name = factory.LazyAttribute(lambda a: f"Cllr. {a.person.family_name}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    role = Membership.Role.MEMBER
    start_date = datetime.date(2023, 5, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    date = JULY_26


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n + 1}")


class ExemptItemFactory(AgendaItemFactory):
    """An item taken in private under paragraph 3 of Schedule 12A."""

    confidentiality = "exempt"
    exempt_paragraphs = "3"


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    item = factory.SubFactory(AgendaItemFactory)
    title = factory.LazyAttribute(lambda p: p.item.title)


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    interest_type = Declaration.InterestType.OTHER_REGISTRABLE
    reason = "as a close relative works for Leicestershire Police"


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    item = factory.SubFactory(AgendaItemFactory)
    text = "That the contents of the report be noted."


class WorkProgrammeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgrammeEntry

    body = factory.SubFactory(BodyFactory)
    title = factory.Sequence(lambda n: f"Work programme entry {n + 1}")


class MinutesFactory(factory.django.DjangoModelFactory):
    """A bare minutes row (no history): for minutes with their lifecycle's history, use
    ``meetings.services.minutes_create`` and the steps after it."""

    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)


class MinutesEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinutesEvent

    minutes = factory.SubFactory(MinutesFactory)
    from_status = Minutes.Status.DRAFT
    to_status = Minutes.Status.PUBLISHED


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Owner
        django_get_or_create = ("name",)

    name = "OPCC"


class ActionFactory(factory.django.DjangoModelFactory):
    """An open action with its creation history row, as ``actions.services.action_create``
    would leave it."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    reference = factory.Sequence(lambda n: f"{n + 1}a")
    text = factory.Sequence(lambda n: f"Report back on item {n + 1}")

    @factory.post_generation
    def owners(action, create, extracted, **kwargs):
        if create and extracted:
            action.owners.set(extracted)

    @factory.post_generation
    def history(action, create, extracted, **kwargs):
        if create:
            ActionEvent.objects.create(
                action=action, from_status="", to_status=action.status, note="Action recorded."
            )


class ActionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionEvent

    action = factory.SubFactory(ActionFactory)
    from_status = Action.Status.OPEN
    to_status = Action.Status.IN_PROGRESS


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reminder

    action = factory.SubFactory(ActionFactory)
    owner = factory.SubFactory(OwnerFactory)
    sent_on = JULY_26
    recipient = "opcc@example.org"
