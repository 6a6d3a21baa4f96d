"""Read API for the record: registered on the one router in panel.api.

Organizations (bodies), people, memberships, events (meetings, with their agenda, attendance,
declarations and motions), motions (the register of resolutions) and the work programme.
Each viewset starts from what the client may read (``Audience``, the pages' rules) and loads
everything it serializes with a fixed number of queries.

``PublicReadViewSet`` and ``PanelAutoSchema``, the conventions every API viewset shares
(actions.api too), live here rather than in panel.api: the settings name
panel.api.StandardPagination, which DRF imports while rest_framework.generics is still
loading, so panel.api cannot import viewsets or drf-spectacular's AutoSchema.
"""

import datetime

import icalendar
from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import timezone
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from knox.auth import TokenAuthentication
from rest_framework import viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.serializers import ChoiceField
from rest_framework.settings import api_settings

from meetings import feeds
from meetings.api_filters import (
    EventFilter,
    MembershipFilter,
    MotionFilter,
    OrganizationFilter,
    PersonFilter,
    WorkProgrammeFilter,
)
from meetings.models import (
    Attendance,
    Body,
    Meeting,
    Membership,
    Minutes,
    Person,
    Resolution,
    WorkProgrammeEntry,
)
from meetings.serializers import (
    EventDetailSerializer,
    EventSerializer,
    MembershipSerializer,
    MotionListSerializer,
    OrganizationSerializer,
    PersonSerializer,
    WorkProgrammeEntrySerializer,
)
from meetings.visibility import Audience
from panel.api import (
    ERROR_DESCRIPTIONS,
    CSVRenderer,
    DeclaredFilterBackend,
    ErrorSerializer,
    StandardPagination,
    exception_handler,
    router,
)

# Choice sets that several resources share a field name for ("status", "classification"),
# each published as one named enum. drf-spectacular would otherwise warn about the clash
# (and its system check turns that warning into a failed deploy check). Keyed by the set of
# values; apps add their own with name_choices().
ENUM_NAMES = {}


def name_choices(name, choices):
    """Publish the model choices ``choices`` as the schema enum ``<name>Enum``."""
    ENUM_NAMES[frozenset(choices.values)] = f"{name}Enum"


name_choices("OrganizationClassification", Body.Kind)
name_choices("EventClassification", Meeting.Kind)
name_choices("EventStatus", Meeting.Status)
name_choices("MotionClassification", Resolution.Kind)
name_choices("WorkProgrammeClassification", WorkProgrammeEntry.Kind)
name_choices("WorkProgrammeStatus", WorkProgrammeEntry.Status)
name_choices("AttendanceStatus", Attendance.Status)
name_choices("MinutesStatus", Minutes.Status)


class PanelAutoSchema(AutoSchema):
    """drf-spectacular's schema, plus the error responses and formats every endpoint has."""

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        values = [v for v in schema.get("enum", ()) if v not in ("", None)]
        name = ENUM_NAMES.get(frozenset(values)) if isinstance(field, ChoiceField) else None
        if name is None:
            return schema
        component = ResolvedComponent(
            name=name,
            type=ResolvedComponent.SCHEMA,
            object=name,
            schema={"type": "string", "enum": values},
        )
        self.registry.register_on_missing(component)
        named = {k: v for k, v in schema.items() if k not in ("type", "enum", "x-spec-enum-id")}
        if None in schema["enum"]:
            named["nullable"] = True
        return {"allOf": [component.ref], **named}

    def get_tags(self):
        # One group per resource in the documentation: /api/v1/<resource>/...
        return [self.path.strip("/").split("/")[2]]

    def _error_codes(self):
        codes = {400, 401, 404}
        if self.method != "GET":
            codes |= {403, 415}
            codes |= set(getattr(self.view, "conflict_actions", {}).get(self.view.action, ()))
        return sorted(codes)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        formats = self.map_renderers("format")
        if self.method == "GET" and len(formats) > 1:
            parameters.append(
                OpenApiParameter(
                    api_settings.URL_FORMAT_OVERRIDE,
                    str,
                    enum=formats,
                    description="Response format: "
                    + ", ".join(f"`{f}`" for f in formats)
                    + " (JSON unless given; errors are always JSON).",
                )
            )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for response in responses.values():
            for media_type, content in response.get("content", {}).items():
                if media_type != "application/json":
                    # CSV and iCalendar bodies are text, not the JSON schema.
                    content["schema"] = {"type": "string"}
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    media_types=["application/json"],
                ),
            )
        return responses


class PublicReadViewSet(viewsets.ReadOnlyModelViewSet):
    """Base for every API viewset: readable by anyone, within what they may see.

    Subclasses start ``get_queryset`` from a visibility QuerySet method and declare a
    ``filterset_class``, the list's ``ordering`` and the ``?ordering=`` values they offer
    (``ordering_fields``; see panel.api.StandardPagination for what a cursor can sort by).
    """

    # Token first, so an anonymous write is answered 401 with WWW-Authenticate: Token.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    filter_backends = [DeclaredFilterBackend]
    pagination_class = StandardPagination
    parser_classes = [JSONParser]
    schema = PanelAutoSchema()
    list_renderer_classes = [JSONRenderer, CSVRenderer]
    detail_renderer_classes = [JSONRenderer]
    # action name -> extra error codes it documents, e.g. {"complete": [409]}
    conflict_actions = {}
    # Any single path segment reaches the view, so a malformed id ("12.5", "abc") is the
    # API's JSON 404 rather than the site's HTML one.
    lookup_value_regex = "[^/]+"
    # The list's order: its first column nearly unique (the cursor's position), the last
    # unique, so no row is on two pages or on none.
    ordering = ("-pk",)
    # ?ordering= name -> a non-null, nearly unique column of the model (ties by pk).
    ordering_fields = {}

    def filter_queryset(self, queryset):
        # A serializer that needs more rows than the viewset loads declares them itself
        # (``load(queryset)``), so the two stay together.
        queryset = super().filter_queryset(queryset)
        load = getattr(self.get_serializer_class(), "load", None)
        return queryset if load is None else load(queryset)

    def get_renderers(self):
        if self.action == "list":
            return [renderer() for renderer in self.list_renderer_classes]
        return [renderer() for renderer in self.detail_renderer_classes]

    def get_exception_handler(self):
        return exception_handler


class ICalendarRenderer(BaseRenderer):
    """Meetings as an iCalendar file, with the same events (and UIDs) as the site's feeds."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view, request = renderer_context["view"], renderer_context["request"]
        calendar = icalendar.Calendar()
        calendar.add("prodid", f"-//{settings.SITE_NAME}//Open data API//EN")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", f"{settings.SITE_NAME} meetings")
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        stamp = timezone.now().astimezone(datetime.UTC)
        for meeting in view.meetings_shown:
            calendar.add_component(feeds.meeting_event(meeting, request=request, stamp=stamp))
        response = renderer_context.get("response")
        if response is not None:
            response["Content-Disposition"] = 'inline; filename="meetings.ics"'
        return calendar.to_ical()


class AudienceMixin:
    """Passes what the client may read to the serializers."""

    @property
    def audience(self):
        return Audience.of(self.request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "audience": self.audience}


@extend_schema_view(
    list=extend_schema(summary="List bodies (organizations)"),
    retrieve=extend_schema(summary="One body (organization), by its slug"),
)
class OrganizationViewSet(PublicReadViewSet):
    """Bodies whose meetings the site records: the Panel, its boards and committees."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "slug"
    ordering = ("name", "pk")
    ordering_fields = {"name": "name", "abbreviation": "short_name"}

    def get_queryset(self):
        # Every body is public.
        return Body.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List people"),
    retrieve=extend_schema(summary="One person, by their slug"),
)
class PersonViewSet(PublicReadViewSet):
    """People named in the record, each with the other spellings the papers use."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    lookup_field = "slug"
    ordering = ("family_name", "given_name", "pk")
    ordering_fields = {"family_name": "family_name", "given_name": "given_name"}

    def get_queryset(self):
        # Names and spellings are public; e-mail addresses and log-ins are never serialized.
        return Person.objects.prefetch_related("aliases")


@extend_schema_view(
    list=extend_schema(summary="List memberships"),
    retrieve=extend_schema(summary="One membership"),
)
class MembershipViewSet(PublicReadViewSet):
    """Who sat on which body, in which role, and when."""

    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    ordering = ("pk",)

    def get_queryset(self):
        return Membership.objects.select_related("person", "body")


@extend_schema_view(
    list=extend_schema(
        summary="List meetings (events)",
        description="Meetings, newest first. `?format=ics` gives the page as an iCalendar "
        "file; `?format=csv` as CSV.",
    ),
    retrieve=extend_schema(
        summary="One meeting (event), with its agenda, attendance, declarations and motions",
        description="Items the client may not read show only their number, confidentiality "
        "and the reason they are withheld. `?format=ics` gives the meeting as an iCalendar "
        "file.",
    ),
)
class EventViewSet(AudienceMixin, PublicReadViewSet):
    """Meetings of every body."""

    filterset_class = EventFilter
    ordering = ("-date", "-start_time", "-pk")
    ordering_fields = {"date": "date"}
    list_renderer_classes = [JSONRenderer, CSVRenderer, ICalendarRenderer]
    detail_renderer_classes = [JSONRenderer, ICalendarRenderer]
    meetings_shown = ()

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else EventSerializer

    def get_queryset(self):
        audience = self.audience
        meetings = Meeting.objects.select_related("body")
        if self.action != "retrieve":
            return meetings.annotate(record_visible=audience.record_visible()).prefetch_related(
                Prefetch("minutes", queryset=audience.minutes(), to_attr="visible_minutes")
            )
        return meetings.with_record(audience)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.meetings_shown = page
        return page

    def get_object(self):
        meeting = super().get_object()
        self.meetings_shown = [meeting]
        return meeting


@extend_schema_view(
    list=extend_schema(summary="List motions (the register of resolutions)"),
    retrieve=extend_schema(summary="One motion (resolution)"),
)
class MotionViewSet(AudienceMixin, PublicReadViewSet):
    """Resolutions and motions decided at meetings whose minutes the client may read."""

    serializer_class = MotionListSerializer
    filterset_class = MotionFilter
    # By item, the order the record was entered in; ?ordering=date (or -date) by meeting date.
    ordering = ("item_id", "number", "pk")
    ordering_fields = {"date": "decided_on"}

    def get_queryset(self):
        # The meeting's date as a column of the row, so a cursor can sort and resume by it.
        return (
            self.audience.resolutions()
            .annotate(decided_on=F("item__meeting__date"))
            .select_related("item__meeting__body", "mover", "seconder")
        )


@extend_schema_view(
    list=extend_schema(summary="List the work programme"),
    retrieve=extend_schema(summary="One work programme entry"),
)
class WorkProgrammeViewSet(PublicReadViewSet):
    """What each body plans to consider, by meeting, and what is still to be scheduled."""

    serializer_class = WorkProgrammeEntrySerializer
    filterset_class = WorkProgrammeFilter
    ordering = ("pk",)

    def get_queryset(self):
        # The work programme is a published document: every entry is public.
        return WorkProgrammeEntry.objects.select_related("body", "meeting")


router.register("organizations", OrganizationViewSet, basename="organization")
router.register("people", PersonViewSet, basename="person")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("events", EventViewSet, basename="event")
router.register("motions", MotionViewSet, basename="motion")
router.register("work-programme", WorkProgrammeViewSet, basename="workprogramme")
