"""How the record reads in the API, in the vocabulary of Popolo and Open Civic Data.

Bodies are organizations, meetings are events with an agenda, resolutions are motions (OCD
vote events) with their counts and members' votes. Every field is listed explicitly; the OCD
fields beside ours (identifiers, ``ocd_status``, ``ocd_result``, documents, media, sources)
come from meetings.ocd and are mapped field by field in docs/open-data.md. What a client may read is decided by the
viewsets (meetings.api), which load only readable rows and pass them in the serializer
context: withheld text comes out as null, never as an empty string that could be mistaken
for "nothing was said".
"""

from meetings.serializers.events import EventDetailSerializer, EventSerializer
from meetings.serializers.motions import MotionListSerializer
from meetings.serializers.people import (
    MembershipSerializer,
    OrganizationSerializer,
    PersonSerializer,
)
from meetings.serializers.programme import WorkProgrammeEntrySerializer
from meetings.serializers.summaries import (
    AgendaItemSummarySerializer,
    EventSummarySerializer,
    HtmlUrlField,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)

__all__ = [
    "AgendaItemSummarySerializer",
    "EventDetailSerializer",
    "EventSerializer",
    "EventSummarySerializer",
    "HtmlUrlField",
    "MembershipSerializer",
    "MotionListSerializer",
    "OrganizationSerializer",
    "OrganizationSummarySerializer",
    "PersonSerializer",
    "PersonSummarySerializer",
    "WorkProgrammeEntrySerializer",
]
