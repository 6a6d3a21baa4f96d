"""The deletions feed, for mirrors: registered on the router in panel.api.

``GET /api/v1/deletions/?since=<time>`` lists the rows a mirror holding the API's lists
should drop, oldest first:

- **deleted**: the row was deleted (a tombstone, meetings.models.Removal);
- **withdrawn**: the row still exists but this client may no longer see it, e.g. an action
  made restricted, or the motions of an item made exempt. Worked out for the client asking,
  from the rows that changed since ``since`` (meetings.sync) that it may not see.

With ``?updated_since=`` on each list, given the same time, a mirror ends up equal to a fresh
download. An entry names a row only by its list and id: nothing of a withdrawn row is shown.

The entries come from several tables (the tombstones, and each resource that can be
withdrawn), so the pages are cut by ``FeedPagination``: each table gives its next rows after
the cursor, in the feed's order, and the page takes the first of them all.
"""

import datetime
from types import SimpleNamespace

import django_filters
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Value
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import Cursor
from rest_framework.renderers import JSONRenderer

from meetings.api import (
    PanelAutoSchema,
    PublicReadViewSet,
    name_choices,
    refuse_blank_parameters,
)
from meetings.api_filter_fields import InstantFilter
from meetings.models import Removal
from meetings.sync import RESOURCES
from meetings.visibility import Audience
from panel.api import (
    CSVRenderer,
    DeclaredFilterBackend,
    StandardPagination,
    exception_handler,
    router,
)
from panel.filtering import OneFormClass


class Reason(models.TextChoices):
    DELETED = "deleted", "Deleted"
    WITHDRAWN = "withdrawn", "No longer visible to this client"


name_choices("DeletionReason", Reason)
name_choices("DeletionResource", SimpleNamespace(values=list(RESOURCES)))

# The feed's order (each entry's key): when, then which list, then which row.
COLUMNS = ("feed_at", "feed_resource", "feed_id", "feed_reason")
ORDER = COLUMNS[:3]


def _entries(queryset, *, at, resource, pk, reason):
    """``queryset`` as feed entries: the COLUMNS annotated."""
    return queryset.annotate(
        feed_at=at,
        feed_resource=resource,
        feed_id=pk,
        feed_reason=Value(reason, output_field=models.CharField()),
    )


def withdrawn(resource, since, audience):
    """``resource``'s rows changed since ``since`` that ``audience`` may not see."""
    visible = resource.visible(audience).filter(pk=OuterRef("pk"))
    rows = resource.model.objects.filter(resource.changed(since)).filter(~Exists(visible))
    return _entries(
        rows,
        at=resource.changed_at(since),
        resource=Value(resource.name, output_field=models.CharField()),
        pk=F("pk"),
        reason=Reason.WITHDRAWN,
    )


class Feed:
    """The deletions feed for one client: tombstones and withdrawn rows, in key order."""

    def __init__(self, removals, since, audience):
        self.parts = [
            _entries(
                removals,
                at=F("at"),
                resource=F("resource"),
                pk=F("object_id"),
                reason=Reason.DELETED,
            )
        ]
        self.parts += [
            withdrawn(resource, since, audience)
            for resource in RESOURCES.values()
            if resource.visible is not None
        ]

    @staticmethod
    def _after(key, reverse):
        at, resource, pk = key
        later = "lt" if reverse else "gt"
        return (
            Q(**{f"feed_at__{later}": at})
            | Q(feed_at=at, **{f"feed_resource__{later}": resource})
            | Q(feed_at=at, feed_resource=resource, **{f"feed_id__{later}": pk})
        )

    def page(self, key=None, *, reverse=False, limit):
        """Up to ``limit`` entries after ``key`` (before it when ``reverse``, nearest first)."""
        order = [f"-{name}" if reverse else name for name in ORDER]
        rows = []
        for part in self.parts:
            if key is not None:
                part = part.filter(self._after(key, reverse))
            rows += part.order_by(*order).values(*COLUMNS)[:limit]
        rows.sort(key=lambda row: tuple(row[name] for name in ORDER), reverse=reverse)
        return rows[:limit]


class FeedPagination(StandardPagination):
    """StandardPagination's pages and cursors over a ``Feed`` (not one QuerySet): a cursor
    holds the key of the entry it follows."""

    def paginate_queryset(self, feed, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        cursor = self.decode_cursor(request)
        key = self._key(cursor.position) if cursor else None
        reverse = bool(cursor and cursor.reverse)
        rows = feed.page(key, reverse=reverse, limit=self.page_size + 1)
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
        # A page reached backwards has a way on (where it came from); one reached forwards
        # from a cursor has a way back.
        self.has_next = True if reverse else more
        self.has_previous = more if reverse else key is not None
        self.first_key = self._row_key(rows[0]) if rows else key
        self.last_key = self._row_key(rows[-1]) if rows else key
        return rows

    @staticmethod
    def _row_key(row):
        return tuple(row[name] for name in ORDER)

    def _key(self, position):
        parts = (position or "").split("|")
        try:
            at, resource, pk = parts
            key = (datetime.datetime.fromisoformat(at), resource, int(pk))
        except ValueError:
            raise self._invalid_cursor() from None
        if key[0].tzinfo is None or resource not in RESOURCES:
            raise self._invalid_cursor()
        return key

    def _link(self, key, reverse):
        at, resource, pk = key
        position = f"{at.isoformat()}|{resource}|{pk}"
        return self.encode_cursor(Cursor(offset=0, reverse=reverse, position=position))

    def get_next_link(self):
        return self._link(self.last_key, False) if self.has_next and self.last_key else None

    def get_previous_link(self):
        if not (self.has_previous and self.first_key):
            return None
        return self._link(self.first_key, True)


class DeletionFilter(OneFormClass, django_filters.FilterSet):
    since = InstantFilter(
        field_name="at",
        lookup_expr="gte",
        required=True,
        label="Deletions and withdrawals at or after this time (ISO 8601 with its UTC "
        "offset, e.g. 2024-05-01T09:30:00Z): the time given to ?updated_since= on the lists.",
        error_messages={
            "required": "Give since: the time your last sync started, as a date and time with "
            "its UTC offset, e.g. 2024-05-01T09:30:00Z."
        },
    )

    class Meta:
        model = Removal
        fields = []

    @property
    def qs(self):
        since = self.form.cleaned_data["since"]
        return Feed(super().qs, since, Audience.of(self.request))


class DeletionSerializer(serializers.Serializer):
    """A row to drop from a mirror."""

    resource = serializers.ChoiceField(
        source="feed_resource",
        choices=list(RESOURCES),
        read_only=True,
        help_text="The list the row was in: its path under /api/v1/.",
    )
    id = serializers.IntegerField(source="feed_id", read_only=True, help_text="The row's id.")
    at = serializers.DateTimeField(
        source="feed_at",
        read_only=True,
        help_text="When it was deleted, or when it (or a row its visibility follows) last changed.",
    )
    reason = serializers.ChoiceField(
        source="feed_reason",
        choices=Reason.choices,
        read_only=True,
        help_text="deleted: it no longer exists. withdrawn: it exists, but this client may no "
        "longer see it.",
    )


@extend_schema_view(
    list=extend_schema(
        summary="List rows deleted or withdrawn since a time",
        description="For mirrors: after reading each list with `?updated_since=T`, read this "
        "with `?since=T` and drop every row it names. `deleted` rows no longer exist; "
        "`withdrawn` rows exist but this client may no longer see them (an action made "
        "restricted, the motions of an item made exempt); a row may be named though this "
        "client never held it. Oldest first; follow `next`.",
    ),
)
class DeletionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Rows deleted, or withdrawn from this client, since a time."""

    queryset = Removal.objects.all()
    serializer_class = DeletionSerializer
    filterset_class = DeletionFilter
    filter_backends = [DeclaredFilterBackend]
    pagination_class = FeedPagination
    authentication_classes = PublicReadViewSet.authentication_classes
    renderer_classes = [JSONRenderer, CSVRenderer]
    schema = PanelAutoSchema()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_blank_parameters(self, request)

    def get_exception_handler(self):
        return exception_handler


router.register("deletions", DeletionViewSet, basename="deletion")
