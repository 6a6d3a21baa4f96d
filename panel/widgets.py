"""Form widgets that render in Python rather than through a template per option.

Django's ``Select`` renders one template for the ``<select>`` and includes another for each
``<option>``: ~3.6 ms for the filters of one list page. A filter's options are plain text
with a value, so the markup is built here, escaped, with the same attributes and choices.

Options drawn from the record (bodies, owners, meetings) also cost a query and a model
instance each. A select given an ``options_key`` builds its options' markup once per record
version in each process (``panel.record_version.per_version``), keyed also on who is
asking when the caller puts that in the key, and marks the chosen option in the stored
markup.
"""

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from panel.record_version import per_version


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


def _mark_selected(html, values):
    for value in values:
        plain = f'<option value="{escape(value)}">'
        html = html.replace(plain, f'<option value="{escape(value)}" selected>', 1)
    return mark_safe(html)


class LightSelect(forms.Select):
    """A ``Select`` whose options are built in Python: same markup, no template per option.

    With ``options_key``, the options are built once per record version and kept.
    """

    options_key = None

    def render(self, name, value, attrs=None, renderer=None):
        if self.options_key is None:
            widget = self.get_context(name, value, attrs)["widget"]
            options = _options(widget["optgroups"])
        else:
            widget = self.get_context(name, None, attrs)["widget"]
            unselected = per_version(
                ("select-options", self.options_key),
                lambda: _options(self.optgroups(name, [])),
            )
            options = _mark_selected(unselected, self.format_value(value))
        return format_html(
            "<select{}>{}</select>",
            flatatt({"name": widget["name"], **widget["attrs"]}),
            options,
        )

    def get_context(self, name, value, attrs):
        if self.options_key is None:
            return super().get_context(name, value, attrs)
        # The options come from the store: skip building them into the context.
        choices, self.choices = self.choices, ()
        try:
            return super().get_context(name, value, attrs)
        finally:
            self.choices = choices


def lighten(form, names=None, *, stored=None):
    """Give ``form``'s select fields (or those ``names``) a LightSelect, keeping their
    attributes and choices. ``stored`` maps field names to an options key: those fields'
    options are built once per record version (the key must say everything the options
    depend on besides the record, such as the audience)."""
    stored = stored or {}
    for name, field in form.fields.items():
        widget = field.widget
        if (names is None or name in names) and type(widget) is forms.Select:
            light = LightSelect(attrs=widget.attrs)
            light.choices = widget.choices
            light.is_required = widget.is_required
            if name in stored:
                # The empty choice's wording is part of the options.
                light.options_key = f"{stored[name]}|{getattr(field, 'empty_label', '')}"
            field.widget = light
    return form


def fixed_options(filterset):
    """Options keys, for ``lighten(stored=...)``, of the filters of ``filterset`` whose
    choices are a fixed list (kinds, statuses, RAG ratings): the same for every visitor and
    every record version, so built once per process. Filters whose choices come from the
    record or from what the visitor may see (bodies, years, meetings, owners) are left out:
    their callers key them on what they depend on."""
    cls = type(filterset)
    return {
        name: f"{cls.__module__}.{cls.__qualname__}.{name}"
        for name, found in filterset.filters.items()
        if type(found) is django_filters.ChoiceFilter
        and isinstance(found.extra.get("choices"), list | tuple)
    }
