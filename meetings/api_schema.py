"""How the API describes itself: drf-spectacular's schema with our conventions.

``PanelAutoSchema`` adds the error responses (problem+json) and formats every endpoint has,
publishes shared choice sets as named enums (``name_choices``) and documents the token as a
bearer scheme (``TokenScheme``). Used by every API viewset (meetings.api.PublicReadViewSet).
"""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.serializers import ChoiceField
from rest_framework.settings import api_settings

from meetings.models import Attendance, Body, Meeting, Minutes, Resolution, WorkProgrammeEntry
from panel.api import ERROR_DESCRIPTIONS, ErrorSerializer
from panel.authentication import TokenAuthentication
from panel.converters import MAX_ID
from panel.problems import PROBLEM_MEDIA_TYPE

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


RETRY_AFTER = {
    "description": "Seconds to wait before asking again.",
    "schema": {"type": "integer", "minimum": 0},
}


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
            # drf-spectacular's append_meta turns this into a oneOf with the null type
            # (OpenAPI 3.1), which validators and generators read as optional.
            named["nullable"] = True
        return {**component.ref, **named}

    def get_tags(self):
        # One group per resource in the documentation: /api/<version>/<resource>/...
        # (each declared, with its description, in panel.schema_settings).
        parts = self.path.strip("/").split("/")
        return [parts[2] if len(parts) > 2 else parts[-1]]

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["name"] == "id":
                # Every id is an integer, written one way (panel.converters).
                parameter["schema"] = {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1,
                    "maximum": MAX_ID,
                }
                if getattr(self.view, "redirects_slugs", False):
                    parameter["description"] = self.view.id_description
        return parameters

    def _error_codes(self):
        codes = {400, 401, 404}
        if self.method == "GET":
            # A format the endpoint lacks; too many requests without a token (panel.throttling).
            codes |= {406, 429}
        else:
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
        if getattr(self.view, "redirects_slugs", False) and self.view.action == "retrieve":
            responses["301"] = {
                "description": self.view.redirect_description,
                "headers": {"Location": {"schema": {"type": "string", "format": "uri-reference"}}},
            }
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERROR_DESCRIPTIONS[code]),
                    str(code),
                    media_types=[PROBLEM_MEDIA_TYPE],
                ),
            )
        if "429" in responses:
            responses["429"]["headers"] = {"Retry-After": RETRY_AFTER}
        return responses


class TokenScheme(OpenApiAuthenticationExtension):
    """The token as OpenAPI's bearer scheme, with how to get one."""

    target_class = TokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": settings.API_AUTHENTICATION}
