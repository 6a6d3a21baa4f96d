"""Removals: a tombstone for each row of the open data deleted, so that mirrors can drop it.

A mirror of the API learns of new and changed rows from ``?updated_since=``; a deleted row is
simply no longer there, which a list cannot say. So every deletion of a row an API list
serves writes a ``Removal`` (meetings.sync connects the signal), and /api/v1/deletions/
lists them. The table is the mirrors' history of what went: rows are only ever added.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

APPEND_ONLY = "Removals are the mirrors' history of deletions: rows cannot be changed or deleted."


class RemovalQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError(APPEND_ONLY)

    delete.queryset_only = True

    def update(self, **kwargs):
        raise ValidationError(APPEND_ONLY)

    update.queryset_only = True


class Removal(models.Model):
    """The deletion of one row of an API resource (an organization, a person, an event...)."""

    resource = models.CharField(
        max_length=40, help_text='The API list the row was in, e.g. "events" or "actions".'
    )
    object_id = models.BigIntegerField(help_text="The id the row had.")
    at = models.DateTimeField(default=timezone.now, help_text="When it was deleted.")

    objects = RemovalQuerySet.as_manager()

    class Meta:
        ordering = ["at", "resource", "object_id"]
        indexes = [
            # The deletions feed reads them from a time on, in this order (meetings.api_sync).
            models.Index(fields=["at", "resource", "object_id"], name="removal_feed_order"),
        ]

    def __str__(self):
        return f"{self.resource} {self.object_id} deleted {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(APPEND_ONLY)
