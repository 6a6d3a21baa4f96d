"""Motions (the Panel's resolutions), with their vote counts (Popolo)."""

from collections import Counter

from django.db.models import Case, Prefetch, Value, When
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from meetings.models import (
    RecordedVote,
    Resolution,
)
from meetings.serializers.summaries import (
    AgendaItemSummarySerializer,
    EventSummarySerializer,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)
from meetings.serializers.vocabulary import SourceSerializer, ocd_id_field, source
from panel.links import page_url
from panel.quick_read import QuickRead


class VoteCountSerializer(serializers.Serializer):
    option = serializers.ChoiceField(choices=ocd.OCD_VOTE_OPTIONS, read_only=True)
    value = serializers.IntegerField(read_only=True)


class VoteSerializer(serializers.Serializer):
    """One member's vote, as a recorded vote in the minutes prints it (OCD / Popolo: vote)."""

    option = serializers.ChoiceField(
        choices=ocd.OCD_VOTE_OPTIONS, read_only=True, help_text="OCD / Popolo vote option."
    )
    vote = serializers.ChoiceField(
        choices=RecordedVote.Vote.choices, read_only=True, help_text="As the minutes say it."
    )
    voter_name = serializers.CharField(read_only=True)
    voter = PersonSummarySerializer(read_only=True)


# A recorded vote lists those for, then against, then abstaining, each in the minutes' order.
VOTE_ORDER = Case(
    *(When(vote=vote, then=Value(n)) for n, vote in enumerate(RecordedVote.Vote.values)),
    default=Value(len(RecordedVote.Vote.values)),
)


def recorded_votes(lookup="recorded_votes"):
    """The prefetch of the members' votes on the resolutions reached by ``lookup``."""
    votes = RecordedVote.objects.select_related("person").order_by(VOTE_ORDER, "id")
    return Prefetch(lookup, queryset=votes)


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
    ocd_id = ocd_id_field(
        ocd.VOTE,
        help_text="Open Civic Data identifier of the vote event deciding this motion "
        "(ocd-vote/<uuid>): stable, derived from the integer id.",
    )
    ocd_result = serializers.SerializerMethodField(
        help_text="OCD / Popolo result: pass (carried), fail (lost); null when withdrawn or "
        "no outcome is recorded."
    )
    votes = serializers.SerializerMethodField(
        help_text="How each member voted, where the minutes print a recorded vote; else empty."
    )
    sources = serializers.SerializerMethodField(help_text="The minutes that record it.")

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
            "updated_at",
            "ocd_id",
            "ocd_result",
            "votes",
            "sources",
        ]
        read_only_fields = fields

    @staticmethod
    def load(queryset):
        """Each motion with its members' votes: one query for the whole page."""
        return queryset.prefetch_related(recorded_votes())

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
        votes = resolution.recorded_votes.all()
        if votes and all(value is None for _, value in counts):
            # No totals printed, but a recorded vote, which names every vote: its tally.
            tally = Counter(ocd.VOTE_OPTION[vote.vote] for vote in votes)
            counts = [(option, tally[option]) for option in ocd.OCD_VOTE_OPTIONS]
        return [{"option": option, "value": value} for option, value in counts if value is not None]

    @extend_schema_field(serializers.ChoiceField(choices=ocd.OCD_RESULTS, allow_null=True))
    def get_ocd_result(self, resolution):
        return ocd.RESULT.get(resolution.outcome)

    @extend_schema_field(VoteSerializer(many=True))
    def get_votes(self, resolution):
        votes = resolution.recorded_votes.all()
        if not votes:
            return []
        person = PersonSummarySerializer(context=self.context)
        return [
            {
                "option": ocd.VOTE_OPTION[vote.vote],
                "vote": vote.vote,
                "voter_name": vote.person.name,
                "voter": person.to_representation(vote.person),
            }
            for vote in votes
        ]

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, resolution):
        minutes = page_url("meetings:minutes_detail", pk=resolution.item.meeting_id)
        return [source(minutes, "The minutes of the meeting.", self.context.get("request"))]


class MotionListSerializer(MotionSerializer):
    """A motion with where it was decided, for the register across meetings."""

    agenda_item = AgendaItemSummarySerializer(source="item", read_only=True)
    event = EventSummarySerializer(source="item.meeting", read_only=True)
    organization = OrganizationSummarySerializer(source="item.meeting.body", read_only=True)

    class Meta(MotionSerializer.Meta):
        fields = [*MotionSerializer.Meta.fields, "agenda_item", "event", "organization"]
        read_only_fields = fields
