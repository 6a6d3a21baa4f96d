"""The cells of the action tables that every row repeats, written in Python.

The outstanding actions list, My actions and the body pages print 25 or more rows; each
cell written as template tags and filters costs tens of microseconds a row, these a few.
The markup and wording are the tables' own.
"""

from django import template
from django.utils.safestring import mark_safe

from actions.models import Action
from meetings.templatetags.record_text import MONTHS, first_words, long_date
from panel.html import escaped, format_html

register = template.Library()

# rating -> (tag colour, wording, what a screen reader hears after it)
RAG_TAGS = {
    Action.Rag.RED: ("red", "Red", " (overdue)"),
    Action.Rag.AMBER: ("orange", "Amber", " (due within 14 days)"),
    Action.Rag.GREEN: ("green", "Green", ""),
}


@register.simple_tag
def rag_tag(rag):
    """An action's RAG rating as a GOV.UK tag; a closed action has none."""
    if rag not in RAG_TAGS:
        return mark_safe('<span class="govuk-visually-hidden">No rating (closed)</span>')
    colour, text, spoken = RAG_TAGS[rag]
    if spoken:
        return format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}<span class="govuk-visually-hidden">{}'
            "</span></strong>",
            colour,
            text,
            spoken,
        )
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.filter
def owner_names(action, none="Not assigned"):
    """ "OPCC, Force", or ``none`` (the owners must be prefetched: ``prefetch_owners``)."""
    return ", ".join(owner.name for owner in action.owner_list) or none


def short_date(day):
    """ "1 Oct 2023"."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


# What ``action_row`` reads of an action and the meeting it arose at (its owners are
# prefetched): a page of the list loads only these columns.
ROW_COLUMNS = (
    "reference",
    "text",
    "is_public",
    "due_date",
    "target_meeting_id",
    "status",
    "meeting__date",
    "meeting__body__name",
    "meeting__body__short_name",
)
RESTRICTED = mark_safe(' <strong class="govuk-tag govuk-tag--grey">Restricted</strong>')


ARISING_ROW = (
    '<tr class="govuk-table__row">'
    '<td data-label="Ref." class="govuk-table__cell">{}</td>'
    '<td data-label="Action" class="govuk-table__cell"><a class="govuk-link" href="{}">{}</a>{}</td>'
    '<td data-label="Owner" class="govuk-table__cell">{}</td>'
    '<td data-label="Due" class="govuk-table__cell">{}</td>'
    '<td data-label="Status" class="govuk-table__cell">{}{}{}</td>'
    "</tr>"
)
# What ``arising_row`` reads of an action and the meeting it goes back to (its owners are
# prefetched).
ARISING_COLUMNS = (
    "reference",
    "text",
    "is_public",
    "due_date",
    "status",
    "status_wording",
    "target_meeting__date",
    "target_meeting__body__name",
    "target_meeting__body__short_name",
)
ARISING_RAG = {rag: (colour, rag.capitalize()) for rag, (colour, *_) in RAG_TAGS.items()}


@register.simple_tag
def arising_row(action):
    """One row of a meeting's actions arising: reference, the action (its first 30 words,
    linked), owners, when it is due (a date, or the meeting it goes back to) and its status,
    RAG rating and the status as reported."""
    if action.due_date:
        due = short_date(action.due_date)
    elif action.target_meeting_id:
        back_to = action.target_meeting
        due = f"{back_to.body.label}, {short_date(back_to.date)}"
    else:
        due = "\u2013"
    rag = ARISING_RAG.get(action.rag)
    return format_html(
        ARISING_ROW,
        action.reference or "\u2013",
        action.get_absolute_url(),
        first_words(action.text, 30),
        RESTRICTED if action.is_restricted else "",
        owner_names(action, "\u2013"),
        due,
        action.get_status_display(),
        format_html(' <strong class="govuk-tag govuk-tag--{}">{}</strong>', *rag) if rag else "",
        format_html('<br><span class="govuk-body-s">\u201c{}\u201d</span>', action.status_wording)
        if action.status_wording
        else "",
    )


@register.simple_tag
def action_row(action):
    """One row of an action table: reference, the action (its first 30 words, linked, and the
    meeting it arose at), owners, due date, status and RAG rating. Written as one string
    (a page writes 25), each value from the record escaped."""
    meeting = action.meeting
    arose_at = f"{meeting.body.label}, {long_date(meeting.date)}"
    due = action.due_date
    due_text = f'<time datetime="{due.isoformat()}">{short_date(due)}</time>' if due else "No date"
    if action.target_meeting_id:
        due_text = f'{due_text}<br><span class="govuk-body-s">Back to a later meeting</span>'
    return mark_safe(
        '<tr class="govuk-table__row">'
        f'<td data-label="Ref" class="govuk-table__cell">{escaped(action.reference or "–")}</td>'
        '<td data-label="Action" class="govuk-table__cell">'
        f'<a class="govuk-link" href="{escaped(action.get_absolute_url())}">'
        f"{escaped(first_words(action.text, 30))}</a>"
        f'<br><span class="govuk-body-s">From the {escaped(arose_at)} meeting</span>'
        f"{RESTRICTED if action.is_restricted else ''}</td>"
        f'<td data-label="Owner" class="govuk-table__cell">{escaped(owner_names(action))}</td>'
        f'<td data-label="Due" class="govuk-table__cell">{due_text}</td>'
        '<td data-label="Status" class="govuk-table__cell">'
        f"{escaped(action.get_status_display())}</td>"
        f'<td data-label="RAG" class="govuk-table__cell">{rag_tag(action.rag)}</td>'
        "</tr>"
    )
