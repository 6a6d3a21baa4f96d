"""The Panel's record: bodies, people, memberships, meetings and what happened at them.

One module per idea; every model is importable from here, as Django and the rest of the
project expect (``from meetings.models import Meeting``).
"""

from meetings.models.meetings import (
    AgendaItem,
    AgendaItemQuerySet,
    Meeting,
    MeetingQuerySet,
    Paper,
    PaperQuerySet,
    WorkProgrammeEntry,
    paper_upload_to,
)
from meetings.models.minutes import Minutes, MinutesEvent, MinutesQuerySet
from meetings.models.people import (
    Body,
    Membership,
    MembershipQuerySet,
    Person,
    PersonAlias,
    PersonQuerySet,
    normalise_name,
)
from meetings.models.record import Attendance, Declaration, Resolution, ResolutionQuerySet
from meetings.models.removals import Removal
from meetings.models.votes import RecordedVote

__all__ = [
    "AgendaItem",
    "AgendaItemQuerySet",
    "Attendance",
    "Body",
    "Declaration",
    "Meeting",
    "MeetingQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Minutes",
    "MinutesEvent",
    "MinutesQuerySet",
    "Paper",
    "PaperQuerySet",
    "Person",
    "PersonAlias",
    "PersonQuerySet",
    "RecordedVote",
    "Removal",
    "Resolution",
    "ResolutionQuerySet",
    "WorkProgrammeEntry",
    "normalise_name",
    "paper_upload_to",
]
