"""An event's fields in the vocabulary of Open Civic Data: its status, documents, media and
sources (see meetings.serializers.vocabulary and docs/open-data.md)."""

from django.db.models import F
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from meetings.serializers.vocabulary import (
    EventDocumentSerializer,
    EventMediaSerializer,
    SourceSerializer,
    document,
    minutes_documents,
    paper_document,
    source,
)
from meetings.visibility import Audience
from panel.prebuilt import prebuilt


class EventListSerializer(serializers.ListSerializer):
    """A page of meetings, with the papers of them all the client may read found at once
    (one query, whatever the page's length) for their ``documents``."""

    def to_representation(self, data):
        meetings = list(data.all() if hasattr(data, "all") else data)
        audience = self.child.context.get("audience") or Audience()
        self.child.papers_by_meeting = papers_by_meeting(audience, [m.pk for m in meetings])
        return super().to_representation(meetings)


def papers_by_meeting(audience, meeting_ids):
    """meeting id -> the papers with a file that ``audience`` may read, in agenda order."""
    found = {}
    if not meeting_ids:
        return found
    # The query, less the page's meetings, is built once per process and kind of reader.
    papers = prebuilt(
        ("event-papers", audience.rights), lambda: _papers_with_files(audience)
    ).filter(item__meeting_id__in=meeting_ids)
    for paper in papers:
        found.setdefault(paper.meeting_pk, []).append(paper)
    return found


def _papers_with_files(audience):
    return (
        audience.papers()
        .exclude(file="")
        .annotate(meeting_pk=F("item__meeting_id"))
        .only("id", "title", "file", "original_name", "item_id")
        .order_by("item__order", "item_id", "id")
    )


class EventVocabularyMixin:
    """The OCD fields' values, for EventSerializer (which declares the fields)."""

    # Set by EventListSerializer for a page of meetings; None for one meeting on its own.
    papers_by_meeting = None

    @extend_schema_field(serializers.ChoiceField(choices=ocd.OCD_EVENT_STATUSES))
    def get_ocd_status(self, meeting):
        return ocd.EVENT_STATUS[meeting.status]

    def get_jurisdiction_id(self, meeting) -> str:
        return ocd.jurisdiction_id()

    def _papers(self, meeting):
        if hasattr(meeting, "readable_items"):  # a meeting loaded with its record
            return [paper for item in meeting.readable_items for paper in item.readable_papers]
        if self.papers_by_meeting is not None:
            return self.papers_by_meeting.get(meeting.pk, [])
        audience = self.context.get("audience") or Audience()
        return papers_by_meeting(audience, [meeting.pk]).get(meeting.pk, [])

    @extend_schema_field(EventDocumentSerializer(many=True))
    def get_documents(self, meeting):
        request = self.context.get("request")
        agenda = document("agenda", "Agenda", meeting.get_absolute_url(), "text/html", request)
        papers = (paper_document(paper, request) for paper in self._papers(meeting))
        return [
            agenda,
            *minutes_documents(meeting, meeting.visible_minutes, request),
            *(paper for paper in papers if paper is not None),
        ]

    @extend_schema_field(EventMediaSerializer(many=True))
    def get_media(self, meeting):
        if not meeting.webcast_url:
            return []
        return [
            {
                "classification": "webcast",
                "note": "Webcast",
                "url": meeting.webcast_url,
                "media_type": "text/html",
            }
        ]

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, meeting):
        request = self.context.get("request")
        sources = [source(meeting.get_absolute_url(), "The meeting's page on the site.", request)]
        if meeting.visible_minutes is not None:
            sources.append(source(meeting.get_minutes_url(), "The minutes.", request))
        return sources
