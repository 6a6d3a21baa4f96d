"""Markup as a browser shows it, for the tests that pin a page's markup."""

import re

# Beside these tags a browser shows no white space.
BLOCK_TAG = re.compile(r" ?(</?(?:section|div|h[1-6]|p|ul|ol|li)\b[^>]*>) ?")

# Why an item taken in private under paragraph 3 of Schedule 12A is withheld.
EXEMPT_PARAGRAPH_3 = (
    "This item was considered in private (exempt information under paragraph 3 of "
    "Schedule 12A to the Local Government Act 1972)."
)


def shown_markup(html):
    """``html`` without the white space a browser does not show: each run of it is one
    space, and none is kept beside a block's tags."""
    return BLOCK_TAG.sub(r"\1", re.sub(r"\s+", " ", html))


def as_public_and_member(client, member_user, url, read):
    """``read(response)`` of the page at ``url`` for the public, then for a signed-in member."""
    public = read(client.get(url))
    client.force_login(member_user)
    return public, read(client.get(url))
