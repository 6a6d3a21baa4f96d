"""Template tags that put the action log on the record's pages.

The record (``meetings``) never imports the action log; its templates load these tags
instead, so the home page shows outstanding actions by RAG and a meeting's page shows the
actions that arose at it. Each tag starts from ``Action.objects.visible_to(audience)`` and runs
a fixed number of queries, however many actions there are.
"""

from django import template
from django.db import models

from actions.models import Action, prefetch_owners, visible_actions
from actions.templatetags.action_table import ARISING_COLUMNS
from meetings.visibility import Audience

register = template.Library()

RAG_TAG_COLOURS = {Action.Rag.RED: "red", Action.Rag.AMBER: "orange", Action.Rag.GREEN: "green"}


@register.inclusion_tag("includes/actions_arising.html", takes_context=True)
def actions_arising(context, meeting):
    """The actions that arose at ``meeting`` that the visitor may see, with owners and RAG."""
    request = context.get("request")
    audience = Audience.of(request) if request is not None else Audience()
    actions = visible_actions(
        audience,
        "arising",
        lambda visible: (
            visible.select_related("target_meeting__body")
            .only(*ARISING_COLUMNS)
            .fetch_mode(models.FETCH_PEERS)
            .prefetch_related(prefetch_owners())
            .order_by("reference_key", "pk")
        ),
    ).filter(meeting=meeting)
    return {"actions": actions, "meeting": meeting}
