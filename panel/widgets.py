"""Form widgets that render in Python rather than through a template per option.

Django's ``Select`` renders one template for the ``<select>`` and includes another for each
``<option>``: ~3.6 ms for the filters of one list page. A filter's options are plain text
with a value, so the markup is built here, escaped, with the same attributes and choices.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _options(optgroups):
    rows = []
    for group_name, options, _index in optgroups:
        inner = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for option in options
            ),
        )
        rows.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, inner)
            if group_name
            else inner
        )
    return mark_safe("".join(rows))


class LightSelect(forms.Select):
    """A ``Select`` whose options are built in Python: same markup, no template per option."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": widget["name"], **widget["attrs"]}),
            _options(widget["optgroups"]),
        )


def lighten(form, names=None):
    """Give ``form``'s select fields (or those ``names``) a LightSelect, keeping their
    attributes and choices."""
    for name, field in form.fields.items():
        widget = field.widget
        if (names is None or name in names) and type(widget) is forms.Select:
            light = LightSelect(attrs=widget.attrs)
            light.choices = widget.choices
            light.is_required = widget.is_required
            field.widget = light
    return form
