"""Read API for the record: registered on the one router in panel.api.

Organizations (bodies), people, memberships, events (meetings, with their agenda, attendance,
declarations and motions), motions (the register of resolutions) and the work programme.
Each viewset starts from what the client may read (``Audience``, the pages' rules) and loads
everything it serializes with a fixed number of queries.

Every resource is found by its integer id, written one way (panel.converters); the old
slug addresses of organizations and people redirect to it. Tokens are sent as
``Authorization: Bearer <token>`` or ``Token <token>`` (``TokenAuthentication``).

``PublicReadViewSet`` and ``PanelAutoSchema``, the conventions every API viewset shares
(actions.api too), live here rather than in panel.api: the settings name
panel.api.StandardPagination, which DRF imports while rest_framework.generics is still
loading, so panel.api cannot import viewsets or drf-spectacular's AutoSchema.
"""

import datetime

import django_filters
import icalendar
from django.conf import settings
from django.db.models import F
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
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
from meetings.api_schema import PanelAutoSchema, name_choices  # noqa: F401  (name_choices: re-exported)
from meetings.models import (
    Body,
    Meeting,
    Membership,
    Person,
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
    CSVRenderer,
    DeclaredFilterBackend,
    StandardPagination,
    exception_handler,
    router,
)
from panel.authentication import TokenAuthentication
from panel.converters import is_id


def refuse_blank_parameters(view, request):
    """A query parameter given with no value (``?date_from=``, ``?format=``) is a 400.

    Django reads an empty value as the parameter left out, so the answer was the whole list,
    unfiltered: an answer, but not to the question asked. Free text (``?q=``) may be empty.
    Parameters the endpoint does not take are left to DeclaredFilterBackend, which names them.
    """
    filterset = getattr(view, "filterset_class", None)
    filters = filterset.base_filters if filterset is not None else {}
    known = {api_settings.URL_FORMAT_OVERRIDE, *filters}
    if getattr(view, "paginator", None) is not None:
        known |= view.paginator.query_params(view)
    known -= {name for name, f in filters.items() if isinstance(f, django_filters.CharFilter)}
    blank = sorted(name for name, values in request.query_params.lists() if "" in values)
    refused = {
        name: [f"Give a value for {name}, or leave it out."] for name in blank if name in known
    }
    if refused:
        raise exceptions.ValidationError(refused)


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

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_blank_parameters(self, request)

    def get_object(self):
        value = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if not is_id(value):
            # int() reads "+1", "01" or an Arabic-Indic one as 1: one resource, one address.
            raise exceptions.NotFound(
                f"{value!r} is not an id: ids are whole numbers from 1, written in the digits "
                "0-9 with no sign or leading zero (e.g. 12)."
            )
        return super().get_object()

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


class SlugRedirectMixin:
    """Found by id; the address with the slug instead answers 301 with the id's address.

    Organizations and people were once found by slug, which the admin can change: links
    re-users kept still work, and lead to the address that will not change.
    """

    redirects_slugs = True
    id_description = "The id. Its slug is also accepted: a 301 redirect to the id's address."
    redirect_description = (
        "A slug was given in place of the id: `Location` is the id's address, with the same "
        "query string."
    )

    def retrieve(self, request, *args, **kwargs):
        value = kwargs[self.lookup_url_kwarg or self.lookup_field]
        if is_id(value):
            return super().retrieve(request, *args, **kwargs)
        found = self.get_queryset().filter(slug=value).values_list("pk", flat=True).first()
        if found is None:
            raise exceptions.NotFound(f"There is no {self.basename} with the id or slug {value!r}.")
        location = reverse(f"{self.basename}-detail", kwargs={"pk": found})
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)


class AudienceMixin:
    """Passes what the client may read to the serializers."""

    @property
    def audience(self):
        return Audience.of(self.request)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "audience": self.audience}


@extend_schema_view(
    list=extend_schema(summary="List bodies (organizations)"),
    retrieve=extend_schema(summary="One body (organization)"),
)
class OrganizationViewSet(SlugRedirectMixin, PublicReadViewSet):
    """Bodies whose meetings the site records: the Panel, its boards and committees."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    ordering = ("name", "pk")
    ordering_fields = {"name": "name", "abbreviation": "short_name"}

    def get_queryset(self):
        # Every body is public.
        return Body.objects.all()


@extend_schema_view(
    list=extend_schema(summary="List people"),
    retrieve=extend_schema(summary="One person"),
)
class PersonViewSet(SlugRedirectMixin, PublicReadViewSet):
    """People named in the record, each with the other spellings the papers use."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
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
            # The list gives each meeting's minutes (``visible_minutes``), not its record:
            # read in the meeting's own row and decided on as the meetings list does.
            return meetings.with_minutes(audience)
        return audience.meeting_records()

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
            .select_related("item__meeting__body")
            # Only motions have them: read after the page (panel.read_after), not joined.
            .read_after(Person.objects.all(), "mover", "seconder")
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
