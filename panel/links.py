"""Addresses of the record's pages, built from a pattern reversed once.

A list page asks every row for its address (``get_absolute_url``), and Django's ``reverse``
takes ~25 microseconds a call: a millisecond for a page of actions. The addresses that take
one id or slug are built here from the address ``reverse`` gives for a stand-in value,
reversed once per URL name, prefix and URL configuration, with the real value put in its
place. Anything but a plain id or slug goes through ``reverse`` itself, so the answer is
always the one ``reverse`` would give.

Within a request (``RequestAddressesMiddleware``), each kind of address is worked out once:
the prefix and URL configuration it is built from are the request's, and reading them costs
more than the rest of building an address (a page of events writes 150 addresses).
"""

import re
from contextvars import ContextVar
from functools import cache

from django.urls import get_script_prefix, get_urlconf, reverse

# Digits match every converter the pages use (id, int, slug, str), and appear nowhere else in
# an address.
STAND_IN = "7310594826"
PLAIN = re.compile(r"[-A-Za-z0-9_]+")


@cache
def _around(viewname, kwarg, prefix, urlconf):
    url = reverse(viewname, kwargs={kwarg: STAND_IN}, urlconf=urlconf)
    if url.count(STAND_IN) != 1:
        return None
    head, _, tail = url.partition(STAND_IN)
    return head, tail


# (viewname, kwarg) -> _around's answer for the request being handled; None outside one.
_request_addresses = ContextVar("request_addresses", default=None)


def _around_here(viewname, kwarg):
    known = _request_addresses.get()
    if known is None:
        return _around(viewname, kwarg, get_script_prefix(), get_urlconf())
    key = (viewname, kwarg)
    if key not in known:
        # A request's prefix and URL configuration hold while it is handled.
        known[key] = _around(viewname, kwarg, get_script_prefix(), get_urlconf())
    return known[key]


class RequestAddressesMiddleware:
    """Keeps the kinds of address a request writes for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_addresses.set({})
        try:
            return self.get_response(request)
        finally:
            _request_addresses.reset(token)


def page_url(viewname, **kwargs):
    """``reverse(viewname, kwargs=kwargs)`` for an address with one id or slug."""
    ((kwarg, value),) = kwargs.items()
    if type(value) is int:
        text = str(value)
    elif isinstance(value, str) and not value.isdigit():  # "01" is for the converter to read
        text = value
    else:
        text = None
    if text is not None and PLAIN.fullmatch(text):
        around = _around_here(viewname, kwarg)
        if around is not None:
            return f"{around[0]}{text}{around[1]}"
    return reverse(viewname, kwargs=kwargs)
