"""The filter fields every API list shares: strict booleans, references to other resources,
and the time of ``?updated_since=`` (meetings.api_filters and actions.filters declare them).

Each says what was wrong with a bad value and how to write a good one. A reference names a
row by its integer id (or, for bodies and people, its slug); one well formed but naming no
row matches nothing, as any other value nothing has.
"""

import datetime
import re
from typing import NamedTuple

import django_filters
from django import forms
from django.db import models
from drf_spectacular.utils import extend_schema_field

from meetings import sync
from meetings.models import Body, Meeting, Person
from panel.converters import MAX_ID, is_id

# --- Booleans -------------------------------------------------------------------------------


class StrictBooleanField(forms.Field):
    """true or false; anything else is an error (django-filter would ignore it silently)."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(
            'Use "true" or "false" (or 1 or 0), not "%(value)s".',
            code="invalid",
            params={"value": value},
        )


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


# --- References to other resources: by id, or by slug where the resource has one ----------

SLUG = re.compile(r"[-a-zA-Z0-9_]+", flags=re.ASCII)
ID_SCHEMA = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}


class Reference(NamedTuple):
    """A row named in a query string, by its id or its slug (which may name no row)."""

    model: type[models.Model]
    pk: int | None = None
    slug: str | None = None

    def ids(self):
        """The id of the row named, as a lookup value for ``__in``: nothing when none is."""
        if self.pk is not None:
            return [self.pk]
        return self.model.objects.filter(slug=self.slug).values("pk")


class ReferenceField(forms.ModelChoiceField):
    """An id (digits, as panel.converters writes them) or, where ``slugs``, a slug.

    A well-formed id or slug that names no row is not an error: the filter then matches
    nothing, as a filter on any other value that nothing has. A page draws the field as a
    select of the rows (its ``queryset``); their slugs are the options' values where they
    have one, so the pages' addresses keep naming bodies by slug.
    """

    def __init__(self, *, noun, slugs, example, **kwargs):
        super().__init__(to_field_name="slug" if slugs else None, **kwargs)
        self.slugs = slugs
        if slugs:
            self.message = (
                f"Give the {noun}'s id, a whole number from 1 such as {example[0]}, or its slug, "
                f"such as {example[1]}: see {example[2]}."
            )
        else:
            self.message = (
                f"Give the {noun}'s id, a whole number from 1 such as {example[0]}: see "
                f"{example[2]}."
            )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = str(value).strip()
        model = self.queryset.model
        if is_id(text):
            return Reference(model, pk=int(text))
        if self.slugs and SLUG.fullmatch(text):
            return Reference(model, slug=text)
        raise forms.ValidationError(self.message, code="invalid")


class ReferenceFilter(django_filters.ModelChoiceFilter):
    """Rows that refer to one row of another resource (``field_name`` leads to it)."""

    field_class = ReferenceField

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.distinct:
            qs = qs.distinct()
        return self.get_method(qs)(**{f"{self.field_name}__in": value.ids()})


def reference_filter(
    model, noun, example, field_name=None, *, slugs, method=None, help_text, label=None
):
    """A ReferenceFilter to ``model`` rows. ``label`` is what a page calls the field (the
    API documents ``help_text``, with how to name the row)."""
    reference = ReferenceFilter(
        field_name=field_name,
        method=method,
        label=label or help_text,
        queryset=model.objects.all(),
        noun=noun,
        slugs=slugs,
        example=example,
    )
    if slugs:
        slug = {"type": "string", "pattern": f"^{SLUG.pattern}$"}
        schema = {
            "anyOf": [ID_SCHEMA, slug],
            "description": f"{help_text} Its id; its slug is also accepted (digits are read "
            "as an id). One that names nothing matches nothing.",
        }
    else:
        schema = {**ID_SCHEMA, "description": f"{help_text} Its id."}
    return extend_schema_field(schema)(reference)


def body_filter(field_name="body", help_text="The body.", label=None):
    return reference_filter(
        Body,
        "body",
        (1, "panel", "/api/v1/organizations/"),
        field_name,
        slugs=True,
        help_text=help_text,
        label=label,
    )


def person_filter(method=None, help_text="The person.", field_name=None):
    return reference_filter(
        Person,
        "person",
        (12, "deborah-taylor", "/api/v1/people/"),
        field_name,
        slugs=True,
        method=method,
        help_text=help_text,
    )


def event_filter(field_name="meeting", help_text="The meeting (event).", label=None):
    return reference_filter(
        Meeting,
        "meeting",
        (12, None, "/api/v1/events/"),
        field_name,
        slugs=False,
        help_text=help_text,
        label=label,
    )


# --- Changes since a time, for mirrors -----------------------------------------------------

INSTANT_EXAMPLE = "2024-05-01T09:30:00Z or 2024-05-01T10:30:00+01:00"


class InstantField(forms.Field):
    """A date and time with its UTC offset (ISO 8601 / RFC 3339), e.g. 2024-05-01T09:30:00Z.

    An unencoded "+" in a query string arrives as a space, so "…00 01:00" is read as
    "…00+01:00". A time without an offset is refused: it would mean different instants to
    the client and the server.
    """

    message = (
        f"Give a date and time with its UTC offset, in ISO 8601, such as {INSTANT_EXAMPLE} "
        "(URL-encode the + of an offset). The updated_at of a row you hold is one."
    )

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().upper()
        if re.fullmatch(r"[0-9T:.\-]+ [0-9:]+", text):
            text = text.replace(" ", "+")
        try:
            instant = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(self.message, code="invalid") from None
        if "T" not in text or instant.tzinfo is None:
            raise forms.ValidationError(self.message, code="invalid")
        try:
            return instant.astimezone(datetime.UTC)
        except OverflowError:
            # Within a day of the calendar's ends: before or after every row.
            bound = datetime.datetime.min if instant.year == 1 else datetime.datetime.max
            return bound.replace(tzinfo=datetime.UTC)


class InstantFilter(django_filters.IsoDateTimeFilter):
    field_class = InstantField


class UpdatedSinceFilter(InstantFilter):
    """Rows of one API list (``resource``, a meetings.sync resource) changed at or after a
    time: their own ``updated_at``, or that of a row they show or depend on."""

    def __init__(self, resource, **kwargs):
        kwargs.setdefault(
            "label",
            "Only rows changed at or after this time (ISO 8601 with its UTC offset, e.g. "
            "2024-05-01T09:30:00Z): their own fields, or a row they show or whose "
            "visibility they follow. To keep a copy up to date, pass the time your last sync "
            "started, a few minutes earlier for writes still in progress then, and apply "
            "/api/v1/deletions/ with the same time.",
        )
        super().__init__(**kwargs)
        self.resource = resource

    def filter(self, qs, value):
        if value is None:
            return qs
        return qs.filter(sync.RESOURCES[self.resource].changed(value))
