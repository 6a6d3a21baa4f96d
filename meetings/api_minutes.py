"""The minutes' lifecycle in the API, for democratic services: registered on the one router.

Staff list the minutes, read one with its history and the record a correction can change,
and take each step of the lifecycle with a POST to ``/api/v1/minutes/{id}/<step>/``. The
step endpoints are generated from the steps declared in meetings.services.STEPS (their
names, what each asks for, their refusals) and call the same service functions as the
admin. Each answers with the minutes and their history. A step the minutes' status does not
allow is a 409 with the refusal; input the step refuses (no note, a resolution of another
body, a row of another meeting) is a 400 naming the field.

Everything here is for staff who keep the minutes: anyone else is refused (401 without
credentials, 403 with them), drafts and officers' notes included.
"""

import django_filters
from django.core.validators import RegexValidator
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, permissions, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from meetings import services
from meetings.api import PanelAutoSchema, PublicReadViewSet
from meetings.api_filters import body_filter, event_filter, multiple_choice_filter
from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Minutes,
    MinutesEvent,
    Resolution,
)
from meetings.serializers.minutes import MinutesWorkflowDetailSerializer, MinutesWorkflowSerializer
from meetings.visibility import Audience
from panel.api import Conflict, router
from panel.converters import is_id

# What the API calls the services' inputs: it speaks of motions and attendance, as the rest
# of the API does.
API_NAMES = {"resolution": "motion_id", "resolutions": "motions", "attendances": "attendance"}
SERVICE_NAMES = {api: service for service, api in API_NAMES.items()}


class CanKeepMinutes(permissions.BasePermission):
    """Democratic services staff, who may change minutes."""

    message = (
        "The minutes' workflow is for democratic services staff (staff with the \u201cCan "
        "change minutes\u201d permission)."
    )

    def has_permission(self, request, view):
        user = request.user
        return user.is_authenticated and user.is_staff and user.has_perm("meetings.change_minutes")


class StaffOnlySchema(PanelAutoSchema):
    """Every operation here, reads included, can answer 403 to a signed-in non-staff client."""

    def _error_codes(self):
        return sorted({*super()._error_codes(), 403})


# --- What each step accepts, generated from its declaration ------------------------------

# DRF's fields are lenient with JSON types: a CharField takes 12 as "12", a BooleanField takes
# "yes" and 1. The schema says a string and a boolean, and a client that sends something else
# has a bug it should hear about, so these take only the JSON type the schema names.


# DRF trims text before it checks that text which may not be blank is not: such text must hold
# a character that is not white space (Python's, which also counts U+001C-U+001F and U+0085),
# and, as all text, no null character. The schema says so with this pattern (drf-spectacular
# reads it from the validator).
NOT_BLANK = r"^[^\u0000]*[^\s\u0000\u001c-\u001f\u0085][^\u0000]*$"


class TextField(serializers.CharField):
    default_error_messages = {"not_text": "Give text (a JSON string), not {kind}."}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if not self.allow_blank and self.trim_whitespace:
            self.validators.append(RegexValidator(NOT_BLANK))

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text", kind=json_kind(data))
        return super().to_internal_value(data)


class TrueFalseField(serializers.BooleanField):
    default_error_messages = {"not_boolean": "Give true or false (a JSON boolean), not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("not_boolean", kind=json_kind(data))
        return data


def json_kind(value):
    """What a JSON value is, in words, for an error message."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "null"
    return {str: "text", list: "a list", dict: "an object"}.get(type(value), "that")


class IdKeyedDictField(serializers.DictField):
    """A JSON object whose keys are ids of rows, e.g. {"12": {...}}."""

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        bad = [key for key in values if not is_id(str(key))]
        if bad:
            raise serializers.ValidationError(
                f"Keys are the ids of the rows to correct, as whole numbers; not {bad[0]!r}."
            )
        return {int(key): value for key, value in values.items()}


class CorrectionSerializer(serializers.Serializer):
    """What one row's correction may name: any other key is refused, not silently ignored."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            names = list(self.fields)
            allowed = f"{', '.join(names[:-1])} and {names[-1]}" if len(names) > 1 else names[0]
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        name: [f"A correction cannot change {name}: only {allowed}."]
                        for name in unknown
                    }
                )
        return super().to_internal_value(data)


class ItemCorrectionSerializer(CorrectionSerializer):
    title = TextField(required=False, max_length=300)
    minutes_text = TextField(required=False, allow_blank=True, max_length=100_000)


class AttendanceCorrectionSerializer(CorrectionSerializer):
    status = serializers.ChoiceField(choices=Attendance.Status.choices, required=False)
    is_chair = TrueFalseField(required=False)
    role = TextField(required=False, allow_blank=True, max_length=200)


class DeclarationCorrectionSerializer(CorrectionSerializer):
    interest_type = serializers.ChoiceField(
        choices=Declaration.InterestType.choices, required=False
    )
    all_items = TrueFalseField(required=False)
    reason = TextField(required=False, max_length=10_000)


class MotionIdField(serializers.PrimaryKeyRelatedField):
    """A resolution's id; one no id column can hold is "not found", not a database error."""

    def to_internal_value(self, data):
        if isinstance(data, float) and data.is_integer():
            data = int(data)  # 12.0 is the number 12 in JSON
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("incorrect_type", data_type=json_kind(data))
        if not is_id(str(data)):
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)


def request_serializer(step):
    """The body the step's endpoint accepts: what the step asks for (services.STEPS)."""
    fields = {}
    if step.asks_resolution:
        fields["motion_id"] = MotionIdField(
            queryset=Resolution.objects.all(),
            help_text="The id of the resolution of a later, held meeting of the same body "
            "that confirmed the minutes (see /api/v1/motions/).",
            error_messages={
                "required": "Give motion_id: the resolution that confirmed the minutes.",
                "does_not_exist": "No motion has id {pk_value}: see /api/v1/motions/.",
                "incorrect_type": "Give the motion's id as a whole number.",
            },
        )
    if step.asks_corrections:
        fields["items"] = IdKeyedDictField(
            child=ItemCorrectionSerializer(),
            required=False,
            help_text="New title and/or minutes_text, keyed by agenda item id (record.items).",
        )
        fields["motions"] = IdKeyedDictField(
            child=TextField(max_length=10_000),
            required=False,
            help_text="New text, keyed by motion id (record.items[].motions).",
        )
        fields["attendance"] = IdKeyedDictField(
            child=AttendanceCorrectionSerializer(),
            required=False,
            help_text="New status, is_chair and/or role, keyed by attendance id "
            "(record.attendance).",
        )
        fields["declarations"] = IdKeyedDictField(
            child=DeclarationCorrectionSerializer(),
            required=False,
            help_text="New interest_type, all_items and/or reason, keyed by declaration id "
            "(record.declarations).",
        )
    required = step.note_required
    fields["note"] = TextField(
        required=bool(required),
        allow_blank=not required,
        max_length=5000,
        help_text=f"{step.note_label}: kept in the minutes' history.",
        error_messages={"required": required, "blank": required} if required else {},
    )
    name = "".join(part.capitalize() for part in step.name.split("_"))
    return type(f"Minutes{name}Serializer", (serializers.Serializer,), fields)


REQUEST_SERIALIZERS = {name: request_serializer(step) for name, step in services.STEPS.items()}


# --- The endpoints ----------------------------------------------------------------------


class MinutesFilter(django_filters.FilterSet):
    event = event_filter("meeting", help_text="The meeting (event) whose minutes to list.")
    body = body_filter("meeting__body")
    status = multiple_choice_filter(Minutes.Status.choices, "Status; repeat for several.")

    class Meta:
        model = Minutes
        fields = []


@extend_schema_view(
    list=extend_schema(
        summary="List minutes (staff)",
        description="Every meeting's minutes, drafts included, newest meeting first. "
        "`?event=<meeting id>` finds one meeting's.",
    ),
    retrieve=extend_schema(
        summary="One meeting's minutes, with their history and record (staff)",
        description="`record` gives the current text of what a correction can change, keyed "
        "by the ids that `correct/` takes.",
    ),
)
class MinutesViewSet(PublicReadViewSet):
    """The minutes of each meeting, moved through their lifecycle by democratic services."""

    filterset_class = MinutesFilter
    permission_classes = [CanKeepMinutes]
    # The cursor pages on the minutes' own key: the latest recorded first.
    ordering = ("-pk",)
    schema = StaffOnlySchema()
    conflict_actions = {name: [409] for name in services.STEPS}

    def get_serializer_class(self):
        return (
            MinutesWorkflowSerializer if self.action == "list" else MinutesWorkflowDetailSerializer
        )

    def get_queryset(self):
        minutes = (
            Audience.of(self.request)
            .minutes()
            .select_related("meeting__body", "confirmed_by__item__meeting")
        )
        if self.action == "list":
            return minutes
        motions = Resolution.objects.order_by("number", "pk")
        return minutes.prefetch_related(
            Prefetch("history", queryset=MinutesEvent.objects.select_related("actor")),
            Prefetch(
                "meeting__items",
                queryset=AgendaItem.objects.order_by("order", "pk").prefetch_related(
                    Prefetch("resolutions", queryset=motions)
                ),
            ),
            Prefetch(
                "meeting__attendances",
                queryset=Attendance.objects.select_related("person").order_by("order", "pk"),
            ),
            Prefetch(
                "meeting__declarations",
                queryset=Declaration.objects.select_related("person").order_by("pk"),
            ),
        )

    def take_step(self, request, step):
        minutes = self.get_object()
        serializer = REQUEST_SERIALIZERS[step.name](data=request.data)
        serializer.is_valid(raise_exception=True)
        inputs = {SERVICE_NAMES.get(k, k): v for k, v in serializer.validated_data.items()}
        try:
            services.minutes_step(minutes=minutes, step=step.name, user=request.user, **inputs)
        except services.MinutesInputRefused as refusal:
            field = API_NAMES.get(refusal.field, refusal.field) or "non_field_errors"
            raise exceptions.ValidationError({field: refusal.messages}) from None
        except services.MinutesTransitionNotAllowed as refusal:
            raise Conflict(detail=refusal.messages[0], code="transition_not_allowed") from None
        fresh = self.get_queryset().get(pk=minutes.pk)
        return Response(self.get_serializer(fresh).data)


def step_endpoint(step):
    """The POST endpoint of one step, documented from its declaration."""

    def endpoint(self, request, pk=None):
        return self.take_step(request, step)

    endpoint.__name__ = step.name
    allowed = " or ".join(str(Minutes.Status(s).label).lower() for s in step.allowed_from)
    after = (
        f"they become {Minutes.Status(step.to).label.lower()}" if step.to else "their status stays"
    )
    endpoint = action(detail=True, methods=["post"], url_path=step.name.replace("_", "-"))(endpoint)
    return extend_schema(
        summary=f"{step.label} (staff)",
        description=f"{step.explanation} Allowed when the minutes are {allowed}; {after}. "
        "Answers with the minutes, their history ending with this step.",
        request=REQUEST_SERIALIZERS[step.name],
        responses={200: MinutesWorkflowDetailSerializer},
    )(endpoint)


for _step in services.STEPS.values():
    setattr(MinutesViewSet, _step.name, step_endpoint(_step))


router.register("minutes", MinutesViewSet, basename="minutes")
