"""The page links a paginated list shows: a window around the current page, not every page.

A national list of meetings runs to ~100 pages; linking each costs ~37 ms of rendering and a
long row of links nobody reads. GOV.UK's pagination pattern shows the first and last pages,
the current page with two either side, and an ellipsis for each gap.
"""

from django import template

register = template.Library()

PAGES_EACH_SIDE = 2


@register.filter
def page_window(page):
    """Page numbers to link for ``page`` (a Page), with ``Paginator.ELLIPSIS`` for gaps."""
    return page.paginator.get_elided_page_range(
        page.number, on_each_side=PAGES_EACH_SIDE, on_ends=1
    )
