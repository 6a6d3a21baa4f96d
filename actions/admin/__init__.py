"""The action log's admin: the actions and their workflow, owners, and reminders sent."""

from actions.admin import (
    action_log,  # noqa: F401 (registers the action log's admin)
    progress,  # noqa: F401 (registers the progress updates' review)
)
