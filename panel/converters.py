"""The ``<id:...>`` path converter for database ids.

Django's ``<int:...>`` matches any number of digits, so ``/meetings/99999999999999999999/``
reaches the database with a number no id column holds and fails there. Ids here are at most
18 digits, which every database's 64-bit key holds; longer numbers do not match, so such an
address is a plain 404.

Importing this module registers the converter; URL modules that use it import it. Code
that takes an id from a form or a query string checks it with ``is_id``, the same rule.
"""

import re

from django.urls import register_converter

ID_REGEX = "[0-9]{1,18}"


def is_id(value):
    """Whether ``value`` (a string from a request) can be a database id."""
    return re.fullmatch(ID_REGEX, value) is not None


class IdConverter:
    regex = ID_REGEX

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(IdConverter, "id")
