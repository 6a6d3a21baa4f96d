"""panel.html.format_html writes what Django's format_html writes, for every kind of value."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import html as django_html
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe

from panel import html


class Marked:
    """Neither a string nor safe, but knows its own markup (as a form's bound field does)."""

    def __html__(self):
        return "<b>marked</b>"

    def __str__(self):
        return "<not used>"


class NameForm(forms.Form):
    name = forms.CharField()


lazy_text = lazy(lambda: 'Tom & "Jerry" <script>', str)


@pytest.mark.parametrize(
    "value",
    [
        "Tom & \"Jerry\" <script>alert('x')</script>",
        "",
        "Caf\u00e9 \u2013 \u201cquoted\u201d",
        mark_safe("<em>already safe</em>"),
        SafeString("<i>safe</i> & sound"),
        42,
        Decimal("1.50"),
        None,
        datetime.date(2023, 7, 26),
        lazy_text(),
        Marked(),
    ],
    ids=lambda value: type(value).__name__,
)
def test_each_value_is_escaped_as_django_escapes_it(value):
    template = '<td data-label="{}" class="govuk-table__cell">{}</td>'

    ours = html.format_html(template, value, value)

    assert ours == django_html.format_html(template, value, value)
    assert isinstance(ours, SafeString)


def test_a_forms_field_and_named_arguments_read_as_djangos():
    field = NameForm()["name"]
    template = "<p>{label}: {}</p>"

    assert html.format_html(template, field, label="A & B") == django_html.format_html(
        template, field, label="A & B"
    )


def test_the_format_string_itself_is_not_escaped_and_braces_still_format():
    assert html.format_html("<a href='{}'>{{x}}</a>", "/a?b=1&c=2") == (
        "<a href='/a?b=1&amp;c=2'>{x}</a>"
    )
