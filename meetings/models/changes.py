"""When each row of the open data last changed: ``updated_at`` on every resource the API serves.

A re-user's mirror asks for what changed since its last sync (``?updated_since=``); the column
is set on every save (``auto_now``) and indexed for that question.
"""

from django.db import models


def updated_at_field():
    return models.DateTimeField(
        auto_now=True,
        db_index=True,
        help_text="When this row last changed (set on every save).",
    )
