"""Short forms of each resource, for references between resources, and the link to its page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings.models import (
    AgendaItem,
    Body,
    Meeting,
    Person,
)
from panel.quick_read import QuickRead


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The address of the object's page on the site, for people rather than programs."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        url = value.get_absolute_url()
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


# --- Summaries, for references between resources ------------------------------------------


class OrganizationSummarySerializer(QuickRead, serializers.ModelSerializer):
    abbreviation = serializers.CharField(source="short_name", read_only=True)

    class Meta:
        model = Body
        fields = ["id", "slug", "name", "abbreviation"]
        read_only_fields = fields


class PersonSummarySerializer(QuickRead, serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "slug", "name"]
        read_only_fields = fields


class EventSummarySerializer(QuickRead, serializers.ModelSerializer):
    name = serializers.CharField(source="heading", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Meeting.Kind.choices, read_only=True
    )

    class Meta:
        model = Meeting
        fields = ["id", "name", "classification", "date"]
        read_only_fields = fields


class AgendaItemSummarySerializer(QuickRead, serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "number", "title"]
        read_only_fields = fields
