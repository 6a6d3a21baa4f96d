"""What the site search finds in the action log (meetings.search finds this module and has
the engine): actions by their text, only those the visitor may see.

PostgreSQL keeps each action's words in ``search_vector``, with a GIN index
(``actions/migrations/0010_search_vectors.py``).
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
        stored_vector="search_vector",
        # Stored on the row (actions.models): newest first without a join.
        newest=(("meeting_date", True), ("pk", True)),
        excerpt_field="text",
    )
)
