"""Motions (the Panel's resolutions), with their vote counts (Popolo)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import (
    Resolution,
)
from meetings.serializers.summaries import (
    AgendaItemSummarySerializer,
    EventSummarySerializer,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)
from panel.quick_read import QuickRead


class VoteCountSerializer(serializers.Serializer):
    option = serializers.ChoiceField(choices=["yes", "no", "abstain"], read_only=True)
    value = serializers.IntegerField(read_only=True)


class MotionSerializer(QuickRead, serializers.ModelSerializer):
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
