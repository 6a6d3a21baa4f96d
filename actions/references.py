"""How printed references ("8b", "9.1a", "10.2") sort: as people read them, not as text.

An action stores the key (``Action.reference_key``) so that lists sort by it in the database,
with an index, rather than loading every row to sort in Python.
"""

import re

# Wide enough for any number printed in a reference (minute numbers run to the thousands).
NUMBER_WIDTH = 8
# A 20-character reference holds at most 10 runs of digits, each widened to NUMBER_WIDTH.
KEY_LENGTH = 100

_PARTS = re.compile(r"[0-9]+|[^\W\d_]+")


def reference_key(reference):
    """A text that sorts ``reference`` naturally: "8b" < "9.1a" < "9.2" < "10.2" < "11.2".

    Numbers are zero-padded so that 9 sorts before 10; letters are lower-cased. Punctuation
    is left out: database collations other than "C" ignore it anyway, so keeping it would make
    PostgreSQL and SQLite disagree. A number sorts before a letter in the same place ("8.1"
    before "8b"), as a digit sorts before a letter in every collation.
    """
    parts = _PARTS.findall(reference.casefold())
    return "".join(
        part.lstrip("0").rjust(NUMBER_WIDTH, "0") if part.isdigit() else part for part in parts
    )[:KEY_LENGTH]
