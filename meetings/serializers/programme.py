"""A body's work programme: what it plans to consider, and at which meeting."""

from rest_framework import serializers

from meetings.models import (
    WorkProgrammeEntry,
)
from meetings.serializers.summaries import EventSummarySerializer, OrganizationSummarySerializer
from panel.quick_read import QuickRead


class WorkProgrammeEntrySerializer(QuickRead, serializers.ModelSerializer):
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
            "updated_at",
        ]
        read_only_fields = fields
