"""The action log's summary on the record's pages, counted once per audience, day and
record version (actions.counts), not on every view of the home page."""

from django import template

from actions.counts import outstanding_rag_counts
from actions.models import Action
from actions.templatetags.action_counts import RAG_TAG_COLOURS
from meetings.visibility import Audience

register = template.Library()


@register.inclusion_tag("includes/action_counts.html", takes_context=True)
def outstanding_action_counts(context):
    """Outstanding actions the visitor may see, counted by RAG rating."""
    request = context.get("request")
    audience = Audience.of(request) if request is not None else Audience()
    counts = outstanding_rag_counts(audience)
    rows = [
        {"rag": rag, "label": label, "count": counts[rag], "colour": RAG_TAG_COLOURS[rag]}
        for rag, label in Action.Rag.choices
    ]
    return {"rows": rows, "total": sum(row["count"] for row in rows)}
