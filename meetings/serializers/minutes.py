"""What the minutes read as in the staff API: their status, history and the record a
correction can change."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Minutes,
    MinutesEvent,
    Resolution,
)
from meetings.serializers.summaries import (
    EventSummarySerializer,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)
from panel.quick_read import QuickRead


class MinutesEventSerializer(QuickRead, serializers.ModelSerializer):
    """One step of the minutes' lifecycle, or a correction: a row of their append-only history."""

    from_status = serializers.SerializerMethodField(help_text="null when the minutes were started.")
    to_status = serializers.ChoiceField(choices=Minutes.Status.choices, read_only=True)
    actor = serializers.SerializerMethodField(help_text="The officer's user name.")
    is_correction = serializers.SerializerMethodField()
    snapshot = serializers.JSONField(
        read_only=True,
        help_text="For a correction: the earlier values of exactly what it changed, under "
        "items, resolutions, attendances and declarations.",
    )

    class Meta:
        model = MinutesEvent
        fields = ["id", "at", "from_status", "to_status", "actor", "note", "is_correction"]
        fields += ["snapshot"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Minutes.Status.choices, allow_null=True))
    def get_from_status(self, event):
        return event.from_status or None

    def get_actor(self, event) -> str | None:
        return event.actor.get_username() if event.actor is not None else None

    def get_is_correction(self, event) -> bool:
        return event.is_correction


class ConfirmingMotionSerializer(QuickRead, serializers.ModelSerializer):
    """The resolution of a later meeting that confirmed the minutes."""

    event = EventSummarySerializer(source="item.meeting", read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "text", "event"]
        read_only_fields = fields


class MinutesWorkflowSerializer(QuickRead, serializers.ModelSerializer):
    """A meeting's minutes: where they stand, and the steps their status allows now."""

    event = EventSummarySerializer(source="meeting", read_only=True)
    organization = OrganizationSummarySerializer(source="meeting.body", read_only=True)
    status = serializers.ChoiceField(choices=Minutes.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    confirmed_by = ConfirmingMotionSerializer(read_only=True, allow_null=True)
    steps = serializers.SerializerMethodField(
        help_text="The steps the minutes' status allows now: POST to /api/v1/minutes/{id}/<step>/."
    )
    html_url = serializers.SerializerMethodField(
        help_text="The public page of the minutes; null while they are a draft."
    )

    class Meta:
        model = Minutes
        fields = [
            "id",
            "event",
            "organization",
            "status",
            "status_label",
            "published_at",
            "confirmed_at",
            "confirmed_by",
            "steps",
            "html_url",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=[*services.STEPS]))
    )
    def get_steps(self, minutes):
        return [step.name for step in services.steps_allowed(minutes)]

    def get_html_url(self, minutes) -> str | None:
        if minutes.status not in Minutes.PUBLISHED_STATUSES:
            return None
        url = reverse("meetings:minutes_detail", kwargs={"pk": minutes.meeting_id})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class RecordMotionSerializer(QuickRead, serializers.ModelSerializer):
    class Meta:
        model = Resolution
        fields = ["id", "number", "text"]
        read_only_fields = fields


class RecordItemSerializer(QuickRead, serializers.ModelSerializer):
    confidentiality = serializers.ChoiceField(
        choices=AgendaItem.Confidentiality.choices, read_only=True
    )
    motions = RecordMotionSerializer(source="resolutions", many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "order", "number", "title", "minutes_text", "confidentiality", "motions"]
        read_only_fields = fields


class RecordAttendanceSerializer(QuickRead, serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    status = serializers.ChoiceField(choices=Attendance.Status.choices, read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "person", "status", "is_chair", "role"]
        read_only_fields = fields


class RecordDeclarationSerializer(QuickRead, serializers.ModelSerializer):
    person = PersonSummarySerializer(read_only=True)
    interest_type = serializers.ChoiceField(
        choices=Declaration.InterestType.choices, read_only=True
    )

    class Meta:
        model = Declaration
        fields = ["id", "person", "interest_type", "all_items", "reason"]
        read_only_fields = fields


class MinutesRecordSerializer(serializers.Serializer):
    """The record as it stands, keyed by the ids a correction names."""

    items = RecordItemSerializer(source="meeting.items", many=True, read_only=True)
    attendance = RecordAttendanceSerializer(source="meeting.attendances", many=True, read_only=True)
    declarations = RecordDeclarationSerializer(
        source="meeting.declarations", many=True, read_only=True
    )


class MinutesWorkflowDetailSerializer(MinutesWorkflowSerializer):
    """The minutes with their history, and the record a correction can change."""

    history = MinutesEventSerializer(many=True, read_only=True)
    record = MinutesRecordSerializer(source="*", read_only=True)

    class Meta(MinutesWorkflowSerializer.Meta):
        fields = [*MinutesWorkflowSerializer.Meta.fields, "history", "record"]
        read_only_fields = fields
