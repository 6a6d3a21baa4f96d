"""How the action log reads in the API, and what its workflow endpoints accept."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Action, ActionEvent, Owner
from meetings.api_minutes import MotionIdField as StrictIdField
from meetings.api_minutes import TextField
from meetings.models import Meeting, Resolution
from meetings.serializers import (
    AgendaItemSummarySerializer,
    EventSummarySerializer,
    HtmlUrlField,
    OrganizationSummarySerializer,
)
from panel.quick_read import QuickRead


class OwnerSerializer(QuickRead, serializers.ModelSerializer):
    class Meta:
        model = Owner
        fields = ["id", "name"]
        read_only_fields = fields


class ActionEventSerializer(QuickRead, serializers.ModelSerializer):
    """One change in an action's status: a row of its append-only history."""

    from_status = serializers.SerializerMethodField(help_text="null when the action was raised.")
    to_status = serializers.ChoiceField(choices=Action.Status.choices, read_only=True)
    actor = serializers.SerializerMethodField(
        help_text="Who made the change: given to members and staff only, null otherwise."
    )
    signed_off_at = EventSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = ActionEvent
        fields = [
            "id",
            "at",
            "from_status",
            "to_status",
            "actor",
            "note",
            "status_wording",
            "signed_off_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Action.Status.choices, allow_null=True))
    def get_from_status(self, event):
        return event.from_status or None

    def get_actor(self, event) -> str | None:
        if not self.context.get("show_actors") or event.actor is None:
            return None
        return event.actor.get_full_name() or event.actor.get_username()


class ActionSerializer(QuickRead, serializers.ModelSerializer):
    """One piece of follow-up work that arose at a meeting, with its full history."""

    status = serializers.ChoiceField(choices=Action.Status.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status_wording = serializers.CharField(
        read_only=True,
        help_text='The status as reported, e.g. "completed, added to the forward plan".',
    )
    rag = serializers.SerializerMethodField(
        help_text="Red when overdue, amber when due within 14 days, else green; null once "
        "complete or withdrawn. Derived from the due date today, never stored."
    )
    overdue = serializers.SerializerMethodField()
    organization = OrganizationSummarySerializer(source="meeting.body", read_only=True)
    event = EventSummarySerializer(
        source="meeting", read_only=True, help_text="The meeting at which the action arose."
    )
    agenda_item = serializers.SerializerMethodField(
        help_text="The item it arose from, when the client may read that item; else null."
    )
    motion_id = serializers.IntegerField(
        source="resolution_id",
        read_only=True,
        allow_null=True,
        help_text="The resolution the action was raised from, if any.",
    )
    target_event = EventSummarySerializer(
        source="target_meeting",
        read_only=True,
        allow_null=True,
        help_text='The meeting it should come back to ("update to CGB in January").',
    )
    owners = OwnerSerializer(many=True, read_only=True, source="owner_list")
    restricted = serializers.BooleanField(
        source="is_restricted",
        read_only=True,
        help_text="Members and staff only: restricted, or from an exempt or redacted item.",
    )
    signed_off_at = EventSummarySerializer(read_only=True, allow_null=True)
    history = ActionEventSerializer(many=True, read_only=True, source="history_list")
    html_url = HtmlUrlField()

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "text",
            "status",
            "status_label",
            "status_wording",
            "rag",
            "overdue",
            "due_date",
            "organization",
            "event",
            "agenda_item",
            "motion_id",
            "target_event",
            "owners",
            "follow_up",
            "restricted",
            "signed_off_at",
            "withdrawn_reason",
            "created_at",
            "history",
            "html_url",
            "updated_at",
        ]
        read_only_fields = fields

    _agenda_item_serializer = None

    @extend_schema_field(serializers.ChoiceField(choices=Action.Rag.choices, allow_null=True))
    def get_rag(self, action):
        return action.rag or None

    def get_overdue(self, action) -> bool:
        return action.rag == Action.Rag.RED

    @extend_schema_field(AgendaItemSummarySerializer(allow_null=True))
    def get_agenda_item(self, action):
        # An owner may see their restricted action without being entitled to its item.
        if not self.context["audience"].may_read_item(action.item):
            return None
        # One serializer for every row of a list: building one per row (its fields, each
        # time) cost more than the rest of the row.
        if self._agenda_item_serializer is None:
            self._agenda_item_serializer = AgendaItemSummarySerializer(context=self.context)
        return self._agenda_item_serializer.to_representation(action.item)


# --- What the workflow endpoints accept ---------------------------------------------------


def need_field(need):
    """The request field that asks for ``need`` (a services.Need), under its API name."""
    missing = need.missing_api or need.missing
    options = {
        "help_text": need.help_text,
        "required": need.required,
        "error_messages": {"required": missing, "blank": missing} if missing else {},
    }
    if need.kind == "meeting":
        options["error_messages"] |= {
            "does_not_exist": "No meeting has id {pk_value}: see /api/v1/events/.",
            "incorrect_type": "Give the meeting's id as a whole number.",
        }
        # A JSON number only: "1" or true is refused, as the minutes' steps refuse them.
        return StrictIdField(queryset=Meeting.objects.all(), **options)
    max_length = 300 if need.kind == "wording" else 5000
    return TextField(allow_blank=not need.required, max_length=max_length, **options)


def step_request_serializer(step):
    """The body a workflow step's endpoint accepts: what the step asks for."""
    fields = {need.field_name: need_field(need) for need in step.asks}
    name = "".join(part.capitalize() for part in step.name.split("_"))
    return type(f"Action{name}Serializer", (serializers.Serializer,), fields)


class ActionFromMotionSerializer(serializers.Serializer):
    motion_id = serializers.PrimaryKeyRelatedField(
        queryset=Resolution.objects.none(),
        help_text="The id of the resolution that requests something.",
        error_messages={
            "required": "Give motion_id: the resolution the action arises from.",
            "does_not_exist": "No motion you may see has id {pk_value}: see /api/v1/motions/.",
            "incorrect_type": "Give the motion's id as a whole number.",
        },
    )
    owner_ids = serializers.PrimaryKeyRelatedField(
        queryset=Owner.objects.all(),
        many=True,
        required=False,
        help_text="Ids of the owners (a person or an office such as OPCC).",
        error_messages={"does_not_exist": "No owner has id {pk_value}."},
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    target_event_id = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of the meeting the action should come back to.",
        error_messages={"does_not_exist": "No meeting has id {pk_value}: see /api/v1/events/."},
    )

    def __init__(self, *args, motions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if motions is not None:
            self.fields["motion_id"].queryset = motions
