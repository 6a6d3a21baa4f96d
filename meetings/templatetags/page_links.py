"""The page links a paginated list shows: a window around the current page, not every page.

A national list of meetings runs to ~100 pages; linking each costs ~37 ms of rendering and a
long row of links nobody reads. GOV.UK's pagination pattern shows the first and last pages,
the current page with its neighbours, and an ellipsis for each gap.

The links are written by one tag (``pagination``) rather than a template with a
``{% querystring %}`` for each: that template cost a millisecond of every long list page,
which a short list (one page, no links) never pays.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

PAGES_EACH_SIDE = 2

PREVIOUS = (
    '  <div class="govuk-pagination__prev">\n'
    '    <a class="govuk-link govuk-pagination__link" href="{}" rel="prev">\n'
    '      <svg class="govuk-pagination__icon govuk-pagination__icon--prev"'
    ' xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true"'
    ' focusable="false" viewBox="0 0 15 13"><path d="m6.5938-0.0078125-6.7266 6.7266 6.7441'
    ' 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>'
    "</svg>\n"
    '      <span class="govuk-pagination__link-title">Previous'
    '<span class="govuk-visually-hidden"> page</span></span>\n'
    "    </a>\n"
    "  </div>\n"
)
NEXT = (
    '  <div class="govuk-pagination__next">\n'
    '    <a class="govuk-link govuk-pagination__link" href="{}" rel="next">\n'
    '      <span class="govuk-pagination__link-title">Next'
    '<span class="govuk-visually-hidden"> page</span></span>\n'
    '      <svg class="govuk-pagination__icon govuk-pagination__icon--next"'
    ' xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true"'
    ' focusable="false" viewBox="0 0 15 13"><path d="m8.107-0.0078125-1.4136 1.414 4.2926'
    ' 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>'
    "</svg>\n"
    "    </a>\n"
    "  </div>\n"
)
GAP = '    <li class="govuk-pagination__item govuk-pagination__item--ellipsis">&ctdot;</li>\n'
CURRENT = (
    '    <li class="govuk-pagination__item govuk-pagination__item--current">'
    '<a class="govuk-link govuk-pagination__link" href="{href}" aria-label="Page {number}"'
    ' aria-current="page">{number}</a></li>\n'
)
OTHER = (
    '    <li class="govuk-pagination__item"><a class="govuk-link govuk-pagination__link"'
    ' href="{href}" aria-label="Page {number}">{number}</a></li>\n'
)


def page_window(page, each_side=PAGES_EACH_SIDE):
    """Page numbers to link for ``page`` (a Page), with ``Paginator.ELLIPSIS`` for gaps."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=each_side, on_ends=1)


def page_addresses(query):
    """A function from a page number to the address of that page of the list: ``query``
    (the request's ``GET``) with its ``page`` set to the number, as
    ``{% querystring page=number %}`` writes it."""
    params = query.copy()

    def address(number):
        params["page"] = number
        return f"?{params.urlencode()}"

    return address


@register.simple_tag(takes_context=True)
def pagination(context, page, each_side=PAGES_EACH_SIDE):
    """GOV.UK pagination for ``page``, keeping the request's other query parameters:
    previous and next, the first and last pages, the current page with ``each_side``
    pages either side, and an ellipsis for each gap. Nothing for a list of one page."""
    if page is None or not page.has_other_pages():
        return ""
    address = page_addresses(context.request.GET)
    html = ['<nav class="govuk-pagination" aria-label="Pages of results">\n']
    if page.has_previous():
        html.append(PREVIOUS.format(escape(address(page.previous_page_number()))))
    html.append('  <ul class="govuk-pagination__list">\n')
    ellipsis = page.paginator.ELLIPSIS
    for number in page_window(page, each_side):
        if number == ellipsis:
            html.append(GAP)
        else:
            row = CURRENT if number == page.number else OTHER
            html.append(row.format(href=escape(address(number)), number=number))
    html.append("  </ul>\n")
    if page.has_next():
        html.append(NEXT.format(escape(address(page.next_page_number()))))
    html.append("</nav>\n")
    return mark_safe("".join(html))
