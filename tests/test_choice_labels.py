"""Choice labels (panel/choice_labels.py): every model of the record with a field of choices
prints them through the table built once per field, and prints what Django would."""

import pytest
from django.apps import apps
from django.db.models import Model
from django.utils import translation

from panel.choice_labels import ChoiceLabels

RECORD_APPS = ("meetings", "actions")


def fields_with_choices():
    return [
        (model, field)
        for app in RECORD_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.concrete_fields
        if field.choices is not None
    ]


def django_label(instance, field):
    return Model._get_FIELD_display(instance, field)


@pytest.mark.parametrize(
    ("model", "field"),
    fields_with_choices(),
    ids=lambda value: getattr(value, "__name__", None) or getattr(value, "name", ""),
)
def test_every_choice_prints_the_label_django_would(model, field):
    assert issubclass(model, ChoiceLabels), (
        f"{model.__name__} has choices ({field.name}) but not the ChoiceLabels mixin: put it "
        "before models.Model in its bases."
    )
    display = f"get_{field.name}_display"
    instance = model()
    for value, label in field.flatchoices:
        setattr(instance, field.attname, value)
        assert getattr(instance, display)() == django_label(instance, field) == str(label)
    # A value that is not one of the choices (an old row, a bad import) prints as itself.
    for stray in ("not-a-choice", None, ""):
        setattr(instance, field.attname, stray)
        assert getattr(instance, display)() == django_label(instance, field)


def test_a_label_is_read_in_the_language_active_at_the_call():
    from meetings.models import Membership

    field = Membership._meta.get_field("role")
    membership = Membership(role=field.flatchoices[0][0])
    english = membership.get_role_display()
    with translation.override("cy"):
        # The site has no Welsh catalogue: the label is still text, not a lazy object.
        assert membership.get_role_display() == english
        assert type(membership.get_role_display()) is str


def test_a_value_that_cannot_be_a_key_is_printed_as_django_prints_it():
    from meetings.models import Body

    body = Body()
    body.kind = ["panel"]
    assert body.get_kind_display() == django_label(body, Body._meta.get_field("kind"))
