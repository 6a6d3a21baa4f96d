"""What the site search finds in the action log (meetings.search finds this module and has
the engine): actions by their text, only those the visitor may see.

The GIN index of ``actions/migrations/0002_search_indexes.py`` is built over these fields.
"""

from actions.models import Action
from meetings.search import Kind, register

ACTIONS = register(
    Kind(
        key="actions",
        title="Actions",
        position=40,
        readable=lambda audience: Action.objects.visible_to(audience).select_related(
            "meeting__body"
        ),
        fields=("text",),
        # Stored on the row (actions.models): newest first without a join.
        newest=(("meeting_date", True), ("pk", True)),
        excerpt_field="text",
    )
)
