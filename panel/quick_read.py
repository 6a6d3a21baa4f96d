"""Serializers that read a page of rows without DRF's per-field lookup.

For every field of every row, ``Serializer.to_representation`` walks the field's source with
``get_attribute``, which asks of each step whether it is a mapping and whether it is a
callable to inspect: most of the cost of a page of actions, whose rows nest owners, meetings
and history. A ``QuickRead`` serializer works out once, per serializer and model, which
fields are plain columns of the row, reads those with ``getattr``, and leaves every other
field (nested serializers, methods, dotted sources, callables) to DRF as before. The output
is the same: each value still goes through its field's ``to_representation``.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.db.models.query_utils import DeferredAttribute
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

PLAIN = (DeferredAttribute, ForwardManyToOneDescriptor)


def _column(field, model):
    """The attribute to read ``field`` from directly, or None to leave it to DRF."""
    if len(field.source_attrs) != 1:
        return None
    return (
        field.source_attrs[0]
        if isinstance(getattr(model, field.source_attrs[0], None), PLAIN)
        else None
    )


class QuickRead:
    """A serializer mixin: plain columns read directly; everything else as DRF does."""

    def _plan(self, model):
        plans = self.__dict__.setdefault("_quick_read_plans", {})
        plan = plans.get(model)
        if plan is None:
            plan = plans[model] = [
                (field.field_name, _column(field, model), field) for field in self._readable_fields
            ]
        return plan

    def to_representation(self, instance):
        ret = {}
        for name, column, field in self._plan(type(instance)):
            if column is not None:
                try:
                    attribute = getattr(instance, column)
                except ObjectDoesNotExist:
                    attribute = None
            else:
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[name] = None if check is None else field.to_representation(attribute)
        return ret
