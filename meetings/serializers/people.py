"""Organizations, people and memberships (Popolo)."""

from rest_framework import serializers

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
from panel.quick_read import QuickRead


class OrganizationSerializer(QuickRead, serializers.ModelSerializer):
    """A body whose meetings the site records (Popolo: Organization)."""

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
        ]
        read_only_fields = fields


class OtherNameSerializer(QuickRead, serializers.ModelSerializer):
    class Meta:
        model = PersonAlias
        fields = ["name"]
        read_only_fields = fields


class PersonSerializer(QuickRead, serializers.ModelSerializer):
    """One person, with every other spelling the papers use (Popolo: Person)."""

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
        ]
        read_only_fields = fields


class MembershipSerializer(QuickRead, serializers.ModelSerializer):
    """A person's seat on a body, in one role, for a period (Popolo: Membership)."""

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
        ]
        read_only_fields = fields
