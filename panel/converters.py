"""The ``<id:...>`` path converter for database ids.

Django's ``<int:...>`` matches any number of digits, so ``/meetings/99999999999999999999/``
reaches the database with a number no id column holds and fails there. Ids here are at most
18 digits, which every database's 64-bit key holds; longer numbers do not match, so such an
address is a plain 404.

Importing this module registers the converter; URL modules that use it import it.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(IdConverter, "id")
