"""The ``<id:...>`` path converter for database ids, and the one way an id is written.

An id is written one way only: ASCII digits, no sign, no leading zero. Django's
``<int:...>`` and Python's ``int()`` are more forgiving: ``int()`` reads "+1", "01" and the
digit one of other scripts (Arabic-Indic, fullwidth) all as 1, so /meetings/01/ and
/meetings/+1/ would be other addresses of meeting 1, each cached and linked on its own. They
are 404s instead.

Ids here are at most 18 digits, which every database's 64-bit key holds: a longer number
would reach the database with a value no id column holds and fail there.

Importing this module registers the converter; URL modules that use it import it. Code
that takes an id from a form, a query string or an API path checks it with ``is_id``, the
same rule.
"""

import re

from django.urls import register_converter

ID_REGEX = "[1-9][0-9]{0,17}"
# The largest id the rule allows (18 digits), for the API schema's path parameters.
MAX_ID = 10**18 - 1


def is_id(value):
    """Whether ``value`` (a string from a request) is an id as this site writes one."""
    return re.fullmatch(ID_REGEX, value, flags=re.ASCII) is not None


class IdConverter:
    regex = ID_REGEX

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(IdConverter, "id")
