"""One way of writing times on every page, as the GOV.UK style guide does: "1pm", "10:30am",
"midday", "midnight"; with a date, "26 July 2023, 1:05pm"."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def clock(value):
    """A time of day ("1pm", "10:30am", "midday"); a datetime's local time likewise."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.time()
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    if (value.hour, value.minute) == (0, 0):
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


@register.filter
def when(value):
    """A moment: "26 July 2023, 1:05pm"."""
    if value in (None, ""):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date_format(local, 'j F Y')}, {clock(local)}"
