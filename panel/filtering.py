"""FilterSets whose form class is built once, and whose filters are copied lightly.

django-filter makes a new form class for every FilterSet it makes, from fields it builds anew
from each filter: about a millisecond of every list page and API list. The form class
depends only on the FilterSet's class (its declared filters and their arguments), so
``OneFormClass`` builds it once per class and reuses it; each form still gets its own copy
of the fields, as Django's forms always do. A FilterSet that narrows a filter's queryset
per request must narrow the form's field too (``ActionPageFilter.form`` does).

django-filter also deep-copies every declared filter for every FilterSet it makes, querysets
and all (half a millisecond a request). ``OneFormClass`` copies each filter and its ``extra``
arguments instead: a FilterSet may change its own filters' arguments (``empty_label``) or
replace their querysets, but nothing changes a queryset in place.
"""

import copy


class LightlyCopied(dict):
    """The declared filters, which django-filter's ``copy.deepcopy`` copies one level down."""

    def __deepcopy__(self, memo):
        copied = {}
        for name, declared in self.items():
            filter_ = copied[name] = copy.copy(declared)
            filter_.extra = dict(declared.extra)
            # A form field the declared filter built (the schema generator asks for one) is
            # built afresh from the copy's own arguments.
            filter_.__dict__.pop("_field", None)
            if filter_.method is not None:
                # Its FilterMethod finds ``filter_<name>`` on the filter's parent FilterSet:
                # the copy needs one of its own, as a new filter gets.
                filter_.method = declared.method
        return copied


class OneFormClass:
    """A FilterSet mixin: ``get_form_class`` built once per FilterSet class."""

    _form_classes = {}

    def __init__(self, *args, **kwargs):
        self.base_filters = LightlyCopied(type(self).base_filters)
        super().__init__(*args, **kwargs)

    def get_form_class(self):
        cls = type(self)
        form_class = OneFormClass._form_classes.get(cls)
        if form_class is None:
            form_class = OneFormClass._form_classes[cls] = super().get_form_class()
        return form_class
