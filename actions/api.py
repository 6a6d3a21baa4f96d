"""Read and workflow API for the action log: registered on the one router in panel.api.

Anyone may read the actions they are entitled to see (``Action.objects.visible_to``, with
the audience of meetings.visibility).
Democratic services staff move actions through their workflow with POST endpoints that call
the same service functions as the admin and the pages; each answers with the updated action
and its history. A transition the action's status does not allow is a 409.
"""

from functools import partial

from django.db import IntegrityError
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import permissions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from actions import services
from actions.filters import ActionFilter
from actions.models import (
    Action,
    ActionEvent,
    prefetch_history,
    prefetch_owners,
    visible_actions,
)
from actions.serializers import (
    ActionFromMotionSerializer,
    ActionSerializer,
    step_request_serializer,
)
from meetings.api import PublicReadViewSet, name_choices
from meetings.models import Meeting
from meetings.visibility import Audience
from panel.api import Conflict, router

name_choices("ActionStatus", Action.Status)


class CanChangeActionStatus(permissions.BasePermission):
    """Staff with the "change action status" permission, on actions they may see."""

    message = (
        "Moving an action through its workflow needs the \u201cCan move actions through their "
        "workflow\u201d permission (democratic services staff)."
    )

    def has_permission(self, request, view):
        user = request.user
        return user.is_authenticated and user.has_perm("actions.change_action_status")

    def has_object_permission(self, request, view, obj):
        return Action.objects.visible_to(Audience.of(request)).filter(pk=obj.pk).exists()


class CanRaiseActions(permissions.BasePermission):
    message = "Raising an action needs the \u201cCan add action\u201d permission (staff)."

    def has_permission(self, request, view):
        user = request.user
        return user.is_authenticated and user.has_perm("actions.add_action")


# What the JSON reads of the rows an action refers to (the summaries in
# meetings.serializers.summaries): their other columns are not loaded.
MEETING_SUMMARY = ("id", "body_id", "kind", "title", "date")
BODY_SUMMARY = ("id", "slug", "name", "short_name")
ITEM_SUMMARY = ("id", "meeting_id", "number", "title", "confidentiality")
ACTOR_NAMES = ("id", "username", "first_name", "last_name")


def _summary(relation, fields):
    return [f"{relation}__{field}" for field in fields]


def with_api_relations(actions, *, actors=True):
    """What an action's JSON reads: meeting and body, item, target meeting, owners and the
    history (with who made each change, for readers who see ``actors``), each related row
    only as far as the JSON reads it."""
    # Ordered within each action: the model's ordering would join every event to its
    # action only to sort them.
    history = (
        ActionEvent.objects.select_related(*(["actor"] if actors else []), "signed_off_at")
        .only(
            *(field.name for field in ActionEvent._meta.concrete_fields),
            *(_summary("actor", ACTOR_NAMES) if actors else []),
            *_summary("signed_off_at", MEETING_SUMMARY),
        )
        .order_by("at", "id")
    )
    # The meeting an action goes back to and the one that signed it off are few, and often
    # none: read after the page in one query (none when no action names one), not joined.
    return (
        actions.read_after(
            Meeting.objects.only(*MEETING_SUMMARY), "target_meeting", "signed_off_at"
        )
        .select_related("meeting__body", "item")
        .only(
            *(field.name for field in Action._meta.concrete_fields),
            *_summary("meeting", MEETING_SUMMARY),
            *_summary("meeting__body", BODY_SUMMARY),
            # The item is summarised (number, title): its own words stay in the database.
            *_summary("item", ITEM_SUMMARY),
        )
        .prefetch_related(prefetch_owners(), prefetch_history(history))
    )


@extend_schema_view(
    list=extend_schema(
        summary="List actions",
        description="The action log. For what is still to do, filter by status: "
        "`?status=open&status=in_progress&status=awaiting_sign_off`; add `body=cgb` for one "
        "body's actions. Restricted actions are listed only for members and staff.",
    ),
    retrieve=extend_schema(summary="One action, with its history"),
)
class ActionViewSet(PublicReadViewSet):
    """Actions arising from meetings, tracked to sign-off."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    # Grouped by the meeting they arose at; references repeat across meetings, so they
    # cannot carry a cursor on their own (see panel.api.StandardPagination).
    ordering = ("meeting_id", "reference_key", "pk")

    @property
    def conflict_actions(self):
        return {name: [409] for name in [*services.STEPS, "from_resolution"]}

    def get_permissions(self):
        if self.action == "from_resolution":
            return [CanRaiseActions()]
        if self.action in services.STEPS:
            return [CanChangeActionStatus()]
        return [permissions.AllowAny()]

    def get_queryset(self):
        # Ordered within each action: the model's ordering would join every event to its
        # action only to sort them.
        audience = Audience.of(self.request)
        # Who made each change is read only for those who see it.
        actors = audience.sees_actors
        return visible_actions(
            audience,
            "api-with-actors" if actors else "api",
            partial(with_api_relations, actors=actors),
        )

    def get_serializer_context(self):
        # Officers' names in the history are for the people who work with them.
        audience = Audience.of(self.request)
        return {
            **super().get_serializer_context(),
            "audience": audience,
            "show_actors": audience.sees_actors,
        }

    def _updated(self, action_obj, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=action_obj.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def take_step(self, request, step, request_serializer):
        action_obj = self.get_object()
        serializer = request_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        given = serializer.validated_data
        inputs = {
            need.name: given[need.field_name] for need in step.asks if need.field_name in given
        }
        try:
            services.action_transition(
                action=action_obj, transition=step.name, user=request.user, **inputs
            )
        except services.TransitionNotAllowed as refusal:
            raise Conflict(detail=refusal.messages[0], code="transition_not_allowed") from None
        return self._updated(action_obj)

    @extend_schema(
        summary="Raise an action from a resolution",
        description="Turns a resolution that requests something into an open action linked "
        "to it. A resolution has at most one action: a second request is a 409.",
        request=ActionFromMotionSerializer,
        responses={201: ActionSerializer},
    )
    @action(detail=False, methods=["post"], url_path="from-resolution")
    def from_resolution(self, request):
        serializer = ActionFromMotionSerializer(
            data=request.data, motions=Audience.of(request).resolutions()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        resolution = data["motion_id"]
        existing = Action.objects.filter(resolution=resolution).values_list("pk", flat=True)
        if existing:
            raise Conflict(
                detail=f"Resolution {resolution.pk} already has action {existing[0]}: "
                f"change that one at /api/v1/actions/{existing[0]}/ instead.",
                code="already_raised",
            )
        try:
            created = services.action_from_resolution(
                resolution=resolution,
                user=request.user,
                owners=data.get("owner_ids", ()),
                due_date=data.get("due_date"),
                target_meeting=data.get("target_event_id"),
            )
        except IntegrityError:
            # Another request raised it between the check and the insert.
            raise Conflict(
                detail=f"Resolution {resolution.pk} already has an action.", code="already_raised"
            ) from None
        return self._updated(created, code=status.HTTP_201_CREATED)


def step_endpoint(step):
    """The POST endpoint of one workflow step, documented from its declaration."""
    request_serializer = step_request_serializer(step)

    def endpoint(self, request, pk=None):
        return self.take_step(request, step, request_serializer)

    endpoint.__name__ = step.name
    allowed = " or ".join(str(Action.Status(s).label).lower() for s in step.allowed_from)
    endpoint = action(detail=True, methods=["post"], url_path=step.url_path)(endpoint)
    return extend_schema(
        summary=step.summary,
        description=f"{step.explanation} Allowed when the action is {allowed}; it becomes "
        f"{Action.Status(step.to).label.lower()}. Answers with the updated action, its history "
        "ending with this change.",
        request=request_serializer,
        responses={200: ActionSerializer},
    )(endpoint)


def add_step_endpoints(viewset):
    """Give ``viewset`` one endpoint per step of services.STEPS."""
    for step in services.STEPS.values():
        setattr(viewset, step.name, step_endpoint(step))


add_step_endpoints(ActionViewSet)
router.register("actions", ActionViewSet, basename="action")
