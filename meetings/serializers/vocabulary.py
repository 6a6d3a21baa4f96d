"""Fields in the vocabulary of Open Civic Data and Popolo, served beside our own (meetings.ocd).

Where OCD's name for a field is free, the field takes it (``sources``, ``documents``,
``media``, ``votes``, ``jurisdiction_id``); where one of our fields already has it with our
words (``status``, ``result``), OCD's version is ``ocd_<name>``. docs/open-data.md maps each.
"""

import mimetypes

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from meetings import ocd
from panel.links import page_url

# --- Shapes, for the schema: the values themselves are built as plain dicts ---------------


class SourceSerializer(serializers.Serializer):
    """Where a record comes from (OCD / Popolo: source)."""

    url = serializers.URLField(read_only=True)
    note = serializers.CharField(read_only=True)


class EventDocumentSerializer(serializers.Serializer):
    """A document of an event (OCD: event document): agenda, minutes or a paper."""

    classification = serializers.ChoiceField(choices=["agenda", "minutes", "paper"], read_only=True)
    note = serializers.CharField(read_only=True, help_text="What the document is.")
    url = serializers.URLField(read_only=True)
    media_type = serializers.CharField(read_only=True, help_text='e.g. "application/pdf".')


class EventMediaSerializer(serializers.Serializer):
    """A recording or broadcast of an event (OCD: event media)."""

    classification = serializers.ChoiceField(choices=["webcast"], read_only=True)
    note = serializers.CharField(read_only=True)
    url = serializers.URLField(read_only=True)
    media_type = serializers.CharField(read_only=True)


# --- Identifiers ------------------------------------------------------------------------------


class OcdIdField(serializers.Field):
    """The row's OCD identifier, ``ocd-<kind>/<uuid>`` (see meetings.ocd)."""

    kind = None

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            f"Open Civic Data identifier (ocd-{self.kind}/<uuid>): stable, derived from the "
            "integer id.",
        )
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return ocd.ocd_id(self.kind, value.pk)


def _id_field_class(kind):
    schema = {
        "type": "string",
        "pattern": f"^ocd-{kind}/[0-9a-f]{{8}}-[0-9a-f]{{4}}-5[0-9a-f]{{3}}-[89ab][0-9a-f]{{3}}"
        "-[0-9a-f]{12}$",
        "example": f"ocd-{kind}/0b3f2c5e-1d6a-5f8e-9c4b-2a7d1e9f0c36",
    }
    name = f"Ocd{kind.capitalize()}IdField"
    return extend_schema_field(schema)(type(name, (OcdIdField,), {"kind": kind}))


_ID_FIELDS = {kind: _id_field_class(kind) for kind in ocd.KINDS}


def ocd_id_field(kind, **kwargs):
    """A read-only field giving the row's OCD identifier of ``kind`` (meetings.ocd.KINDS)."""
    return _ID_FIELDS[kind](**kwargs)


# --- Values ---------------------------------------------------------------------------------


def source(url, note, request):
    return {"url": ocd.absolute_url(url, request), "note": note}


def document(classification, note, url, media_type, request):
    return {
        "classification": classification,
        "note": note,
        "url": ocd.absolute_url(url, request),
        "media_type": media_type,
    }


def paper_document(paper, request):
    """A paper as an event document; None for a paper with no file to link to."""
    if not paper.file:
        return None
    media_type = mimetypes.guess_type(paper.download_name)[0] or "application/octet-stream"
    return document("paper", paper.title, paper.file.url, media_type, request)


def minutes_documents(meeting, minutes, request):
    """The minutes' page and PDF, as the client may read them (``minutes`` is the
    audience's: None when none are published to it)."""
    if minutes is None:
        return []
    note = f"Minutes: {minutes.get_status_display()}"
    return [
        document("minutes", note, meeting.get_minutes_url(), "text/html", request),
        document(
            "minutes",
            f"{note} (PDF)",
            page_url("meetings:minutes_pdf", pk=meeting.pk),
            "application/pdf",
            request,
        ),
    ]
