"""Serializers that read a page of rows without DRF's per-field lookup.

For every field of every row, ``Serializer.to_representation`` walks the field's source with
``get_attribute``, which asks of each step whether it is a mapping and whether it is a
callable to inspect: most of the cost of a page of actions, whose rows nest owners, meetings
and history. A ``QuickRead`` serializer works out once, per serializer and model, which
fields read a column, a property or a method of the row itself (or the row, for method
fields), reads those directly, and leaves every other field (dotted sources, related
managers) to DRF as before. The output is the same: each value still goes through its
field's ``to_representation``.
"""

import copy
import inspect
from functools import partialmethod

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from django.utils.functional import cached_property
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.serializers import BaseSerializer

PLAIN = (DeferredAttribute, ForwardManyToOneDescriptor, property, cached_property)
SELF = object()  # source="*": the row itself (method fields, links)


def _reader(field, model):
    """How to read ``field`` from a ``model`` row: (attribute name, whether to call it), SELF,
    or None to leave it to DRF (dotted sources, related managers, anything unusual)."""
    if field.source == "*":
        return SELF
    if len(field.source_attrs) != 1:
        return None
    name = field.source_attrs[0]
    found = inspect.getattr_static(model, name, None)
    if isinstance(found, PLAIN):
        return (name, False)
    if inspect.isfunction(found) and _takes_no_arguments(found):
        return (name, True)
    if isinstance(found, partialmethod) and _takes_no_arguments(  # get_status_display
        found.func, given=len(found.args), named=found.keywords
    ):
        return (name, True)
    return None


def _takes_no_arguments(function, *, given=0, named=()):
    """Whether a method can be called with no arguments (``given`` positional and ``named``
    ones already bound)."""
    parameters = list(inspect.signature(function).parameters.values())[1 + given :]
    return all(
        p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.default is not p.empty or p.name in named
        for p in parameters
    )


class DateTimeField(serializers.DateTimeField):
    """DRF's DateTimeField, asking for the current time zone once per serializer rather than
    once per value (each ask reads a context-local: a tenth of a page of actions' JSON).
    Fields are copied for each serializer (``_copy_field``), so the zone kept is the one
    active while that serializer writes."""

    def default_timezone(self):
        zone = self.__dict__.get("_zone")
        if zone is None:
            zone = self._zone = super().default_timezone()
        return zone


class QuickRead:
    """A serializer mixin: plain columns read directly; everything else as DRF does; and
    the fields built from the model once per class (DRF introspects the model for every
    serializer it makes: a millisecond of every API request), and copied for each
    serializer (``_copy_field``)."""

    _built_fields = {}
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
    }

    def get_fields(self):
        cls = type(self)
        built = QuickRead._built_fields.get(cls)
        if built is None:
            built = QuickRead._built_fields[cls] = super().get_fields()
        return {name: _copy_field(field) for name, field in built.items()}

    # (serializer class, model, the fields' names and sources) -> how to read each field:
    # worked out once per process, not once per serializer made.
    _readers = {}

    def _plan(self, model):
        # A list's rows are all of one model: the last plan is kept at hand.
        last = self.__dict__.get("_quick_read_last")
        if last is not None and last[0] is model:
            return last[1]
        plans = self.__dict__.setdefault("_quick_read_plans", {})
        plan = plans.get(model)
        if plan is None:
            fields = list(self._readable_fields)
            key = (type(self), model, tuple((f.field_name, f.source) for f in fields))
            readers = QuickRead._readers.get(key)
            if readers is None:
                readers = QuickRead._readers[key] = [_reader(f, model) for f in fields]
            plan = plans[model] = [
                (field.field_name, reader, field)
                for field, reader in zip(fields, readers, strict=True)
            ]
        self._quick_read_last = (model, plan)
        return plan

    def to_representation(self, instance):
        ret = {}
        for name, reader, field in self._plan(type(instance)):
            if reader is SELF:
                attribute = instance
            elif reader is not None:
                try:
                    attribute = _read(instance, *reader)
                except (KeyError, AttributeError):
                    # DRF decides: the field's default, null, or left out.
                    try:
                        attribute = field.get_attribute(instance)
                    except SkipField:
                        continue
            else:
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[name] = None if check is None else field.to_representation(attribute)
        return ret


def _copy_field(field):
    """A field of its own for one serializer. DRF deep-copies each field by building it again
    from its arguments; a plain field is built once, and only ``bind`` (which sets its name,
    parent and source on the copy) tells copies apart, so a shallow copy does. A field that
    holds another (a nested serializer, a list's child, a many-related field's relation) is
    copied deeply, as DRF does, so that the one it holds is bound to this copy and reads
    this serializer's context."""
    if (
        isinstance(field, BaseSerializer)
        or hasattr(field, "child")
        or hasattr(field, "child_relation")
    ):
        return copy.deepcopy(field)
    return copy.copy(field)


def _read(instance, name, call):
    try:
        value = getattr(instance, name)
    except ObjectDoesNotExist:  # a missing related row reads as null, as DRF reads it
        return None
    return value() if call else value
