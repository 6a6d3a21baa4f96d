"""Every write that changes an action's state. The admin, the pages and the API call these.

Each transition is one function: keyword-only arguments, one transaction, the action row
locked with select_for_update() so two officers acting at once cannot both move it, a guard
that refuses a transition the current status does not allow, and one append-only
ActionEvent row (who, when, from, to, note).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from actions.models import Action, ActionEvent, Owner
from meetings.models import Resolution

S = Action.Status


class TransitionNotAllowed(ValidationError):
    """The action's current status does not allow the requested change."""

    def __init__(self, action, transition, allowed_from):
        allowed = ", ".join(str(S(s).label).lower() for s in allowed_from)
        ref = f"Action {action.reference or action.pk}"
        super().__init__(
            f"{ref} is {action.get_status_display().lower()}: it cannot be "
            f"{transition} (only an action that is {allowed} can).",
            code="transition_not_allowed",
        )


@dataclass(frozen=True)
class Transition:
    """One step of the workflow: its name, where it may start, and where it ends."""

    name: str
    verb: str
    allowed_from: tuple
    to: str


START = Transition("start", "started", (S.OPEN,), S.IN_PROGRESS)
SUBMIT = Transition(
    "submit", "submitted for sign-off", (S.OPEN, S.IN_PROGRESS), S.AWAITING_SIGN_OFF
)
COMPLETE = Transition(
    "complete", "marked complete", (S.OPEN, S.IN_PROGRESS, S.AWAITING_SIGN_OFF), S.COMPLETE
)
SIGN_OFF = Transition("sign_off", "signed off", (S.AWAITING_SIGN_OFF,), S.COMPLETE)
REOPEN = Transition(
    "reopen", "reopened", (S.IN_PROGRESS, S.AWAITING_SIGN_OFF, S.COMPLETE, S.WITHDRAWN), S.OPEN
)
WITHDRAW = Transition(
    "withdraw", "withdrawn", (S.OPEN, S.IN_PROGRESS, S.AWAITING_SIGN_OFF), S.WITHDRAWN
)
TRANSITIONS = {t.name: t for t in (START, SUBMIT, COMPLETE, SIGN_OFF, REOPEN, WITHDRAW)}


def _apply(*, action, transition, user, note="", status_wording=None, signed_off_at=None, **fields):
    with transaction.atomic():
        locked = Action.objects.select_for_update().get(pk=action.pk)
        if locked.status not in transition.allowed_from:
            raise TransitionNotAllowed(locked, transition.verb, transition.allowed_from)
        from_status = locked.status
        locked.status = transition.to
        if status_wording is not None:
            locked.status_wording = status_wording
        for name, value in fields.items():
            setattr(locked, name, value)
        if transition in (SIGN_OFF, REOPEN):
            # Signing off records the meeting; reopening forgets it.
            locked.signed_off_at = signed_off_at
        locked.save()
        ActionEvent.objects.create(
            action=locked,
            from_status=from_status,
            to_status=transition.to,
            actor=user if user is not None and user.is_authenticated else None,
            note=note,
            status_wording=status_wording or "",
            signed_off_at=signed_off_at,
        )
    # The caller's instance reflects the change too.
    action.refresh_from_db()
    return action


def action_start(*, action, user, note=""):
    """Work on the action has begun."""
    return _apply(action=action, transition=START, user=user, note=note)


def action_submit_for_sign_off(*, action, user, note="", status_wording=None):
    """The owner reports the action done; it waits for the board or Panel to sign it off."""
    return _apply(
        action=action, transition=SUBMIT, user=user, note=note, status_wording=status_wording
    )


def action_complete(*, action, user, note="", status_wording=None):
    """Mark the action complete without a formal sign-off at a meeting."""
    return _apply(
        action=action, transition=COMPLETE, user=user, note=note, status_wording=status_wording
    )


def action_sign_off(*, action, user, meeting, note="", status_wording=None):
    """The body signed the action off at ``meeting``: it is complete."""
    if meeting is None:
        raise ValidationError("Name the meeting at which the action was signed off.")
    if meeting.date < action.meeting.date:
        raise ValidationError(
            f"The action arose on {action.meeting.date:%-d %B %Y}: it cannot be signed off at "
            f"an earlier meeting ({meeting.date:%-d %B %Y})."
        )
    return _apply(
        action=action,
        transition=SIGN_OFF,
        user=user,
        note=note,
        status_wording=status_wording,
        signed_off_at=meeting,
    )


def action_reopen(*, action, user, note):
    """Bring a closed or submitted action back to open; the reason is required."""
    if not note.strip():
        raise ValidationError("Say why the action is being reopened.")
    return _apply(
        action=action,
        transition=REOPEN,
        user=user,
        note=note,
        signed_off_at=None,
        withdrawn_reason="",
    )


def action_withdraw(*, action, user, reason):
    """The action is no longer needed; the reason is required and kept."""
    if not reason.strip():
        raise ValidationError("Give the reason the action is withdrawn.")
    return _apply(
        action=action, transition=WITHDRAW, user=user, note=reason, withdrawn_reason=reason
    )


def action_transition(*, action, transition, user, **kwargs):
    """Apply a transition by name ("start", "submit", ...): for admin and API dispatch."""
    functions = {
        "start": action_start,
        "submit": action_submit_for_sign_off,
        "complete": action_complete,
        "sign_off": action_sign_off,
        "reopen": action_reopen,
        "withdraw": action_withdraw,
    }
    try:
        function = functions[transition]
    except KeyError:
        raise ValidationError(
            f"Unknown transition {transition!r}: use one of {', '.join(functions)}."
        ) from None
    return function(action=action, user=user, **kwargs)


def action_create(
    *,
    meeting,
    text,
    user=None,
    item=None,
    resolution=None,
    reference="",
    owners=(),
    due_date=None,
    target_meeting=None,
    status_wording="",
    follow_up="",
    restricted=False,
    note="",
):
    """Record a new open action, with the history row that says it was raised."""
    action = Action(
        meeting=meeting,
        item=item,
        resolution=resolution,
        reference=reference,
        text=text,
        due_date=due_date,
        target_meeting=target_meeting,
        status_wording=status_wording,
        follow_up=follow_up,
        restricted=restricted,
    )
    action.full_clean(exclude=["owners"])
    with transaction.atomic():
        action.save()
        if owners:
            action.owners.set(owners)
        ActionEvent.objects.create(
            action=action,
            from_status="",
            to_status=action.status,
            actor=user if user is not None and user.is_authenticated else None,
            note=note or "Action recorded.",
        )
    return action


def action_from_resolution(*, resolution, user, owners=(), due_date=None, target_meeting=None):
    """Turn a resolution that requests something into an action linked to it, in one step."""
    resolution = Resolution.objects.select_related("item__meeting").get(pk=resolution.pk)
    if Action.objects.filter(resolution=resolution).exists():
        raise ValidationError(
            f"Resolution {resolution} already has an action: open that one instead."
        )
    item = resolution.item
    reference = f"{item.number}.{resolution.number}" if resolution.number else item.number
    return action_create(
        meeting=item.meeting,
        item=item,
        resolution=resolution,
        reference=reference,
        text=resolution.text,
        owners=owners,
        due_date=due_date,
        target_meeting=target_meeting,
        user=user,
        restricted=not item.is_public,
        note=f"Raised from resolution {reference} of {item.meeting}.",
    )


def owner_for(name, *, person=None):
    """The owner called ``name`` (an office, or a person), created on first use."""
    owner, _ = Owner.objects.get_or_create(name=name, defaults={"person": person})
    return owner
