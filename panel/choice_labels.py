"""Choice labels looked up in a table built once per field.

Django's ``get_FOO_display()`` rebuilds a dictionary of the field's choices on every call
(``dict(make_hashable(field.flatchoices))``): ~8 microseconds, paid for every row's role,
kind or status a page or the API prints, which is a millisecond on a list of events. A model
that mixes in ``ChoiceLabels`` reads the label from a dictionary built the first time the
field is asked, and gives exactly Django's answer: the label (a lazy translation is turned
into text in the language active at the time of the call), or the value itself when it is not
one of the choices. Fields whose choices come from a callable are asked afresh each time, as
Django asks them.
"""

from django.db.models import Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _labels(field):
    """value -> label for a field with fixed choices; None for choices from a callable."""
    try:
        return field.__dict__["_choice_labels"]
    except KeyError:
        pass
    labels = None
    if isinstance(field.choices, (list, tuple)):
        labels = dict(make_hashable(field.flatchoices))
    field.__dict__["_choice_labels"] = labels
    return labels


class ChoiceLabels:
    """Model mixin: ``get_FOO_display()`` without rebuilding the choices on every call. Put it
    before ``models.Model`` in the bases, since Django binds the method when it builds the
    class."""

    def _get_FIELD_display(self, field):
        labels = _labels(field)
        if labels is not None:
            value = getattr(self, field.attname)
            try:
                return force_str(labels.get(value, value), strings_only=True)
            except TypeError:  # a value that cannot be a key: Django's own way below
                pass
        return Model._get_FIELD_display(self, field)
