"""Small pieces of the record's pages written in Python rather than included templates.

A list page repeats them on every row; an ``{% include %}`` costs a context push and a
template render each time (4 ms for a hundred rows of the members list), a filter or tag
a few microseconds; a whole row written by one tag saves the template's lookups of each cell
too (a quarter of the members list's rendering). The wording and markup are the pages' own.
"""

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import mark_safe
from django.utils.text import normalize_newlines

from meetings.templatetags.clock import clock
from panel.html import escaped, format_html

register = template.Library()

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def with_line_breaks(text):
    """``text`` escaped, each line break a ``<br>`` (the ``linebreaksbr`` filter)."""
    return mark_safe(escape(normalize_newlines(text)).replace("\n", "<br>"))


def first_words(text, count, truncate=" \u2026"):
    """``text``'s first ``count`` words, each run of white space one space, and ``truncate``
    after them if words were left out: ``Truncator(text).words(count, truncate=truncate)``,
    without building a lazy object for each row of a table."""
    words = text.split()
    if len(words) <= count:
        return " ".join(words)
    kept = " ".join(words[:count])
    return kept if kept.endswith(truncate) else f"{kept}{truncate}"


def long_date(day):
    """ "25 May 2023" (the ``j F Y`` of the date filter)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@register.filter
def term(membership):
    """A membership's term: "From 25 May 2023", or "25 May 2022 to 24 May 2023"."""
    if membership.end_date:
        return f"{long_date(membership.start_date)} to {long_date(membership.end_date)}"
    return f"From {long_date(membership.start_date)}"


@register.simple_tag
def membership_row(membership):
    """One row of the members list: the person (linked), role, council (or post when there
    is none), party and term. The person must be loaded with the membership. Written as one
    string, each value escaped (a page writes fifty)."""
    person = membership.person
    return mark_safe(
        '<tr class="govuk-table__row">'
        '<th scope="row" class="govuk-table__header">'
        f'<a class="govuk-link" href="{escaped(person.get_absolute_url())}">'
        f"{escaped(person.formal_name)}</a></th>"
        '<td data-label="Role" class="govuk-table__cell">'
        f"{escaped(membership.get_role_display())}</td>"
        '<td data-label="Council or post" class="govuk-table__cell">'
        f"{escaped(membership.council or membership.title)}</td>"
        f'<td data-label="Party" class="govuk-table__cell">{escaped(membership.party)}</td>'
        f'<td data-label="Term" class="govuk-table__cell">{term(membership)}</td>'
        "</tr>"
    )


# status -> (tag colour, wording); a meeting still "scheduled" after its date is shown as
# past rather than as to come: whether it was held is for its record to say.
STATUS_TAGS = {
    "held": ("green", "Held"),
    "cancelled": ("red", "Cancelled"),
    "postponed": ("orange", "Postponed"),
}


@register.simple_tag
def meeting_status_tag(meeting, today):
    """A meeting's status as a GOV.UK tag."""
    colour, text = STATUS_TAGS.get(
        meeting.status, ("grey", "Past meeting") if meeting.date < today else ("blue", "Scheduled")
    )
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


# minutes status -> the link's wording in the meetings list
MINUTES_LINKS = {"confirmed": "Confirmed minutes", "published": "Draft minutes"}


@register.simple_tag
def meeting_row(meeting, today):
    """One row of the meetings list: day and time, the meeting (linked) and its body, its
    status, and a link to the minutes its reader may see (``visible_minutes``), if any.

    Written as one string (a national page writes 25 of them): the dates, times and
    addresses are the site's own digits and words; the heading and the body's name (read
    from ``body_name`` where the list annotates it, else from the body) are escaped."""
    date = meeting.date
    when = f"{date.day} {MONTHS[date.month - 1]}"
    if meeting.start_time:
        when = f'{when}<br><span class="govuk-body-s">{clock(meeting.start_time)}</span>'
    heading = escaped(meeting.heading)
    body_name = getattr(meeting, "body_name", None)
    body_name = escaped(meeting.body.name if body_name is None else body_name)
    colour, status = STATUS_TAGS.get(
        meeting.status, ("grey", "Past meeting") if date < today else ("blue", "Scheduled")
    )
    minutes = meeting.visible_minutes
    if minutes:
        minutes_cell = (
            f'<a class="govuk-link" href="{escaped(meeting.get_minutes_url())}">'
            f"{MINUTES_LINKS.get(minutes.status, 'Unpublished draft')}"
            f'<span class="govuk-visually-hidden"> of {heading}, {long_date(date)}</span></a>'
        )
    else:
        minutes_cell = "\u2013"
    return mark_safe(
        '<tr class="govuk-table__row">'
        f'<td data-label="Date" class="govuk-table__cell">{when}</td>'
        '<td data-label="Meeting" class="govuk-table__cell">'
        f'<a class="govuk-link" href="{escaped(meeting.get_absolute_url())}">{heading}</a>'
        f'<br><span class="govuk-body-s">{body_name}</span></td>'
        '<td data-label="Status" class="govuk-table__cell">'
        f'<strong class="govuk-tag govuk-tag--{colour}">{status}</strong></td>'
        f'<td data-label="Minutes" class="govuk-table__cell">{minutes_cell}</td>'
        "</tr>"
    )


def _and_list(words):
    """ "1", "1 and 2", "1, 2 and 3"."""
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


@register.simple_tag
def attendee(attendance):
    """One line of the attendance: name, chair or role, substitution, and the minutes they
    were present for (``items`` prefetched)."""
    parts = [attendance.person.formal_name]
    if attendance.is_chair:
        parts.append(" (Chair)")
    elif attendance.role and attendance.status == "present":
        parts.append(f" ({attendance.role})")
    elif attendance.role:
        parts.append(f" – {attendance.role}")
    if attendance.substitute_for_id:
        parts.append(f", substituting for {attendance.substitute_for.formal_name}")
    items = attendance.items.all()
    if items:
        numbers = [str(item.number or item.order) for item in items]
        parts.append(f" (for minute{'s' if len(numbers) != 1 else ''} {_and_list(numbers)})")
    return "".join(parts)


@register.simple_tag
def item_confidentiality(item):
    """Why an item was taken in private, for those who may read it anyway."""
    if item.is_public:
        return ""
    return format_html(
        '<p class="govuk-body app-private-item"><strong class="govuk-tag govuk-tag--grey">{}'
        "</strong> {}</p>",
        item.get_confidentiality_display(),
        item.withheld_reason,
    )


ENTRY = '<div class="govuk-!-margin-bottom-6" id="item-{}">{}</div>'
HEADING = '<h3 class="govuk-heading-m">{}{}</h3>'
WITHHELD = HEADING + '<p class="govuk-body app-private-item">{}</p>'
PAPERS = '<h4 class="govuk-heading-s">Papers</h4><ul class="govuk-list">{}</ul>'
PAPER_RESTRICTED = mark_safe(' <strong class="govuk-tag govuk-tag--grey">Restricted</strong>')


def paper_line(paper):
    """A paper of an agenda item: its title (linked to its file, if there is one), whose
    report it is, and whether it is restricted or protectively marked."""
    title = (
        format_html('<a class="govuk-link" href="{}">{}</a>', paper.file.url, paper.title)
        if paper.file
        else paper.title
    )
    marking = ""
    if paper.marking != paper.Marking.NOT_MARKED:
        marking = format_html(
            ' <strong class="govuk-tag govuk-tag--grey">{}</strong>', paper.get_marking_display()
        )
    return format_html(
        "<li>{}{}{}{}</li>",
        title,
        f", report of the {paper.report_of}" if paper.report_of else "",
        PAPER_RESTRICTED if paper.is_restricted else "",
        marking,
    )


@register.simple_tag
def agenda_entry(entry):
    """One item of a meeting's agenda as its visitor may see it (meetings.views.AgendaEntry):
    number and title, why it was taken in private, its description and its papers; or, for
    an item withheld from the visitor, only its number and why it is withheld."""
    number = f"{entry.number}. " if entry.number else ""
    if entry.withheld:
        outline = entry.outline
        shown = format_html(WITHHELD, number, outline.withheld_heading, outline.withheld_reason)
    else:
        item = entry.item
        parts = [format_html(HEADING, number, item.title), item_confidentiality(item)]
        if item.description:
            parts.append(
                format_html('<div class="govuk-body">{}</div>', with_line_breaks(item.description))
            )
        papers = item.readable_papers
        if papers:
            parts.append(format_html(PAPERS, mark_safe("".join(map(paper_line, papers)))))
        shown = mark_safe("".join(parts))
    return format_html(ENTRY, entry.order, shown)


MINUTE = (
    '<section class="app-minutes__item" id="item-{0}" aria-labelledby="item-{0}-heading">'
    '<h2 class="govuk-heading-m app-minutes__item-heading" id="item-{0}-heading">{1}{2}</h2>'
    "{3}</section>"
)
RESOLVED = (
    '<p class="govuk-body app-minutes__resolved">RESOLVED:</p>'
    '<ol class="govuk-list app-minutes__resolutions">{}</ol>'
)


def resolution_line(resolution):
    """A resolution as the minutes print it: its number and words, then who moved and
    seconded it and the outcome, with the votes where they were counted."""
    said = []
    if resolution.mover:
        said.append(f"Moved by {resolution.mover.formal_name}")
        if resolution.seconder:
            said.append(f", seconded by {resolution.seconder.formal_name}")
        said.append(". ")
    if resolution.outcome:
        said.append(resolution.get_outcome_display())
        votes = (resolution.votes_for, resolution.votes_against, resolution.abstentions)
        if any(count is not None for count in votes):
            shown = ["\u2013" if count is None else count for count in votes]
            said.append(" (for {}, against {}, abstentions {})".format(*shown))
        said.append(".")
    motion = ""
    if (resolution.is_motion or resolution.outcome) and said:
        motion = format_html(
            '<p class="govuk-body app-minutes__motion">{}</p>', "".join(said).strip()
        )
    return format_html(
        '<li><p class="govuk-body">{}{}</p>{}</li>',
        f"{resolution.number}. " if resolution.number else "",
        with_line_breaks(resolution.text),
        motion,
    )


@register.simple_tag
def minute_entry(entry):
    """One minute as its reader may see it (meetings.views.AgendaEntry): number and title,
    why it was taken in private, its words and its resolutions; or, for a minute withheld
    from the reader, only its number and why it is withheld."""
    number = f"{entry.number}. " if entry.number else ""
    if entry.withheld:
        outline = entry.outline
        return format_html(
            MINUTE,
            entry.order,
            number,
            outline.withheld_heading,
            format_html('<p class="govuk-body app-private-item">{}</p>', outline.withheld_reason),
        )
    item = entry.item
    parts = [item_confidentiality(item)]
    if item.minutes_text:
        parts.append(
            format_html(
                '<div class="app-minutes__text">{}</div>',
                mark_safe(linebreaks(item.minutes_text, autoescape=True)),  # escapes it
            )
        )
    resolutions = item.readable_resolutions
    if resolutions:
        parts.append(format_html(RESOLVED, mark_safe("".join(map(resolution_line, resolutions)))))
    return format_html(MINUTE, entry.order, number, item.title, mark_safe("".join(parts)))


DECISION_ROW = (
    '<tr class="govuk-table__row">'
    '<td data-label="Meeting" class="govuk-table__cell">'
    '<a class="govuk-link" href="{}">{}, {}</a></td>'
    '<td data-label="Minute" class="govuk-table__cell">'
    '<a class="govuk-link" href="{}#item-{}">{}</a></td>'
    '<td data-label="Decision" class="govuk-table__cell">{}{}{}</td>'
    '<td data-label="Kind" class="govuk-table__cell">{}</td>'
    "</tr>"
)
MOVED = (
    '<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">'
    "Moved by {}, seconded by {}{}.</p>"
)


@register.simple_tag
def decision_row(resolution, searched=False):
    """A row of the decisions register: the meeting, the minute, the decision (its search
    excerpt when ``searched``), who moved and seconded it and the outcome, and its kind."""
    item = resolution.item
    meeting = item.meeting
    words = resolution.search_excerpt if searched else with_line_breaks(resolution.text)
    moved = ""
    if resolution.is_motion or resolution.outcome:
        outcome = f": {resolution.get_outcome_display().lower()}" if resolution.outcome else ""
        moved = format_html(
            MOVED,
            resolution.mover or "(not recorded)",
            resolution.seconder or "(not recorded)",
            outcome,
        )
    return format_html(
        DECISION_ROW,
        meeting.get_absolute_url(),
        meeting.body.label,
        long_date(meeting.date),
        meeting.get_minutes_url(),
        item.order,
        item,
        f"{resolution.number}. " if resolution.number else "",
        words,
        moved,
        resolution.get_kind_display(),
    )
