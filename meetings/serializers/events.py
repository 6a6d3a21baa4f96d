"""Events (meetings) with their agenda, papers, attendance, declarations and minutes (Open
Civic Data). A withheld item is given by its outline and the reason it is withheld only."""

import datetime

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from meetings.models import AgendaItem, Attendance, Declaration, Meeting, Minutes, Paper
from meetings.serializers.event_vocabulary import EventListSerializer, EventVocabularyMixin
from meetings.serializers.motions import MotionSerializer, recorded_votes
from meetings.serializers.summaries import (
    HtmlUrlField,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)
from meetings.serializers.vocabulary import ocd_id_field
from panel.quick_read import QuickRead


class LocationSerializer(QuickRead, serializers.Serializer):
    name = serializers.CharField(source="venue", read_only=True)
    is_remote = serializers.BooleanField(read_only=True)


class MinutesSerializer(QuickRead, serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Minutes.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Minutes
        fields = ["status", "status_label", "published_at", "confirmed_at"]
        read_only_fields = fields


class PaperSerializer(QuickRead, serializers.ModelSerializer):
    marking = serializers.ChoiceField(choices=Paper.Marking.choices, read_only=True)
    marking_label = serializers.CharField(source="get_marking_display", read_only=True)
    restricted = serializers.BooleanField(source="is_restricted", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "title",
            "report_of",
            "author",
            "marking",
            "marking_label",
            "restricted",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, paper) -> str | None:
        if not paper.file:
            return None
        return ocd.absolute_url(paper.file.url, self.context.get("request"))


class AgendaItemSerializer(QuickRead, serializers.ModelSerializer):
    """One item of business (Open Civic Data: agenda item).

    Serializes an item's outline; the full row comes from ``context["readable_items"]``,
    which holds only the items the client may read. For any other item (exempt, redacted or
    official-sensitive, to the public) only its order, number, confidentiality and the
    reason it is withheld are given: title, text, papers and motions are null. Minutes text
    and motions are also null while the meeting's minutes are not published to the client.
    """

    title = serializers.SerializerMethodField()
    confidentiality = serializers.ChoiceField(
        choices=AgendaItem.Confidentiality.choices, read_only=True
    )
    exempt_paragraphs = serializers.ListField(
        source="paragraph_list",
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Paragraphs of Schedule 12A to the Local Government Act 1972 relied on.",
    )
    withheld = serializers.SerializerMethodField(
        help_text="True when this client may not read the item."
    )
    withheld_reason = serializers.SerializerMethodField(
        help_text='e.g. "This item was considered in private (exempt information under '
        'paragraphs 1 and 3 of Schedule 12A to the Local Government Act 1972)."'
    )
    description = serializers.SerializerMethodField()
    minutes_text = serializers.SerializerMethodField()
    papers = serializers.SerializerMethodField()
    motions = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "order",
            "number",
            "title",
            "confidentiality",
            "exempt_paragraphs",
            "withheld",
            "withheld_reason",
            "description",
            "minutes_text",
            "papers",
            "motions",
        ]
        read_only_fields = fields

    def _readable(self, outline):
        return self.context["readable_items"].get(outline.pk)

    def _minuted(self, outline):
        item = self._readable(outline)
        return item if item is not None and self.context["record_visible"] else None

    def get_title(self, outline) -> str | None:
        item = self._readable(outline)
        return item.title if item is not None else None

    def get_withheld(self, outline) -> bool:
        return self._readable(outline) is None

    def get_withheld_reason(self, outline) -> str | None:
        return outline.withheld_reason if self._readable(outline) is None else None

    def get_description(self, outline) -> str | None:
        item = self._readable(outline)
        return item.description if item is not None else None

    def get_minutes_text(self, outline) -> str | None:
        item = self._minuted(outline)
        return item.minutes_text if item is not None else None

    @extend_schema_field(PaperSerializer(many=True, allow_null=True))
    def get_papers(self, outline):
        item = self._readable(outline)
        if item is None:
            return None
        return self._rows(PaperSerializer, item.readable_papers)

    @extend_schema_field(MotionSerializer(many=True, allow_null=True))
    def get_motions(self, outline):
        item = self._minuted(outline)
        if item is None:
            return None
        return self._rows(MotionSerializer, item.readable_resolutions)

    def _rows(self, serializer_class, rows):
        """``rows`` as ``serializer_class`` writes them, by one serializer for every item of
        the meeting rather than one made (its fields copied, its plan worked out) per item."""
        made = self.__dict__.setdefault("_row_serializers", {})
        serializer = made.get(serializer_class)
        if serializer is None:
            serializer = made[serializer_class] = serializer_class(many=True, context=self.context)
        return serializer.to_representation(rows)


class AttendanceSerializer(QuickRead, serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    status = serializers.ChoiceField(choices=Attendance.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    role = serializers.CharField(
        read_only=True, help_text='As the minutes give it, e.g. "Police and Crime Commissioner".'
    )
    substitute_for = PersonSummarySerializer(read_only=True, allow_null=True)
    agenda_item_ids = serializers.PrimaryKeyRelatedField(
        source="items",
        many=True,
        read_only=True,
        help_text="Only where the minutes say the person attended for named items.",
    )

    class Meta:
        model = Attendance
        fields = [
            "person",
            "status",
            "status_label",
            "is_chair",
            "role",
            "substitute_for",
            "agenda_item_ids",
        ]
        read_only_fields = fields


class DeclarationSerializer(QuickRead, serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    interest_type = serializers.ChoiceField(
        choices=Declaration.InterestType.choices, read_only=True
    )
    interest_type_label = serializers.CharField(source="get_interest_type_display", read_only=True)
    all_items = serializers.BooleanField(read_only=True, help_text='"all substantive items"')
    agenda_item_ids = serializers.PrimaryKeyRelatedField(source="items", many=True, read_only=True)

    class Meta:
        model = Declaration
        fields = [
            "person",
            "interest_type",
            "interest_type_label",
            "all_items",
            "agenda_item_ids",
            "reason",
        ]
        read_only_fields = fields


class EventSerializer(EventVocabularyMixin, QuickRead, serializers.ModelSerializer):
    """One meeting of a body (Open Civic Data: Event)."""

    name = serializers.CharField(source="heading", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Meeting.Kind.choices, read_only=True
    )
    classification_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = serializers.ChoiceField(choices=Meeting.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    organization = OrganizationSummarySerializer(source="body", read_only=True)
    start_date = serializers.SerializerMethodField(
        help_text="When the meeting opens, with its UTC offset; null when no time is set."
    )
    end_date = serializers.SerializerMethodField(
        help_text="When the meeting closed; null unless recorded."
    )
    all_day = serializers.SerializerMethodField(help_text="True when no start time is set.")
    timezone = serializers.SerializerMethodField()
    location = LocationSerializer(source="*", read_only=True)
    webcast_url = serializers.SerializerMethodField()
    minutes = MinutesSerializer(
        source="visible_minutes",
        read_only=True,
        allow_null=True,
        help_text="Where the minutes stand; null when none are published to this client.",
    )
    html_url = HtmlUrlField()
    ocd_id = ocd_id_field(ocd.EVENT)
    ocd_status = serializers.SerializerMethodField(
        help_text="OCD event status: confirmed (scheduled), passed (held), tentative "
        "(postponed), cancelled."
    )
    jurisdiction_id = serializers.SerializerMethodField(
        help_text="Open Civic Data jurisdiction: the Panel, in its police force area."
    )
    documents = serializers.SerializerMethodField(
        help_text="The agenda (the meeting's page), the minutes once published to this "
        "client, and the papers with a file this client may read."
    )
    media = serializers.SerializerMethodField(help_text="The webcast, if there is one.")
    sources = serializers.SerializerMethodField(
        help_text="The pages this record is published on: the meeting's, and its minutes'."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "name",
            "classification",
            "classification_label",
            "status",
            "status_label",
            "organization",
            "date",
            "start_date",
            "end_date",
            "all_day",
            "timezone",
            "location",
            "webcast_url",
            "minutes",
            "html_url",
            "updated_at",
            "ocd_id",
            "ocd_status",
            "jurisdiction_id",
            "documents",
            "media",
            "sources",
        ]
        read_only_fields = fields
        list_serializer_class = EventListSerializer

    @staticmethod
    def _at(meeting, time):
        if time is None:
            return None
        return datetime.datetime.combine(meeting.date, time, tzinfo=timezone.get_default_timezone())

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_start_date(self, meeting):
        start = self._at(meeting, meeting.start_time)
        return start.isoformat() if start else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_end_date(self, meeting):
        end = self._at(meeting, meeting.end_time) if meeting.start_time else None
        return end.isoformat() if end else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_webcast_url(self, meeting):
        return meeting.webcast_url or None

    def get_all_day(self, meeting) -> bool:
        return meeting.start_time is None

    def get_timezone(self, meeting) -> str:
        return settings.TIME_ZONE


class EventDetailSerializer(EventSerializer):
    """A meeting with its agenda, attendance, declarations and motions.

    Attendance and declarations are part of the minutes: null until the minutes are
    published (staff see drafts).
    """

    quorate = serializers.BooleanField(read_only=True, allow_null=True)
    no_declarations = serializers.BooleanField(
        read_only=True, help_text='The minutes record "There were no declarations".'
    )
    agenda = serializers.SerializerMethodField()
    attendance = serializers.SerializerMethodField()
    declarations = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = [
            *EventSerializer.Meta.fields,
            "quorate",
            "no_declarations",
            "agenda",
            "attendance",
            "declarations",
        ]
        read_only_fields = fields

    @staticmethod
    def load(queryset):
        """The members' votes on the meeting's motions: one query. (The viewset loads the
        rest with ``with_record``; the papers are its readable items'.)"""
        return queryset.prefetch_related(
            recorded_votes("readable_items__readable_resolutions__recorded_votes")
        )

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting):
        context = {
            **self.context,
            "record_visible": meeting.record_visible,
            "readable_items": {item.pk: item for item in meeting.readable_items},
        }
        return AgendaItemSerializer(meeting.agenda_outline, many=True, context=context).data

    @extend_schema_field(AttendanceSerializer(many=True, allow_null=True))
    def get_attendance(self, meeting):
        if not meeting.record_visible:
            return None
        return AttendanceSerializer(meeting.attendances.all(), many=True, context=self.context).data

    @extend_schema_field(DeclarationSerializer(many=True, allow_null=True))
    def get_declarations(self, meeting):
        if not meeting.record_visible:
            return None
        return DeclarationSerializer(
            meeting.declarations.all(), many=True, context=self.context
        ).data
