"""The record in the admin: democratic services keep meetings, attendance and decisions here.

A meeting's page holds its agenda, attendance and declarations; an item's page holds its
papers and resolutions. Checks that span the rows of one submission live in meetings.forms.
Meetings, resolutions and minutes of record are deleted by superusers only, and the minutes'
history is read-only.

The minutes move through their lifecycle only by the steps declared in meetings.services
(STEPS): the minutes' page shows a button for each step their status allows, which opens the
step's page (what the step asks for) and calls its service. Once minutes are published, the
record's forms refuse changes to it (meetings.forms.RecordRowForm) and its rows cannot be
deleted: the record is changed by "Record a correction", which keeps the earlier text.

Importing this package registers every ModelAdmin (Django's admin autodiscovery does).
"""

from meetings.admin import minutes, people, record

__all__ = ["minutes", "people", "record"]
