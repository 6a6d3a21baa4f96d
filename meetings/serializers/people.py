"""Organizations, people and memberships (Popolo)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from meetings.models import (
    Body,
    Membership,
    Person,
    PersonAlias,
)
from meetings.serializers.summaries import (
    HtmlUrlField,
    OrganizationSummarySerializer,
    PersonSummarySerializer,
)
from meetings.serializers.vocabulary import SourceSerializer, ocd_id_field, source
from panel.quick_read import QuickRead


class PageSourcesMixin:
    """``sources`` (Popolo / OCD): the page on this site the record is published on."""

    source_note = "This record's page on the site."

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, row):
        return [source(row.get_absolute_url(), self.source_note, self.context.get("request"))]


class OrganizationSerializer(PageSourcesMixin, QuickRead, serializers.ModelSerializer):
    """A body whose meetings the site records (Popolo: Organization)."""

    ocd_id = ocd_id_field(ocd.ORGANIZATION)
    jurisdiction_id = serializers.SerializerMethodField(
        help_text="Open Civic Data jurisdiction: the Panel, in its police force area."
    )
    division_id = serializers.SerializerMethodField(
        help_text="Open Civic Data division: the police force area the Panel scrutinises."
    )
    sources = serializers.SerializerMethodField()

    abbreviation = serializers.CharField(source="short_name", read_only=True)
    classification = serializers.ChoiceField(
        source="kind", choices=Body.Kind.choices, read_only=True
    )
    classification_label = serializers.CharField(source="get_kind_display", read_only=True)
    active = serializers.BooleanField(source="is_active", read_only=True)
    html_url = HtmlUrlField()

    class Meta:
        model = Body
        fields = [
            "id",
            "slug",
            "name",
            "abbreviation",
            "classification",
            "classification_label",
            "description",
            "active",
            "html_url",
            "updated_at",
            "ocd_id",
            "jurisdiction_id",
            "division_id",
            "sources",
        ]
        read_only_fields = fields

    def get_jurisdiction_id(self, body) -> str:
        return ocd.jurisdiction_id()

    def get_division_id(self, body) -> str:
        return ocd.division_id()


class OtherNameSerializer(QuickRead, serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["name"]
        read_only_fields = fields


class PersonSerializer(PageSourcesMixin, QuickRead, serializers.ModelSerializer):
    """One person, with every other spelling the papers use (Popolo: Person)."""

    ocd_id = ocd_id_field(ocd.PERSON)
    sources = serializers.SerializerMethodField()

    name = serializers.CharField(read_only=True)
    formal_name = serializers.CharField(read_only=True)
    honorific_prefix = serializers.CharField(source="honorific", read_only=True)
    honorific_suffix = serializers.CharField(source="post_nominals", read_only=True)
    other_names = OtherNameSerializer(source="aliases", many=True, read_only=True)
    html_url = HtmlUrlField()

    class Meta:
        model = Person
        fields = [
            "id",
            "slug",
            "name",
            "formal_name",
            "honorific_prefix",
            "given_name",
            "family_name",
            "honorific_suffix",
            "other_names",
            "html_url",
            "updated_at",
            "ocd_id",
            "sources",
        ]
        read_only_fields = fields


class MembershipSerializer(QuickRead, serializers.ModelSerializer):
    """A person's seat on a body, in one role, for a period (Popolo: Membership)."""

    ocd_id = ocd_id_field(ocd.MEMBERSHIP)
    sources = serializers.SerializerMethodField(
        help_text="The person's page, which lists their memberships."
    )

    person_id = serializers.IntegerField(read_only=True)
    person = PersonSummarySerializer(read_only=True)
    organization_id = serializers.IntegerField(source="body_id", read_only=True)
    organization = OrganizationSummarySerializer(source="body", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices, read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    label = serializers.CharField(
        source="title", read_only=True, help_text='Post held, e.g. "Chief Constable".'
    )

    class Meta:
        model = Membership
        fields = [
            "id",
            "person_id",
            "person",
            "organization_id",
            "organization",
            "role",
            "role_label",
            "label",
            "council",
            "party",
            "start_date",
            "end_date",
            "updated_at",
            "ocd_id",
            "sources",
        ]
        read_only_fields = fields

    @extend_schema_field(SourceSerializer(many=True))
    def get_sources(self, membership):
        page = membership.person.get_absolute_url()
        return [source(page, "The person's page on the site.", self.context.get("request"))]
