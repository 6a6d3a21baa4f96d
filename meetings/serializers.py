"""How the record reads in the API, in the vocabulary of Popolo and Open Civic Data.

Bodies are organizations, meetings are events with an agenda, resolutions are motions with
vote counts. Every field is listed explicitly. What a client may read is decided by the
viewsets (meetings.api), which load only readable rows and pass them in the serializer
context: withheld text comes out as null, never as an empty string that could be mistaken
for "nothing was said".
"""

import datetime

from django.conf import settings
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    Membership,
    Minutes,
    Paper,
    Person,
    PersonAlias,
    Resolution,
    WorkProgrammeEntry,
)

WITHHELD_WORDING = {
    AgendaItem.Confidentiality.REDACTED: "Redacted: this section is not published.",
    AgendaItem.Confidentiality.OFFICIAL_SENSITIVE: "Marked Official \u2013 Sensitive: this "
    "section is not published.",
}


def withheld_reason(item):
    """What the public are told about an item whose text they may not read."""
    if item.confidentiality == AgendaItem.Confidentiality.EXEMPT:
        paragraphs = ", ".join(str(p) for p in item.paragraph_list)
        word = "paragraph" if len(item.paragraph_list) == 1 else "paragraphs"
        return (
            f"Exempt under {word} {paragraphs} of Schedule 12A to the Local Government Act "
            "1972: considered in private."
        )
    return WITHHELD_WORDING.get(item.confidentiality, "Not published.")


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The address of the object's page on the site, for people rather than programs."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


# --- Summaries, for references between resources ------------------------------------------


class OrganizationSummarySerializer(serializers.ModelSerializer):
    abbreviation = serializers.CharField(source="short_name", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "slug", "name", "abbreviation"]
        read_only_fields = fields


class PersonSummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class EventSummarySerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="heading", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Meeting.Kind.choices, read_only=True
    )

    class Meta:
        model = Meeting
        fields = ["id", "name", "classification", "date"]
        read_only_fields = fields


class AgendaItemSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "number", "title"]
        read_only_fields = fields


# --- Organizations, people, memberships ---------------------------------------------------


class OrganizationSerializer(serializers.ModelSerializer):
    """A body whose meetings the site records (Popolo: Organization)."""

    abbreviation = serializers.CharField(source="short_name", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Body.Kind.choices, read_only=True
    )
    classification_label = serializers.CharField(source="get_kind_display", read_only=True)
    active = serializers.BooleanField(source="is_active", read_only=True)
    html_url = HtmlUrlField()

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "abbreviation",
            "classification",
            "classification_label",
            "description",
            "active",
            "html_url",
        ]
        read_only_fields = fields


class OtherNameSerializer(serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["name"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    """One person, with every other spelling the papers use (Popolo: Person)."""

    name = serializers.CharField(read_only=True)
    formal_name = serializers.CharField(read_only=True)
    honorific_prefix = serializers.CharField(source="honorific", read_only=True)
    honorific_suffix = serializers.CharField(source="post_nominals", read_only=True)
    other_names = OtherNameSerializer(source="aliases", many=True, read_only=True)
    html_url = HtmlUrlField()

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "name",
            "formal_name",
            "honorific_prefix",
            "given_name",
            "family_name",
            "honorific_suffix",
            "other_names",
            "html_url",
        ]
        read_only_fields = fields


class MembershipSerializer(serializers.ModelSerializer):
    """A person's seat on a body, in one role, for a period (Popolo: Membership)."""

    person_id = serializers.IntegerField(read_only=True)
    person = PersonSummarySerializer(read_only=True)
    organization_id = serializers.IntegerField(source="body_id", read_only=True)
    organization = OrganizationSummarySerializer(source="body", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices, read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    label = serializers.CharField(
        source="title", read_only=True, help_text='Post held, e.g. "Chief Constable".'
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "person_id",
            "person",
            "organization_id",
            "organization",
            "role",
            "role_label",
            "label",
            "council",
            "party",
            "start_date",
            "end_date",
        ]
        read_only_fields = fields


# --- Motions (resolutions) ----------------------------------------------------------------


class VoteCountSerializer(serializers.Serializer):
    option = serializers.ChoiceField(choices=["yes", "no", "abstain"], read_only=True)
    value = serializers.IntegerField(read_only=True)


class MotionSerializer(serializers.ModelSerializer):
    """One resolution or motion decided under an agenda item (Popolo: Motion)."""

    reference = serializers.SerializerMethodField(
        help_text='As cited: the item number and the resolution number, e.g. "5.2".'
    )
    classification = serializers.ChoiceField(
        source="kind", choices=Resolution.Kind.choices, read_only=True
    )
    classification_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_motion = serializers.BooleanField(
        read_only=True, help_text="Moved and seconded by named members."
    )
    creator = PersonSummarySerializer(
        source="mover", read_only=True, allow_null=True, help_text="Who moved the motion."
    )
    seconder = PersonSummarySerializer(read_only=True, allow_null=True)
    result = serializers.SerializerMethodField()
    result_label = serializers.SerializerMethodField()
    counts = serializers.SerializerMethodField(
        help_text="Votes recorded in the minutes (Popolo vote event counts); empty when the "
        "minutes give none."
    )

    class Meta:
        model = Resolution
        fields = [
            "id",
            "number",
            "reference",
            "text",
            "classification",
            "classification_label",
            "is_motion",
            "creator",
            "seconder",
            "result",
            "result_label",
            "counts",
        ]
        read_only_fields = fields

    def get_reference(self, resolution) -> str:
        item_number = resolution.item.number
        if resolution.number is None:
            return item_number
        return f"{item_number}.{resolution.number}" if item_number else str(resolution.number)

    @extend_schema_field(
        serializers.ChoiceField(choices=Resolution.Outcome.choices, allow_null=True)
    )
    def get_result(self, resolution):
        return resolution.outcome or None

    def get_result_label(self, resolution) -> str | None:
        return resolution.get_outcome_display() if resolution.outcome else None

    @extend_schema_field(VoteCountSerializer(many=True))
    def get_counts(self, resolution):
        counts = (
            ("yes", resolution.votes_for),
            ("no", resolution.votes_against),
            ("abstain", resolution.abstentions),
        )
        return [{"option": option, "value": value} for option, value in counts if value is not None]


class MotionListSerializer(MotionSerializer):
    """A motion with where it was decided, for the register across meetings."""

    agenda_item = AgendaItemSummarySerializer(source="item", read_only=True)
    event = EventSummarySerializer(source="item.meeting", read_only=True)
    organization = OrganizationSummarySerializer(source="item.meeting.body", read_only=True)

    class Meta(MotionSerializer.Meta):
        fields = [*MotionSerializer.Meta.fields, "agenda_item", "event", "organization"]
        read_only_fields = fields


# --- Events (meetings) --------------------------------------------------------------------


class LocationSerializer(serializers.Serializer):
    name = serializers.CharField(source="venue", read_only=True)
    is_remote = serializers.BooleanField(read_only=True)


class MinutesSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Minutes.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Minutes
        fields = ["status", "status_label", "published_at", "confirmed_at"]
        read_only_fields = fields


class PaperSerializer(serializers.ModelSerializer):
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
        request = self.context.get("request")
        return request.build_absolute_uri(paper.file.url) if request else paper.file.url


class AgendaItemSerializer(serializers.ModelSerializer):
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
        help_text='e.g. "Exempt under paragraphs 1, 3 of Schedule 12A to the Local Government '
        'Act 1972: considered in private."'
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
        return withheld_reason(outline) if self._readable(outline) is None else None

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
        return PaperSerializer(item.papers.all(), many=True, context=self.context).data

    @extend_schema_field(MotionSerializer(many=True, allow_null=True))
    def get_motions(self, outline):
        item = self._minuted(outline)
        if item is None:
            return None
        return MotionSerializer(item.resolutions.all(), many=True, context=self.context).data


class AttendanceSerializer(serializers.ModelSerializer):
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


class DeclarationSerializer(serializers.ModelSerializer):
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


class EventSerializer(serializers.ModelSerializer):
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
        ]
        read_only_fields = fields

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

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting):
        context = {
            **self.context,
            "record_visible": meeting.record_visible,
            "readable_items": {item.pk: item for item in meeting.readable_items},
        }
        return AgendaItemSerializer(meeting.outline, many=True, context=context).data

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


# --- Work programme -----------------------------------------------------------------------


class WorkProgrammeEntrySerializer(serializers.ModelSerializer):
    """An item a body plans to consider, at a given meeting or still to be scheduled."""

    organization = OrganizationSummarySerializer(source="body", read_only=True)
    event = EventSummarySerializer(
        source="meeting",
        read_only=True,
        allow_null=True,
        help_text="The meeting it is planned for; null while still to be scheduled.",
    )
    classification = serializers.ChoiceField(
        source="kind", choices=WorkProgrammeEntry.Kind.choices, read_only=True
    )
    classification_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = serializers.ChoiceField(choices=WorkProgrammeEntry.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = WorkProgrammeEntry
        fields = [
            "id",
            "organization",
            "event",
            "classification",
            "classification_label",
            "title",
            "comments",
            "status",
            "status_label",
            "order",
        ]
        read_only_fields = fields
