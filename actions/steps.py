"""What a step of the action workflow is: the shape of each entry of services.STEPS.

A step declares its name and wording, the statuses it is allowed from, its target, and what
it asks for (``Need``); the service, the admin, the API, the forms and the importer read these
declarations rather than repeating them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from actions.models import Action

Status = Action.Status


class TransitionNotAllowed(ValidationError):
    """The action's current status does not allow the requested step."""

    def __init__(self, action, step):
        allowed = ", ".join(str(Status(s).label).lower() for s in step.allowed_from)
        super().__init__(
            f"Action {action.reference or action.pk} is {action.get_status_display().lower()}: "
            f"it cannot be {step.verb} (only an action that is {allowed} can).",
            code="transition_not_allowed",
        )


@dataclass(frozen=True, kw_only=True)
class Need:
    """Something a step asks for, as its forms and its API endpoint ask for it.

    ``name`` is the service's keyword argument, ``api_name`` the API's field. ``kind`` is
    "text" (a paragraph), "wording" (the one-line status as reported) or "meeting".
    ``missing`` is "" when the need is optional, else what to say when it is not given;
    the ``_many`` wordings speak of several actions at once (the admin's bulk page).
    """

    name: str
    kind: str = "text"
    label: str
    label_many: str = ""
    help_text: str
    missing: str = ""
    missing_many: str = ""
    missing_api: str = ""
    api_name: str = ""

    @property
    def required(self):
        return bool(self.missing)

    @property
    def field_name(self):
        return self.api_name or self.name

    def wording(self, many=False):
        """The label and the missing message, for one action or for several."""
        if many:
            return self.label_many or self.label, self.missing_many or self.missing
        return self.label, self.missing

    def is_given(self, value):
        return value is not None and (not isinstance(value, str) or bool(value.strip()))


NOTE = Need(
    name="note",
    label="Note for the history (optional)",
    help_text="Why, or what was done: kept in the action's history.",
)
WORDING = Need(
    name="status_wording",
    kind="wording",
    label="Status as it will be reported (optional)",
    help_text='For example "complete, attached as an appendix". Left as it is when not given.',
)
CLOSING_WORDING = Need(
    name="status_wording",
    kind="wording",
    label="Status as it will be reported (optional)",
    help_text='For example "complete, attached as an appendix". Cleared when not given: the '
    "earlier wording stays in the action's history.",
)
MEETING = Need(
    name="meeting",
    kind="meeting",
    label="Meeting at which the action was signed off",
    label_many="Meeting at which the actions were signed off",
    help_text="The meeting at which the body signed the action off.",
    missing="Name the meeting at which the action was signed off.",
    missing_many="Choose the meeting at which the actions were signed off.",
    missing_api="Give event_id: the meeting at which the action was signed off.",
    api_name="event_id",
)


def no_updates(inputs):
    return {}


@dataclass(frozen=True, kw_only=True)
class ActionStep:
    """One step of the action workflow.

    ``label`` names its button, admin action and page; ``verb`` ends the refusal ("it cannot
    be {verb}"); ``done`` starts the admin's report ("Marked complete 2 actions: ...");
    ``summary`` and ``explanation`` document it on its page and in the API schema.
    ``asks`` is what it asks for; ``history_note`` names the input kept as the history row's
    note; ``updates`` gives the action's other fields the step sets, from its inputs; ``check``
    refuses inputs the step cannot take (it raises ValidationError). ``clears_wording``: the
    status as reported is replaced by the wording given, or cleared when none is given, rather
    than kept (a closing step: the old wording would sit stale beside "Complete"; the history
    keeps it in its earlier row). ``admin_action`` keeps the admin action's established name
    where it differs from ``name``.
    """

    name: str
    label: str
    verb: str
    done: str
    summary: str
    explanation: str
    allowed_from: tuple
    to: str
    asks: tuple = (NOTE,)
    history_note: str = "note"
    updates: Callable[[dict], dict] = no_updates
    check: Callable | None = None
    clears_wording: bool = False
    admin_action: str = ""

    @property
    def admin_name(self):
        return self.admin_action or self.name

    @property
    def url_path(self):
        return self.name.replace("_", "-")

    def new_wording(self, action, inputs):
        """The status as reported after the step: the wording given, else kept or cleared."""
        wording = inputs.get("status_wording")
        if wording is not None:
            return wording
        return "" if self.clears_wording else action.status_wording

    def allows(self, action):
        return action.status in self.allowed_from

    def taken_inputs(self, available):
        """Of ``available`` inputs, those the step asks for (the importer offers all it read)."""
        return {need.name: available[need.name] for need in self.asks if need.name in available}

    def checked_inputs(self, inputs):
        """The inputs with each need not given as None; refuses a required need left out."""
        unknown = set(inputs) - {need.name for need in self.asks}
        if unknown:
            raise TypeError(f"Step {self.name!r} takes no {', '.join(sorted(unknown))}.")
        for need in self.asks:
            if need.required and not need.is_given(inputs.get(need.name)):
                raise ValidationError(need.missing, code=f"{need.name}_required")
        return {need.name: inputs.get(need.name) for need in self.asks}
