"""FilterSets whose form class is built once, not on every request.

django-filter makes a new form class for every FilterSet it makes, from fields it builds anew
from each filter: about a millisecond of every list page and API list. The form class
depends only on the FilterSet's class (its declared filters and their arguments), so
``OneFormClass`` builds it once per class and reuses it; each form still gets its own copy
of the fields, as Django's forms always do. A FilterSet that narrows a filter's queryset
per request must narrow the form's field too (``ActionPageFilter.form`` does).
"""


class OneFormClass:
    """A FilterSet mixin: ``get_form_class`` built once per FilterSet class."""

    _form_classes = {}

    def get_form_class(self):
        cls = type(self)
        form_class = OneFormClass._form_classes.get(cls)
        if form_class is None:
            form_class = OneFormClass._form_classes[cls] = super().get_form_class()
        return form_class
