"""Short forms of each resource, for references between resources, and the link to its page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from meetings.models import (
    AgendaItem,
    Body,
    Meeting,
    Person,
)
from meetings.serializers.vocabulary import ocd_id_field
from panel.quick_read import QuickRead


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The address of the object's page on the site, for people rather than programs."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        # Without a request (an export), from SITE_URL: always a full address.
        return ocd.absolute_url(value.get_absolute_url(), self.context.get("request"))


# --- Summaries, for references between resources ------------------------------------------


class OrganizationSummarySerializer(QuickRead, serializers.ModelSerializer):
    """A body, as other resources refer to it."""

    abbreviation = serializers.CharField(source="short_name", read_only=True)
    ocd_id = ocd_id_field(ocd.ORGANIZATION)

    class Meta:
        model = Body
        fields = ["id", "slug", "name", "abbreviation", "ocd_id"]
        read_only_fields = fields


class PersonSummarySerializer(QuickRead, serializers.ModelSerializer):
    """A person, as other resources refer to them."""

    name = serializers.CharField(read_only=True)
    ocd_id = ocd_id_field(ocd.PERSON)

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "ocd_id"]
        read_only_fields = fields


class EventSummarySerializer(QuickRead, serializers.ModelSerializer):
    """A meeting, as other resources refer to it."""

    name = serializers.CharField(source="heading", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Meeting.Kind.choices, read_only=True
    )
    ocd_id = ocd_id_field(ocd.EVENT)

    class Meta:
        model = Meeting
        fields = ["id", "name", "classification", "date", "ocd_id"]
        read_only_fields = fields


class AgendaItemSummarySerializer(QuickRead, serializers.ModelSerializer):
    """An agenda item, as other resources refer to it."""

    class Meta:
        model = AgendaItem
        fields = ["id", "number", "title"]
        read_only_fields = fields
